export default definePageConfig({
  navigationBarTitleText: '走访关爱名册',
});
