// Lint: typescript-eslint's recommended rules plus this project's layer rules — the core is pure,
// and every server layer reaches only the layer below it (see docs/decisions.md, "Layers and fences";
// tests/lint/fences.test.ts proves each fence refuses what it should); the app takes only types
// from the server (tests/contract/app-fence.test.ts).
import tseslint from 'typescript-eslint';

const CORE_FORBIDDEN = [
  { group: ['@tarojs/*', 'react', 'react-dom'], message: 'The core knows nothing of the UI framework.' },
  {
    group: ['wx-server-sdk', 'better-sqlite3', 'fastify', '@fastify/*', 'mingo'],
    message: 'The core does no I/O: storage and platform stay behind ports.',
  },
  { group: ['node:*', 'fs', 'path', 'os', 'http', 'https', 'crypto', 'child_process'], message: 'The core uses no Node built-ins.' },
  {
    group: ['**/backend/**', '**/host/**', '**/src/**', '**/cloudfunctions/**', 'chinese-days', 'chinese-days/*'],
    message: 'The core depends on nothing outside it; calendars and policies come in as arguments.',
  },
];

// Everything a server layer must not reach, whatever it is.
const NO_UI = { group: ['**/src/**', '@tarojs/*', 'react', 'react-dom'], message: 'The server knows nothing of the app.' };
const NO_DRIVERS = {
  group: ['better-sqlite3', 'wx-server-sdk', 'mingo'],
  message: 'Storage and the platform stay behind the store port (backend/store/store.port.ts) and the deps builders.',
};
// Storage through the port only: its interface, the stored documents' types and the mark for
// changes the core built (`built-change`), never an adapter.
const PORT_ONLY = {
  group: ['**/store/*', '!**/store/store.port', '!**/store/ref-docs', '!**/store/built-change'],
  message: 'Reach storage through the port (backend/store/store.port.ts), not an adapter or its internals.',
};
const NO_ENTRIES = {
  group: ['**/host/**', '**/cloudfunctions/**', '**/cloud/cloud-deps', '**/cloud/cloud-setup'],
  message: 'Entries (the host, the cloud functions) and their deps builders sit above this layer.',
};
const FUNCTIONS_FORBIDDEN = [NO_UI, NO_DRIVERS, PORT_ONLY, NO_ENTRIES];
const SERVICES_FORBIDDEN = [
  ...FUNCTIONS_FORBIDDEN,
  {
    group: ['**/functions/**', '**/functions'],
    message: 'Services sit below the functions: a function calls a service, never the reverse.',
  },
];
// Entries import handlers and deps builders: not the store's or a function's insides.
const ENTRY_FORBIDDEN = [
  NO_UI,
  {
    group: ['better-sqlite3', 'mingo', '**/backend/store/*/**', '**/backend/store/schemas', '**/backend/store/cursor'],
    message: "Entries build deps through the adapters' entry points, not their internals.",
  },
  {
    group: ['**/backend/functions/*/**', '**/backend/functions/define', '**/backend/services/case-service'],
    message: 'Entries call handlers (backend/functions/<name>), not their insides.',
  },
];
const CLOUD_ENTRY_FORBIDDEN = [
  ...ENTRY_FORBIDDEN,
  {
    group: ['**/backend/store/**', '**/backend/services/**', '**/host/**'],
    message: 'A cloud entry is its handler plus cloudDeps (backend/cloud/cloud-deps.ts): nothing else.',
  },
];
const HOST_FORBIDDEN = [
  ...ENTRY_FORBIDDEN,
  {
    group: ['wx-server-sdk', '**/backend/cloud/**', '**/backend/store/cloud-store', '**/cloudfunctions/**'],
    message: 'The host runs on SQLite: nothing of the cloud.',
  },
];

// Files may not grow past this; split them by concern instead.
const MAX_LINES = { max: 600, skipBlankLines: false, skipComments: false };

// `import { z } from 'zod'` binds zod's whole namespace object, locales included, so a bundle keeps
// all of it (about 450 KB); `import * as z` lets the bundler keep only what is used (about 90 KB).
const ZOD_WHOLE = {
  selector:
    "ImportDeclaration[source.value='zod'][importKind!='type'] > :matches(ImportSpecifier[imported.name='z'], ImportDefaultSpecifier)",
  message: "Use `import * as z from 'zod'`: it keeps cloud function bundles small.",
};

// The app writes no colour as a literal (inline styles, WeChat API options): colours come from the
// design tokens (src/styles/tokens.scss for stylesheets, src/styles/colors.ts for the few that
// WeChat's APIs take as strings). stylelint does the same for stylesheets (.stylelintrc.json).
const RAW_COLOUR = [
  { selector: 'Literal[value=/^#[0-9a-fA-F]{3,8}$/]', message: '请用设计变量（src/styles/colors.ts），不要写十六进制颜色' },
  { selector: 'Literal[value=/^(rgba?|hsla?)\\(/]', message: '请用设计变量（src/styles/colors.ts），不要写颜色函数' },
  { selector: 'TemplateElement[value.raw=/#[0-9a-fA-F]{3,8}\\b|(rgba?|hsla?)\\(/]', message: '请用设计变量，不要在模板字符串里写颜色' },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'dist-h5/**',
      'dist-weapp/**',
      'data/**',
      'coverage/**',
      'test-results/**',
      'bench-results/**',
      'cloudfunctions/*/index.js',
      '**/*.config.js',
      'babel.config.js',
      'jest.config.js',
      'types/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-control-regex': 'off',
      'no-restricted-syntax': ['error', ZOD_WHOLE],
    },
  },
  {
    files: ['core/**/*.ts'],
    ignores: ['core/**/*.test.ts', 'core/test-support.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: CORE_FORBIDDEN }],
      'no-restricted-syntax': [
        'error',
        ZOD_WHOLE,
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'The core has no clock: take the time as an argument.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'The core has no clock: take the time as an argument.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'The core is deterministic: take randomness as an argument.',
        },
      ],
    },
  },
  // The app's fence: from the server it takes types only (backend/contract.ts, erased at build), and
  // nothing at all, not even a type, from the host, the cloud entries or the storage and cloud adapters.
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/host/**',
                '**/cloudfunctions/**',
                '**/backend/store/**',
                '**/backend/cloud/**',
                'wx-server-sdk',
                'better-sqlite3',
                'fastify',
              ],
              message:
                'The app never reaches the host, the cloud entries or the storage adapters: it calls functions (src/services/call.ts).',
            },
          ],
        },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/backend/**'],
              allowTypeImports: true,
              message: 'The app takes only types from the server: `import type` from backend/contract.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['backend/functions/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: FUNCTIONS_FORBIDDEN }] },
  },
  {
    files: ['backend/services/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: SERVICES_FORBIDDEN }] },
  },
  {
    files: ['cloudfunctions/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: CLOUD_ENTRY_FORBIDDEN }] },
  },
  {
    files: ['host/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: HOST_FORBIDDEN }] },
  },
  {
    files: [
      'core/**/*.{ts,tsx,js,mjs}',
      'backend/**/*.{ts,tsx,js,mjs}',
      'host/**/*.{ts,tsx,js,mjs}',
      'cloudfunctions/**/*.{ts,tsx,js,mjs}',
      'scripts/**/*.{ts,tsx,js,mjs}',
      'src/**/*.{ts,tsx,js,mjs}',
    ],
    ignores: ['**/*.test.ts', '**/*.test.tsx', 'core/test-support.ts', '**/*.d.ts'],
    rules: { 'max-lines': ['error', MAX_LINES] },
  },
  {
    files: ['**/*.mjs', 'scripts/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/styles/colors.ts', 'src/**/*.test.ts', 'src/**/*.test.tsx'],
    rules: { 'no-restricted-syntax': ['error', ZOD_WHOLE, ...RAW_COLOUR] },
  },
);
