export default definePageConfig({
  navigationBarTitleText: '案件',
  enablePullDownRefresh: true,
  onReachBottomDistance: 160,
});
