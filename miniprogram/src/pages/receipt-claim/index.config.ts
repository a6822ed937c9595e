export default definePageConfig({
  navigationBarTitleText: '小票积分',
});
