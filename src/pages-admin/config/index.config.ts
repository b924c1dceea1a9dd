export default definePageConfig({
  navigationBarTitleText: '配置',
});
