#!/usr/bin/env node
/**
 * Checks the build output after `taro build --type weapp`, `taro build --type h5` and the cloud
 * function bundling:
 *   weapp      dist-weapp has app.json and every page and subpackage it names; prints the main
 *              package and subpackage sizes; fails when the main package reaches 2 MB (WeChat's
 *              limit), warns above 1 MB; fails when a `process.env.X` is left in the JS (it would
 *              throw in WeChat).
 *   h5         dist-h5 has index.html and its scripts; prints what the first page downloads
 *              (JS, gzip), from the chunk manifest config/h5-chunk-manifest.ts writes.
 *   functions  every cloudfunctions/<name>/ has index.js, which loads in a fresh node process
 *              with wx-server-sdk stubbed and exports `main`, and is under the 300 KB budget of a
 *              bundle (fails at 300 KB and more). Skipped while there are no folders.
 *
 * Usage: node scripts/build-check.mjs [weapp] [h5] [functions]   (no argument: all three)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEAPP_DIR = path.join(ROOT, 'dist-weapp');
const H5_DIR = path.join(ROOT, 'dist-h5');
const FUNCTIONS_DIR = process.env.CLOUDFUNCTIONS_DIR ? path.resolve(process.env.CLOUDFUNCTIONS_DIR) : path.join(ROOT, 'cloudfunctions');
const H5_MANIFEST = 'chunk-manifest.json';

const MAIN_LIMIT = 2 * 1024 * 1024;
const MAIN_WARN = 1024 * 1024;
/** Each cloud function bundle (index.js, before the cloud installs its package.json dependencies). */
const FUNCTION_LIMIT = 300 * 1024;

const failures = [];
const warnings = [];
const fail = (msg) => {
  failures.push(msg);
  console.log(`  ✗ ${msg}`);
};
const warn = (msg) => {
  warnings.push(msg);
  console.log(`  ! ${msg}`);
};
const ok = (msg) => console.log(`  ✓ ${msg}`);
const size = (bytes) => `${bytes} B (${(bytes / 1024).toFixed(1)} KB)`;

/** Every file under dir, as paths relative to dir with forward slashes. */
function listFiles(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full, base);
    return [path.relative(base, full).split(path.sep).join('/')];
  });
}

function checkWeapp() {
  console.log('\n[weapp] dist-weapp');
  const appJsonPath = path.join(WEAPP_DIR, 'app.json');
  if (!fs.existsSync(appJsonPath)) {
    fail('dist-weapp/app.json is missing: run `taro build --type weapp` first');
    return;
  }
  const app = JSON.parse(fs.readFileSync(appJsonPath, 'utf8'));
  const subpackages = app.subPackages ?? app.subpackages ?? [];
  const pages = [...(app.pages ?? []), ...subpackages.flatMap((sp) => (sp.pages ?? []).map((p) => `${sp.root.replace(/\/$/, '')}/${p}`))];
  if (!app.pages?.length) fail('app.json lists no pages');

  const missing = pages.flatMap((page) =>
    ['.js', '.json', '.wxml'].map((ext) => page + ext).filter((f) => !fs.existsSync(path.join(WEAPP_DIR, f))),
  );
  if (missing.length) fail(`page files missing: ${missing.join(', ')}`);
  else ok(`${pages.length} pages present (${app.pages.length} in the main package, ${subpackages.length} subpackage(s))`);

  for (const tab of app.tabBar?.list ?? []) {
    for (const icon of [tab.iconPath, tab.selectedIconPath].filter(Boolean)) {
      if (!fs.existsSync(path.join(WEAPP_DIR, icon))) fail(`tab bar icon missing: ${icon}`);
    }
  }

  // Sizes: a subpackage is everything under its root; the main package is all the rest.
  const files = listFiles(WEAPP_DIR);
  const roots = subpackages.map((sp) => sp.root.replace(/\/$/, '') + '/');
  const bytesOf = (f) => fs.statSync(path.join(WEAPP_DIR, f)).size;
  let main = 0;
  const sub = Object.fromEntries(roots.map((r) => [r, 0]));
  for (const f of files) {
    const root = roots.find((r) => f.startsWith(r));
    if (root) sub[root] += bytesOf(f);
    else main += bytesOf(f);
  }
  console.log(`  main package: ${size(main)}`);
  for (const r of roots) console.log(`  subpackage ${r}: ${size(sub[r])}`);
  console.log(`  total: ${size(main + Object.values(sub).reduce((a, b) => a + b, 0))}`);
  if (main >= MAIN_LIMIT) fail(`main package is ${size(main)}: WeChat refuses 2 MB and more`);
  else if (main > MAIN_WARN) warn(`main package is ${size(main)}: above the 1 MB target`);
  else ok('main package under the 1 MB target');

  // Taro replaces process.env.TARO_ENV and NODE_ENV; anything else left would throw in WeChat.
  const leftovers = new Set();
  for (const f of files.filter((f) => f.endsWith('.js'))) {
    const text = fs.readFileSync(path.join(WEAPP_DIR, f), 'utf8');
    for (const m of text.matchAll(/process\.env(\.[A-Za-z_$][\w$]*|\[[^\]]*\])?/g)) leftovers.add(`${f}: ${m[0]}`);
  }
  if (leftovers.size) fail(`process.env left in the weapp output (define it in config/index.ts): ${[...leftovers].join('; ')}`);
  else ok('no process.env left in the JS');
}

function checkH5() {
  console.log('\n[h5] dist-h5');
  const indexPath = path.join(H5_DIR, 'index.html');
  if (!fs.existsSync(indexPath)) {
    fail('dist-h5/index.html is missing: run `taro build --type h5` first');
    return;
  }
  const html = fs.readFileSync(indexPath, 'utf8');
  const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
  const missing = scripts.filter((s) => !fs.existsSync(path.join(H5_DIR, s.replace(/^\//, ''))));
  if (!scripts.length) fail('index.html loads no scripts');
  else if (missing.length) fail(`index.html loads missing files: ${missing.join(', ')}`);
  else ok(`index.html and its ${scripts.length} script(s) present`);

  const manifestPath = path.join(H5_DIR, H5_MANIFEST);
  if (!fs.existsSync(manifestPath)) {
    warn(`${H5_MANIFEST} missing (written by config/h5-chunk-manifest.ts): first-page size unknown`);
    return;
  }
  const { groups } = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  const firstPage = firstPagePath();
  const entry = groups.filter((g) => g.isEntry);
  const page = groups.find((g) => g.origins.some((o) => o.replace(/^\.\//, '').replace(/\.[jt]sx?$/, '') === firstPage));
  if (!page) {
    warn(`no chunk group found for the first page ${firstPage}`);
  }
  const files = [...new Set([...entry, ...(page ? [page] : [])].flatMap((g) => g.files))];
  const js = files.filter((f) => f.endsWith('.js'));
  const css = files.filter((f) => f.endsWith('.css'));
  const measure = (list) =>
    list.reduce(
      (acc, f) => {
        const buf = fs.readFileSync(path.join(H5_DIR, f));
        return { raw: acc.raw + buf.length, gzip: acc.gzip + zlib.gzipSync(buf, { level: 9 }).length };
      },
      { raw: 0, gzip: 0 },
    );
  const jsSize = measure(js);
  const cssSize = measure(css);
  console.log(`  first page (${firstPage}): JS ${js.length} files, ${size(jsSize.raw)}, gzip ${size(jsSize.gzip)}`);
  console.log(`  first page CSS: ${css.length} files, ${size(cssSize.raw)}, gzip ${size(cssSize.gzip)}`);
  const allJs = listFiles(H5_DIR).filter((f) => f.endsWith('.js'));
  console.log(`  all H5 JS: ${allJs.length} files, ${size(measure(allJs).raw)}`);
}

/** The first page of the app: from dist-weapp/app.json when there, else the usual home page. */
function firstPagePath() {
  try {
    return JSON.parse(fs.readFileSync(path.join(WEAPP_DIR, 'app.json'), 'utf8')).pages[0];
  } catch {
    return 'pages/index/index';
  }
}

/**
 * Loads a bundle in its own node process, as the cloud would, with `wx-server-sdk` mapped to a stub
 * that accepts any call (a bundle may call cloud.init() or cloud.database() while loading).
 */
const LOADER = `
const Module = require('module');
const stubPath = require('path').join(require('os').tmpdir(), 'wx-server-sdk-stub.js');
require('fs').writeFileSync(stubPath, ${JSON.stringify(`
  const anything = () => new Proxy(function () {}, {
    get: (_t, key) => (key === 'then' ? undefined : key === Symbol.toPrimitive ? () => 'stub' : anything()),
    apply: () => anything(),
    construct: () => anything(),
  });
  const sdk = anything();
  module.exports = new Proxy({}, {
    get: (_t, key) => ({ DYNAMIC_CURRENT_ENV: 'stub-env', __esModule: false })[key] ?? sdk[key],
  });
`)});
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'wx-server-sdk') return stubPath;
  return resolve.call(this, request, ...rest);
};
const mod = require(process.argv[1]);
if (typeof mod.main !== 'function') { console.error('exports.main is not a function'); process.exit(2); }
`;

function checkFunctions() {
  console.log('\n[functions] cloudfunctions/*/index.js');
  const dirs = fs.existsSync(FUNCTIONS_DIR)
    ? fs
        .readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
        .filter((d) => d.isDirectory() && !d.name.startsWith('.') && !d.name.startsWith('_') && d.name !== 'node_modules')
        .map((d) => d.name)
    : [];
  if (!dirs.length) {
    console.log('  - skipped: cloudfunctions/ has no function folders yet');
    return;
  }
  for (const name of dirs) {
    const bundle = path.join(FUNCTIONS_DIR, name, 'index.js');
    if (!fs.existsSync(bundle)) {
      fail(`${name}: cloudfunctions/${name}/index.js is missing (bundle the functions first)`);
      continue;
    }
    const pkgPath = path.join(FUNCTIONS_DIR, name, 'package.json');
    if (!fs.existsSync(pkgPath)) {
      fail(`${name}: cloudfunctions/${name}/package.json is missing (a function needs one; a folder left by an old build can be deleted)`);
      continue;
    }
    const bytes = fs.statSync(bundle).size;
    const kb = (bytes / 1024).toFixed(1);
    if (bytes >= FUNCTION_LIMIT)
      fail(
        `${name}: bundle is ${size(bytes)}, over the ${FUNCTION_LIMIT / 1024} KB budget of a cloud function: ` +
          'move actions to their own function or load heavy libraries lazily',
      );
    // What the bundle leaves to require at run time must be Node's own or installed by the cloud
    // from the function's package.json; anything else would fail there, possibly only on first use.
    const declared = Object.keys(JSON.parse(fs.readFileSync(pkgPath, 'utf8')).dependencies ?? {});
    const required = [...fs.readFileSync(bundle, 'utf8').matchAll(/(?:require|import)\(["']([^"'./][^"']*)["']\)/g)].map((m) => m[1]);
    const undeclared = [...new Set(required)].filter(
      (r) => !builtinModules.includes(r.replace(/^node:/, '')) && !declared.some((d) => r === d || r.startsWith(`${d}/`)),
    );
    if (undeclared.length) fail(`${name}: requires ${undeclared.join(', ')}, which its package.json does not declare`);
    else ok(`${name}: requires only Node built-ins and ${declared.join(', ') || 'nothing else'}`);
    const run = spawnSync(process.execPath, ['-e', LOADER, bundle], { encoding: 'utf8', timeout: 30000, cwd: path.dirname(bundle) });
    if (run.status === 0) ok(`${name}: loads, exports main (${kb} KB)`);
    else {
      const lines = (run.stderr || run.error?.message || `exit ${run.status}`).trim().split('\n');
      const reason = lines.find((l) => /Error|exports\.main/.test(l)) ?? lines[0];
      fail(`${name}: does not load: ${reason.trim()}`);
    }
  }
}

const wanted = process.argv.slice(2);
const all = wanted.length === 0;
if (all || wanted.includes('weapp')) checkWeapp();
if (all || wanted.includes('h5')) checkH5();
if (all || wanted.includes('functions')) checkFunctions();

console.log('');
if (failures.length) {
  console.log(`build check FAILED: ${failures.length} problem(s)${warnings.length ? `, ${warnings.length} warning(s)` : ''}`);
  process.exit(1);
}
console.log(`build check passed${warnings.length ? ` with ${warnings.length} warning(s)` : ''}`);
