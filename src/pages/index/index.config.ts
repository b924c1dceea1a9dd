export default definePageConfig({
  navigationBarTitleText: '五员共治',
  enablePullDownRefresh: true,
});
