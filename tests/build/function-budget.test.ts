/**
 * The build check (`node scripts/build-check.mjs functions`, a step of `npm test`) holds every cloud
 * function bundle under 300 KB: a bundle of 300 KB or more fails it, naming the function and its size.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const root = path.resolve(__dirname, '..', '..');
const KB = 1024;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fn-budget-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A bundle that loads and exports `main`, padded with a comment to exactly `bytes`. */
function bundle(name: string, bytes: number): void {
  const code = 'exports.main = async () => ({ ok: true });\n/*';
  const end = '*/\n';
  mkdirSync(path.join(dir, name));
  writeFileSync(path.join(dir, name, 'index.js'), code + 'x'.repeat(bytes - code.length - end.length) + end);
  writeFileSync(path.join(dir, name, 'package.json'), JSON.stringify({ name, dependencies: { 'wx-server-sdk': '~3.0.1' } }));
}

const check = () =>
  spawnSync(process.execPath, [path.join(root, 'scripts', 'build-check.mjs'), 'functions'], {
    encoding: 'utf8',
    env: { ...process.env, CLOUDFUNCTIONS_DIR: dir },
  });

describe('云函数包大小预算', () => {
  it('每个函数都在 300 KB 以内时通过', () => {
    bundle('small', 100 * KB);
    bundle('edge', 300 * KB - 1);
    const r = check();
    expect(r.stdout).toContain('build check passed');
    expect(r.status).toBe(0);
  });

  it('有一个函数达到 300 KB 即失败，并说出是哪个函数、多大', () => {
    bundle('small', 100 * KB);
    bundle('heavy', 300 * KB);
    const r = check();
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/heavy: bundle is 307200 B \(300\.0 KB\), over the 300 KB budget/);
    expect(r.stdout).not.toMatch(/small: bundle is/);
    expect(r.stdout).toContain('build check FAILED: 1 problem(s)');
  });

  it('一个文件夹只有旧的构建产物、没有 package.json 时，说清楚而不是崩溃', () => {
    bundle('small', 100 * KB);
    mkdirSync(path.join(dir, 'removed'));
    writeFileSync(path.join(dir, 'removed', 'index.js'), 'exports.main = async () => ({});\n');
    const r = check();
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/removed: cloudfunctions\/removed\/package\.json is missing/);
    expect(r.stdout).toContain('build check FAILED: 1 problem(s)');
  });
});
