// `npm test`: every check in order, then one line of totals: `N passed, N failed`.
// Jest suites count their tests; every other step (type check, lint, builds, build checks)
// counts as one test. A failed step does not stop the later ones, so one run shows everything.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';

const only = process.env.TEST_STEPS ? new Set(process.env.TEST_STEPS.split(',')) : undefined;
mkdirSync('test-results', { recursive: true });

const steps = [
  { name: 'typecheck', title: '类型检查', cmd: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'lint', title: '代码规范与格式', cmd: ['npm', 'run', '--silent', 'lint'] },
  {
    name: 'jest',
    title: '单元与集成测试',
    jest: 'test-results/jest.json',
    cmd: ['npx', 'jest', '--ci', '--json', '--outputFile=test-results/jest.json'],
  },
  // The same tests with the clock at 2 January next year (scripts/next-year.sh): one step, so that
  // the totals do not count each test twice.
  { name: 'next-year', title: '单元与集成测试：时钟拨到明年1月2日', cmd: ['bash', 'scripts/next-year.sh'] },
  // Builds the weapp (the only build of it), compiles it with WeChat's compilers and runs the
  // journeys in WeChat's component framework.
  {
    name: 'weapp',
    title: '小程序：构建、微信编译与旅程测试',
    jest: 'test-results/weapp.json',
    cmd: ['npm', 'run', '--silent', 'test:weapp', '--', '--json', '--outputFile=test-results/weapp.json'],
    // A production weapp build needs a cloud environment id; a test build gets a placeholder.
    env: { WX_CLOUD_ENV: process.env.WX_CLOUD_ENV || 'test-build-env' },
  },
  { name: 'build:h5', title: '构建 H5', cmd: ['npm', 'run', '--silent', 'build:h5'] },
  { name: 'build:functions', title: '构建云函数', cmd: ['npm', 'run', '--silent', 'build:functions'] },
  { name: 'build-check', title: '构建检查（包大小、云函数加载）', cmd: ['node', 'scripts/build-check.mjs'] },
  {
    name: 'deploy-dry-run',
    title: '部署试编译（微信编译器，离线）',
    cmd: ['npx', 'tsx', 'scripts/deploy.ts', '--dry-run', '--skip-build'],
  },
  { name: 'browser', title: '准备浏览器', cmd: ['bash', 'scripts/ensure-browser.sh'] },
  {
    name: 'e2e',
    title: '端到端测试（Chromium）',
    jest: 'test-results/e2e.json',
    cmd: ['npx', 'jest', '-c', 'tests/e2e/jest.e2e.config.js', '--ci', '--json', '--outputFile=test-results/e2e.json'],
  },
];

let passed = 0;
let failed = 0;
const summary = [];
for (const step of steps) {
  if (only && !only.has(step.name)) continue;
  const started = Date.now();
  console.log(`\n▶ ${step.title} (${step.name})`);
  if (step.jest && existsSync(step.jest)) rmSync(step.jest);
  const r = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit', env: { ...process.env, ...step.env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (step.jest) {
    let p = 0;
    let f = 0;
    if (existsSync(step.jest)) {
      const j = JSON.parse(readFileSync(step.jest, 'utf8'));
      p = j.numPassedTests;
      f = j.numFailedTests + (j.numRuntimeErrorTestSuites ?? 0);
    }
    if (r.status !== 0 && f === 0) f = 1; // a suite that crashed before reporting still fails
    passed += p;
    failed += f;
    summary.push(`${r.status === 0 ? '✔' : '✘'} ${step.title}: ${p} passed, ${f} failed (${secs}s)`);
  } else {
    if (r.status === 0) passed++;
    else failed++;
    summary.push(`${r.status === 0 ? '✔' : '✘'} ${step.title} (${secs}s)`);
  }
}
console.log('\n' + summary.join('\n'));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
