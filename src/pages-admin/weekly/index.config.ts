export default definePageConfig({
  navigationBarTitleText: '治理周报',
});
