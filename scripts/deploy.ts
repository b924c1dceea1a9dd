/**
 * `npm run deploy -- --version 1.2.0 --desc "说明"`: builds the weapp and the cloud functions,
 * uploads the weapp with miniprogram-ci and every cloud function (the cloud installs each one's
 * `package.json` dependencies), sets the timer triggers, then prints what a person must still do
 * in the consoles.
 *
 * `npm run deploy -- --dry-run`: the same builds, then WeChat's own compiler (miniprogram-ci
 * `getCompiledResult`) compiles the weapp offline with a dummy appid and a throwaway key, and the
 * script prints what would be uploaded. `--skip-build` reuses dist-weapp and the built functions.
 *
 * Reads TARO_APP_ID (appid), WX_CLOUD_ENV (cloud environment id) and WX_UPLOAD_KEY_PATH (the
 * upload key downloaded from 小程序管理后台 → 开发管理 → 开发设置 → 小程序代码上传).
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import * as ci from 'miniprogram-ci';
import { CLOUD_FUNCTION_ENV, cloudCollectionNames, manualSetup } from '../backend/cloud/cloud-setup';
import { weappBuildProblem } from '../config/weapp-env';

const ROOT = path.resolve(__dirname, '..');
const WEAPP = path.join(ROOT, 'dist-weapp');
const FUNCTIONS = path.join(ROOT, 'cloudfunctions');
/** What WeChat enforces at upload: 2 MB per package, 20 MB in all. */
const PACKAGE_LIMIT = 2 * 1024 * 1024;
const DRY_RUN_APPID = 'wx0000000000000000';
const DRY_RUN_ENV = 'dry-run-env';

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function refuse(message: string): never {
  console.error(`\n✘ ${message}`);
  process.exit(2);
}

// ——— what the caller asked for ———

const { values: args } = parseArgs({
  options: {
    'dry-run': { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    version: { type: 'string' },
    desc: { type: 'string' },
  },
  allowPositionals: false,
});
const dryRun = args['dry-run'] === true;

const deployEnv = z.object({
  TARO_APP_ID: z.string().regex(/^wx[0-9a-f]{16}$/, 'TARO_APP_ID 须为小程序 appid（wx 开头，共 18 位） / must be the mini-program appid'),
  WX_CLOUD_ENV: z.string().min(2, 'WX_CLOUD_ENV 须为云开发环境 ID / must be the cloud environment id'),
  WX_UPLOAD_KEY_PATH: z
    .string()
    .min(1)
    .refine((p) => existsSync(p), '找不到代码上传密钥文件 / the upload key file does not exist'),
});
const REQUIRED = ['TARO_APP_ID', 'WX_CLOUD_ENV', 'WX_UPLOAD_KEY_PATH'] as const;

function readDeployEnv(): z.infer<typeof deployEnv> {
  const missing = REQUIRED.filter((k) => !process.env[k]?.trim());
  if (missing.length > 0)
    refuse(
      `缺少环境变量：${missing.join('、')}。上传需要小程序 appid（TARO_APP_ID）、云开发环境 ID（WX_CLOUD_ENV）和代码上传密钥文件路径（WX_UPLOAD_KEY_PATH）。\n` +
        `  Missing environment variables: ${missing.join(', ')}. Or run npm run deploy -- --dry-run to compile offline.`,
    );
  const r = deployEnv.safeParse(process.env);
  if (!r.success) refuse(r.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('\n  '));
  return r.data;
}

const version = z
  .string({ error: '请用 --version 给出版本号，形如 1.2.0 / --version is required' })
  .regex(/^\d+\.\d+\.\d+$/, '版本号须形如 1.2.0 / --version must look like 1.2.0')
  .safeParse(args.version ?? (dryRun ? '0.0.0' : undefined));
const desc = z
  .string({ error: '请用 --desc 写明本次上传的说明 / --desc is required' })
  .trim()
  .min(1, '请用 --desc 写明本次上传的说明 / --desc is required')
  .max(200)
  .safeParse(args.desc ?? (dryRun ? '试编译 dry run' : undefined));

// ——— builds ———

function run(cmd: string, argv: string[], env: NodeJS.ProcessEnv): void {
  const r = spawnSync(cmd, argv, { cwd: ROOT, stdio: 'inherit', env });
  if (r.status !== 0) refuse(`${cmd} ${argv.join(' ')} 失败 / failed`);
}

function build(env: NodeJS.ProcessEnv): void {
  const problem = weappBuildProblem({ nodeEnv: 'production', watch: false, env });
  if (problem) refuse(problem);
  console.log('▶ 构建小程序 / building the weapp');
  run('npm', ['run', '--silent', 'build:weapp'], env);
  console.log('▶ 构建云函数 / building the cloud functions');
  run('npm', ['run', '--silent', 'build:functions'], env);
}

// ——— what is uploaded ———

interface FunctionPlan {
  name: string;
  path: string;
  bundleSize: number;
  dependencies: Record<string, string>;
  config: { permissions?: { openapi?: string[] }; triggers?: { name: string; type: string; config: string }[]; timeout?: number };
  env: typeof CLOUD_FUNCTION_ENV;
}

function functionPlans(): FunctionPlan[] {
  return readdirSync(FUNCTIONS)
    .filter((n) => existsSync(path.join(FUNCTIONS, n, 'index.ts')))
    .sort()
    .map((name) => {
      const dir = path.join(FUNCTIONS, name);
      const bundle = path.join(dir, 'index.js');
      if (!existsSync(bundle)) refuse(`云函数 ${name} 尚未构建（缺 index.js） / ${name} is not built`);
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
      const configFile = path.join(dir, 'config.json');
      return {
        name,
        path: dir,
        bundleSize: statSync(bundle).size,
        dependencies: pkg.dependencies ?? {},
        config: existsSync(configFile) ? (JSON.parse(readFileSync(configFile, 'utf8')) as FunctionPlan['config']) : {},
        env: CLOUD_FUNCTION_ENV.filter((v) => v.functions.includes(name)),
      };
    });
}

/** The compiled files by package: the main package and each subpackage root of app.json. */
function packageSizes(files: Record<string, string | Buffer>): { name: string; size: number; files: number }[] {
  const app = JSON.parse(readFileSync(path.join(WEAPP, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[];
    subpackages?: { root: string }[];
  };
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/^\/+/, '').replace(/\/?$/, '/'));
  const sizes = new Map<string, { size: number; files: number }>([
    ['主包 main', { size: 0, files: 0 }],
    ...roots.map((r) => [r, { size: 0, files: 0 }] as const),
  ]);
  for (const [file, content] of Object.entries(files)) {
    const rel = file.replace(/^\/+/, '');
    const key = roots.find((r) => rel.startsWith(r)) ?? '主包 main';
    const s = sizes.get(key)!;
    s.size += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
    s.files++;
  }
  return [...sizes].map(([name, s]) => ({ name, ...s }));
}

function throwawayKey(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'deploy-dry-run-'));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const file = path.join(dir, 'private.key');
  writeFileSync(file, privateKey.export({ type: 'pkcs1', format: 'pem' }));
  return file;
}

function printPlan(packages: ReturnType<typeof packageSizes>, functions: FunctionPlan[], cloudEnv: string): void {
  console.log('\n小程序代码包 / weapp packages (compiled by WeChat’s compiler):');
  for (const p of packages) console.log(`  ${p.name.padEnd(20)} ${kb(p.size).padStart(10)}  ${p.files} 个文件`);
  console.log(`  ${'合计 total'.padEnd(20)} ${kb(packages.reduce((n, p) => n + p.size, 0)).padStart(10)}`);

  console.log(`\n云函数 / cloud functions → 环境 ${cloudEnv}（云端安装依赖 / remote npm install）:`);
  for (const f of functions) {
    const deps = Object.entries(f.dependencies).map(([n, v]) => `${n}@${v}`);
    console.log(`  ${f.name.padEnd(10)} ${kb(f.bundleSize).padStart(10)}  依赖 ${deps.join(', ') || '无'}`);
    const openapi = f.config.permissions?.openapi ?? [];
    if (openapi.length > 0) console.log(`             云调用权限 ${openapi.join(', ')}`);
    for (const t of f.config.triggers ?? []) console.log(`             定时触发器 ${t.name}: ${t.config}`);
    console.log(`             超时 timeout ${f.config.timeout ? `${f.config.timeout} s` : '未设置（默认 3 s）'}`);
    for (const v of f.env) console.log(`             环境变量 ${v.name}：${v.unset}`);
  }

  console.log(`\n首次调用时自动创建的数据库集合（${cloudCollectionNames().length} 个）/ collections created on the first call:`);
  console.log(`  ${cloudCollectionNames().join(', ')}`);

  console.log('\n仍须手工完成 / still to do by hand:');
  for (const line of manualSetup()) console.log(`  - ${line}`);
  for (const f of functions.filter((x) => !x.config.timeout)) console.log(`  - 云函数 ${f.name}：config.json 未设超时，按默认 3 s 运行`);
}

async function main(): Promise<void> {
  if (!version.success) refuse(version.error.issues[0]!.message);
  if (!desc.success) refuse(desc.error.issues[0]!.message);
  const real = dryRun ? undefined : readDeployEnv();
  const env: NodeJS.ProcessEnv = dryRun
    ? { ...process.env, WX_CLOUD_ENV: process.env.WX_CLOUD_ENV?.trim() || DRY_RUN_ENV, TARO_APP_ID: '' }
    : { ...process.env, WX_CLOUD_ENV: real!.WX_CLOUD_ENV, TARO_APP_ID: real!.TARO_APP_ID };
  if (!args['skip-build']) build(env);
  if (!existsSync(path.join(WEAPP, 'app.json'))) refuse('dist-weapp 不存在，请去掉 --skip-build / dist-weapp is missing');

  const keyPath = real?.WX_UPLOAD_KEY_PATH ?? throwawayKey();
  const project = new ci.Project({
    appid: real?.TARO_APP_ID ?? DRY_RUN_APPID,
    type: 'miniProgram',
    projectPath: WEAPP,
    privateKeyPath: keyPath,
    ignores: ['node_modules/**/*'],
    // Offline, the project attributes cannot be asked of WeChat's server.
    ...(dryRun ? { attr: async () => ({ ...ci.DefaultProjectAttr }) } : {}),
  } as ConstructorParameters<typeof ci.Project>[0]);
  const setting = { es6: true, es7: true, minify: true, autoPrefixWXSS: true, minifyWXML: true, minifyWXSS: true, minifyJS: true };
  const functions = functionPlans();

  if (dryRun) {
    console.log('\n▶ 用微信编译器离线编译 / compiling offline with miniprogram-ci');
    const files = await ci.getCompiledResult({ project, version: version.data, desc: desc.data, setting });
    const packages = packageSizes(files);
    printPlan(packages, functions, env.WX_CLOUD_ENV!);
    rmSync(path.dirname(keyPath), { recursive: true, force: true });
    const tooBig = packages.filter((p) => p.size > PACKAGE_LIMIT);
    if (tooBig.length > 0) refuse(`代码包超过 2 MB：${tooBig.map((p) => p.name).join('、')}`);
    console.log('\n✔ 试编译通过，未上传任何内容 / dry run passed, nothing uploaded');
    return;
  }

  console.log(`\n▶ 上传小程序 ${version.data} / uploading the weapp`);
  const up = await ci.upload({ project, version: version.data, desc: desc.data, setting });
  const packages = (up.subPackageInfo ?? []).map((p) => ({ name: p.name, size: p.size, files: 0 }));
  for (const f of functions) {
    console.log(`▶ 上传云函数 ${f.name} / uploading the function`);
    await ci.cloud.uploadFunction({ project, env: real!.WX_CLOUD_ENV, name: f.name, path: f.path, remoteNpmInstall: true });
    const triggers = f.config.triggers ?? [];
    if (triggers.length > 0)
      await ci.cloud.createTimeTrigger({ project, envId: real!.WX_CLOUD_ENV, functionName: f.name, triggersConfig: triggers });
  }
  printPlan(packages, functions, real!.WX_CLOUD_ENV);
  console.log('\n✔ 已上传。请在小程序管理后台把该版本设为体验版或提交审核。/ uploaded.');
}

main().then(
  // miniprogram-ci leaves a file watcher running: end the process explicitly.
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    refuse(`部署失败 / deploy failed: ${err instanceof Error ? err.message : String(err)}`);
  },
);
