/**
 * `npm run deploy` refuses, before building anything, when what an upload needs is missing.
 * (The offline dry run itself is a step of `npm test`: it needs the builds.)
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

function deploy(args: string[], env: Record<string, string>) {
  const clean: Record<string, string | undefined> = { ...process.env, ...env };
  for (const k of ['TARO_APP_ID', 'WX_CLOUD_ENV', 'WX_UPLOAD_KEY_PATH']) if (!(k in env)) delete clean[k];
  const r = spawnSync('npx', ['tsx', 'scripts/deploy.ts', ...args], { cwd: root, env: clean, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('npm run deploy', () => {
  it('缺少 appid、环境 ID、上传密钥时拒绝上传，并逐一说明（中英文）', () => {
    const r = deploy(['--version', '1.0.0', '--desc', '首次上线'], {});
    expect(r.status).toBe(2);
    expect(r.out).toMatch(/缺少环境变量：TARO_APP_ID、WX_CLOUD_ENV、WX_UPLOAD_KEY_PATH/);
    expect(r.out).toMatch(/Missing environment variables: TARO_APP_ID, WX_CLOUD_ENV, WX_UPLOAD_KEY_PATH/);
    expect(r.out).not.toMatch(/构建小程序/);
  }, 60_000);

  it('只缺一个时只点它；密钥文件不存在、appid 不对也拒绝', () => {
    const one = deploy(['--version', '1.0.0', '--desc', '首次上线'], { TARO_APP_ID: 'wx0123456789abcdef', WX_CLOUD_ENV: 'prod-1a2b3c' });
    expect(one.status).toBe(2);
    expect(one.out).toMatch(/缺少环境变量：WX_UPLOAD_KEY_PATH。/);
    const bad = deploy(['--version', '1.0.0', '--desc', '首次上线'], {
      TARO_APP_ID: 'touristappid',
      WX_CLOUD_ENV: 'prod-1a2b3c',
      WX_UPLOAD_KEY_PATH: path.join(root, 'no-such-upload.key'),
    });
    expect(bad.status).toBe(2);
    expect(bad.out).toMatch(/TARO_APP_ID: TARO_APP_ID 须为小程序 appid/);
    expect(bad.out).toMatch(/找不到代码上传密钥文件/);
  }, 60_000);

  it('版本号和说明是必填参数', () => {
    const env = { TARO_APP_ID: 'wx0123456789abcdef', WX_CLOUD_ENV: 'prod-1a2b3c', WX_UPLOAD_KEY_PATH: path.join(root, 'package.json') };
    expect(deploy(['--desc', '首次上线'], env).out).toMatch(/请用 --version 给出版本号/);
    expect(deploy(['--version', '1.0.0'], env).out).toMatch(/--desc/);
  }, 60_000);
});
