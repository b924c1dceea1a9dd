export default definePageConfig({
  navigationBarTitleText: '各社区',
  enablePullDownRefresh: true,
});
