/**
 * The README's deploy section says what the consoles must have; the first deployment depends on
 * every item of it (issue: 接口权限, privacy guideline, storage permission, function timeouts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const readme = readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');
const start = readme.indexOf('## 部署到微信云开发');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1));

test('部署一节以 npm run deploy 为主，开发者工具为备用', () => {
  expect(start).toBeGreaterThan(0);
  expect(section).toMatch(/npm run deploy -- --dry-run/);
  expect(section).toMatch(/npm run deploy -- --version \d+\.\d+\.\d+ --desc/);
  expect(section).toMatch(/TARO_APP_ID[\s\S]*WX_CLOUD_ENV[\s\S]*WX_UPLOAD_KEY_PATH/);
  expect(section).toMatch(/By hand in WeChat DevTools \(fallback\)/);
  expect(section).toMatch(/Open the \*\*repository root\*\*/);
});

test('控制台必须手工完成的每一项都写明', () => {
  expect(section).toMatch(/接口权限[\s\S]{0,80}wx\.chooseLocation/);
  expect(section).toMatch(/用户隐私保护指引[\s\S]{0,120}相册[\s\S]{0,40}摄像头[\s\S]{0,40}选择的位置信息/);
  expect(section).toMatch(/存储权限[\s\S]{0,80}仅创建者可读写/);
  expect(section).toMatch(/云函数超时/);
  expect(section).toMatch(/数据库索引/);
  expect(section).toMatch(/UPLOAD_TAG_SECRET/);
});
