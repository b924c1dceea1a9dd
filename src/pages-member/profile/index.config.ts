export default definePageConfig({
  navigationBarTitleText: '公示牌信息',
});
