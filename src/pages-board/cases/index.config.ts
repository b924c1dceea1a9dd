export default definePageConfig({
  navigationBarTitleText: '公开的诉求',
  enablePullDownRefresh: true,
});
