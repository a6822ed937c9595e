export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/privacy-notice/index',
    'pages/signup/index',
    'pages/phone-binding/index',
    'pages/card-binding/index',
    'pages/account/index',
    'pages/login/index',
    'pages/points/index',
    'pages/scan/index',
    'pages/campaign/index',
    'pages/survey/index',
    'pages/parking/index',
    'pages/member-code/index',
    'pages/receipt-claim/index',
  ],
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
