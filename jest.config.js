/** Unit and integration tests (the end-to-end tests in tests/e2e run separately). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/core', '<rootDir>/backend', '<rootDir>/host', '<rootDir>/src', '<rootDir>/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/e2e/', '<rootDir>/dist'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } },
    ],
  },
  // TypeScript sources before built JavaScript: a stale cloudfunctions/<name>/index.js must not
  // stand in for the index.ts it was built from.
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'jsx', 'json', 'node'],
  // Records the core built are checked with zod as well (skipped in production, see built-change.ts).
  setupFiles: ['<rootDir>/tests/support/check-built.ts'],
  maxWorkers: 2,
  // Worlds seeded in beforeAll take seconds; a busy machine must not turn that into a failure.
  testTimeout: 20_000,
};
