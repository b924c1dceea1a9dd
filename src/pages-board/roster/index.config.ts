export default definePageConfig({
  navigationBarTitleText: '五员公示牌',
});
