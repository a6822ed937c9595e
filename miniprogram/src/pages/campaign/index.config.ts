export default definePageConfig({
  navigationBarTitleText: '领取礼品',
});
