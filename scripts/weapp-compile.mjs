// Compiles dist-weapp exactly as an upload does, offline, with miniprogram-ci (WeChat's own
// compile module): every JS, WXML, WXSS and JSON file, app.json's pages and subpackages. Then
// runs its code-quality check. Prints the compiled size of the main package and of each
// subpackage (the sizes WeChat enforces at upload) and fails when anything does not compile or
// the main package reaches 1 MB (WeChat's limit is 2 MB; we keep room).
//
//   node scripts/weapp-compile.mjs [--json <file>]
//
// Needs no network and no real appid: the project attributes are given (`attr`), the key is a
// throwaway one made for this run. miniprogram-ci leaves a file watcher running, so the process
// exits explicitly.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ci from 'miniprogram-ci';

const MAIN_LIMIT = 1024 * 1024;
const SUB_LIMIT = 2 * 1024 * 1024;
const dist = resolve(process.env.WEAPP_DIST ?? 'dist-weapp');
const jsonOut = process.argv.includes('--json') ? process.argv[process.argv.indexOf('--json') + 1] : undefined;

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

async function main() {
  if (!existsSync(join(dist, 'app.json'))) {
    return { ok: false, errors: [`找不到小程序构建结果 ${dist}/app.json，请先运行 npm run build:weapp`] };
  }
  const tmp = mkdtempSync(join(tmpdir(), 'weapp-ci-'));
  try {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const keyPath = join(tmp, 'private.key');
    writeFileSync(keyPath, privateKey);
    const project = new ci.Project({
      appid: 'wx0000000000000000',
      type: 'miniProgram',
      projectPath: dist,
      privateKeyPath: keyPath,
      ignores: ['node_modules/**/*'],
      // Without this the attributes are asked of WeChat's server.
      attr: async () => ({ ...ci.DefaultProjectAttr }),
    });
    const setting = { es6: false, es7: false, minify: false, minifyWXML: true, minifyWXSS: true, autoPrefixWXSS: true };
    const quiet = console.log;
    const logs = [];
    // The compiler logs every step; keep its lines for a failure only.
    console.log = (...a) => logs.push(a.join(' '));
    let compiled;
    try {
      compiled = await ci.getCompiledResult({ project, setting, onProgressUpdate: () => undefined }, join(tmp, 'compiled.zip'));
    } catch (e) {
      console.log = quiet;
      const msg = e instanceof Error ? e.message : String(e);
      return { ok: false, errors: [`miniprogram-ci 编译失败：${msg}`] };
    }
    let quality;
    try {
      quality = await ci.checkCodeQuality(project);
    } finally {
      console.log = quiet;
    }
    const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8'));
    const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/?$/, '/'));
    const sizes = { main: 0, files: 0 };
    for (const r of roots) sizes[r] = 0;
    for (const [file, content] of Object.entries(compiled)) {
      const bytes = typeof content === 'string' ? Buffer.byteLength(content) : (content?.length ?? 0);
      const root = roots.find((r) => file.startsWith(r));
      sizes[root ?? 'main'] += bytes;
      sizes.files++;
    }
    const errors = [];
    const limitCheck = (quality ?? []).find((q) => q.name === 'PACKAGE_SIZE_LIMIT');
    if (limitCheck && !limitCheck.success) errors.push(`代码质量检查：${limitCheck.text}`);
    if (sizes.main >= MAIN_LIMIT) errors.push(`主包编译后 ${kb(sizes.main)}，超过 1 MB 上限`);
    for (const r of roots) if (sizes[r] >= SUB_LIMIT) errors.push(`分包 ${r} 编译后 ${kb(sizes[r])}，超过 2 MB 上限`);
    for (const p of app.pages ?? []) if (!(`${p}.js` in compiled)) errors.push(`编译结果缺少页面 ${p}.js`);
    const uploadSizes = limitCheck?.detail ?? {};
    return {
      ok: errors.length === 0,
      errors,
      sizes,
      roots,
      uploadSizes,
      quality: (quality ?? []).map((q) => ({ name: q.name, success: q.success, text: q.text })),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

let result;
try {
  result = await main();
} catch (e) {
  result = { ok: false, errors: [`miniprogram-ci 出错：${e instanceof Error ? e.message : String(e)}`] };
}
if (result.sizes) {
  console.log(`微信编译（miniprogram-ci getCompiledResult）：${result.sizes.files} 个文件`);
  console.log(`  主包 ${kb(result.sizes.main)}（上限 1 MB）`);
  for (const r of result.roots) console.log(`  分包 ${r} ${kb(result.sizes[r])}`);
  const failed = result.quality.filter((q) => !q.success).map((q) => q.name);
  if (failed.length) console.log(`  代码质量建议（不影响上传）：${failed.join(', ')}`);
}
for (const e of result.errors) console.error(`✘ ${e}`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(result, null, 2));
process.exit(result.ok ? 0 : 1);
