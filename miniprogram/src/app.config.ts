export default defineAppConfig({
  pages: ['pages/home/index'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '会员中心',
    navigationBarTextStyle: 'black',
  },
  // WeChat privacy agreement: privacy APIs (phone number, camera...) stay blocked until the
  // shopper agrees (protocols/wechat-miniprogram.md).
  __usePrivacyCheck__: true,
});
