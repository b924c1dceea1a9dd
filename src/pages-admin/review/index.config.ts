export default definePageConfig({
  navigationBarTitleText: '公开内容审核',
  enablePullDownRefresh: true,
});
