export default {
  component: true,
  // The bar's classes live in the app's shared stylesheet; a custom component is isolated by default.
  styleIsolation: 'apply-shared',
};
