export default definePageConfig({
  navigationBarTitleText: '院坝会',
});
