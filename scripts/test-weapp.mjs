// `npm run test:weapp`: the weapp as WeChat runs it. Builds it once (`npm run build:weapp`), then
// runs tests/weapp with jest: the compile through miniprogram-ci (package sizes printed, main
// package held under 1 MB) and wcc / wcsc, and the journeys in WeChat's component framework.
//
//   node scripts/test-weapp.mjs [jest arguments…]    e.g. --json --outputFile=test-results/weapp.json
//   WEAPP_SKIP_BUILD=1 node scripts/test-weapp.mjs   reuse dist-weapp as it is (while writing journeys)
import { spawnSync } from 'node:child_process';

const started = Date.now();
if (process.env.WEAPP_SKIP_BUILD !== '1') {
  console.log('构建小程序（npm run build:weapp）…');
  // A production weapp build needs a cloud environment id; a test build gets a placeholder.
  const env = { ...process.env, WX_CLOUD_ENV: process.env.WX_CLOUD_ENV || 'test-build-env' };
  const b = spawnSync('npm', ['run', '--silent', 'build:weapp'], { stdio: 'inherit', env });
  if (b.status !== 0) {
    console.error('✘ 小程序构建失败，未运行微信编译与旅程测试');
    process.exit(1);
  }
}
const r = spawnSync('npx', ['jest', '-c', 'tests/weapp/jest.weapp.config.js', '--ci', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: process.env,
});
console.log(`test:weapp 用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
process.exit(r.status ?? 1);
