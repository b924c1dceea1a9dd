/**
 * A production weapp build without `WX_CLOUD_ENV` would talk to the account's default cloud
 * environment: it is refused with a clear message. The appid reaches the folder DevTools opens
 * (the repository root) through project.private.config.json.
 */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { distProjectConfig, prepareWeappBuild, weappBuildProblem } from '../../config/weapp-env';

const root = path.resolve(__dirname, '..', '..');
const rootDir = root;

describe('小程序构建的环境变量', () => {
  it('正式构建缺少 WX_CLOUD_ENV 时拒绝，说明原因和做法', () => {
    const p = weappBuildProblem({ nodeEnv: 'production', watch: false, env: {} });
    expect(p).toMatch(/缺少环境变量 WX_CLOUD_ENV/);
    expect(p).toMatch(/WX_CLOUD_ENV=<环境 ID> npm run build:weapp/);
    expect(weappBuildProblem({ nodeEnv: 'production', watch: false, env: { WX_CLOUD_ENV: '  ' } })).toMatch(/WX_CLOUD_ENV/);
  });

  it('给了环境 ID 的正式构建、开发构建与监听构建照常进行', () => {
    expect(weappBuildProblem({ nodeEnv: 'production', watch: false, env: { WX_CLOUD_ENV: 'prod-1a2b3c' } })).toBeUndefined();
    expect(weappBuildProblem({ nodeEnv: 'development', watch: false, env: {} })).toBeUndefined();
    expect(weappBuildProblem({ nodeEnv: 'production', watch: true, env: {} })).toBeUndefined();
  });

  it('环境 ID 或 appid 格式不对时拒绝', () => {
    expect(weappBuildProblem({ nodeEnv: 'production', watch: false, env: { WX_CLOUD_ENV: 'prod env/1' } })).toMatch(
      /不是有效的云开发环境 ID/,
    );
    expect(
      weappBuildProblem({ nodeEnv: 'production', watch: false, env: { WX_CLOUD_ENV: 'prod-1', TARO_APP_ID: 'touristappid' } }),
    ).toMatch(/不是有效的小程序 appid/);
  });

  it('appid 写进根目录的 project.private.config.json（开发者工具打开的就是根目录）', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'weapp-env-'));
    prepareWeappBuild(
      { nodeEnv: 'production', watch: false, env: { WX_CLOUD_ENV: 'prod-1a2b3c', TARO_APP_ID: 'wx0123456789abcdef' } },
      dir,
    );
    expect(JSON.parse(readFileSync(path.join(dir, 'project.private.config.json'), 'utf8'))).toEqual({ appid: 'wx0123456789abcdef' });
    const none = mkdtempSync(path.join(tmpdir(), 'weapp-env-'));
    prepareWeappBuild({ nodeEnv: 'production', watch: false, env: { WX_CLOUD_ENV: 'prod-1a2b3c' } }, none);
    expect(existsSync(path.join(none, 'project.private.config.json'))).toBe(false);
    expect(() => prepareWeappBuild({ nodeEnv: 'production', watch: false, env: {} }, none)).toThrow(/WX_CLOUD_ENV/);
  });

  it('根目录的 project.config.json 指向构建产物与云函数目录', () => {
    const cfg = JSON.parse(readFileSync(path.join(root, 'project.config.json'), 'utf8')) as Record<string, string>;
    expect(cfg.miniprogramRoot).toBe('dist-weapp/');
    expect(cfg.cloudfunctionRoot).toBe('cloudfunctions/');
    expect(readFileSync(path.join(root, '.gitignore'), 'utf8')).toMatch(/^project\.private\.config\.json$/m);
  });

  it('dist-weapp 里的副本去掉指向不存在目录的 cloudfunctionRoot（要打开的是仓库根目录）', () => {
    const root = JSON.parse(readFileSync(path.join(rootDir, 'project.config.json'), 'utf8')) as Record<string, unknown>;
    const dist = distProjectConfig({ ...root, miniprogramRoot: './', appid: 'wx0123456789abcdef' });
    expect(dist.cloudfunctionRoot).toBeUndefined();
    expect(dist.miniprogramRoot).toBe('./');
    expect(dist.appid).toBe('wx0123456789abcdef');
    const built = path.join(rootDir, 'dist-weapp', 'project.config.json');
    if (existsSync(built)) expect(JSON.parse(readFileSync(built, 'utf8')).cloudfunctionRoot).toBeUndefined();
  });

  it('npm run build:weapp 没有 WX_CLOUD_ENV 时在编译前失败', () => {
    const env: Record<string, string | undefined> = { ...process.env };
    delete env.WX_CLOUD_ENV;
    delete env.TARO_APP_ID;
    const r = spawnSync('npm', ['run', '--silent', 'build:weapp'], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toMatch(/缺少环境变量 WX_CLOUD_ENV/);
  }, 130_000);
});
