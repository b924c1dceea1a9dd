/**
 * End-to-end tests: the built H5 app (dist-h5) served by the real host, driven in headless
 * Chromium. One test at a time: each starts its own host and browser, and the machine is small.
 * Build first (`npm run build:h5`); the browser comes from CHROME_PATH or /usr/bin/chromium
 * (`bash scripts/ensure-browser.sh` finds or installs one).
 *
 * devtools-smoke.test.ts runs here too (the unit-test config ignores tests/e2e/); it skips itself
 * unless WECHAT_DEVTOOLS_CLI points at WeChat DevTools.
 */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/e2e'],
  testMatch: ['<rootDir>/tests/e2e/**/*.e2e.ts', '<rootDir>/tests/e2e/devtools-smoke.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' } }],
  },
  maxWorkers: 1,
  testTimeout: 120000,
};
