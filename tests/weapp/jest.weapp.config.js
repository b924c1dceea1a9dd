/**
 * The weapp journeys: the built mini-program (dist-weapp) loaded as WeChat loads it and rendered
 * by WeChat's component framework (exparser, through miniprogram-simulate and j-component) in
 * jsdom, its templates compiled by WeChat's own wcc. Run by `npm run test:weapp`, which builds
 * the weapp first and compiles it with miniprogram-ci.
 */
module.exports = {
  rootDir: '../..',
  testEnvironment: '<rootDir>/tests/weapp/harness/environment.js',
  // The functions run in-process with their Node packages (not the browser builds jsdom would pick).
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
  roots: ['<rootDir>/tests/weapp'],
  testMatch: ['<rootDir>/tests/weapp/**/*.weapp.ts'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' } }],
  },
  // TypeScript sources before built JavaScript, as in the unit tests: the cloud world requires
  // cloudfunctions/<name>/index, and a stale index.js built from it must not stand in for it.
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'jsx', 'json', 'node'],
  // The built mini-program runs as WeChat runs it: untransformed.
  transformIgnorePatterns: ['/node_modules/', '<rootDir>/dist-weapp/'],
  maxWorkers: 2,
  testTimeout: 60000,
};
