export default definePageConfig({
  navigationBarTitleText: '绑定实体会员卡',
});
