export default definePageConfig({
  navigationBarTitleText: '扫码领取',
});
