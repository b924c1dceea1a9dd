export default definePageConfig({
  navigationBarTitleText: '绑定五员身份',
});
