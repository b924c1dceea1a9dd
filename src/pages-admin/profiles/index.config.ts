export default definePageConfig({
  navigationBarTitleText: '公示信息审核',
});
