// Stands in for wx-server-sdk when a bundle is loaded outside the WeChat cloud (load-time figures).
module.exports = {
  DYNAMIC_CURRENT_ENV: 'stub',
  init() {},
  getWXContext() {
    return {};
  },
  database() {
    return {};
  },
  openapi: {},
};
