/**
 * The weapp build through WeChat's own compilers: miniprogram-ci's compile (as an upload does it)
 * with the package sizes it measures, and wcc / wcsc (miniprogram-compiler) on every .wxml, .wxs
 * and .wxss file. A page missing from app.json, a syntax error, an unclosed tag or a CSS rule
 * WeChat refuses fails here with the file named.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, type Dirent } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DIST, allPages } from './harness/mini-program';

const wcc = require('miniprogram-compiler/src/wcc') as (
  root: string,
  files: string[],
  wxs: string[],
  opts?: { maxBuffer?: number },
) => string;
const wcsc = require('miniprogram-compiler/src/wcsc') as (
  root: string,
  files: string[],
  opts?: { maxBuffer?: number },
) => Record<string, string> | Error;

function filesOf(ext: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }) as Dirent[]) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(ext)) out.push(relative(DIST, p).replace(/\\/g, '/'));
    }
  };
  walk(DIST);
  return out.sort();
}

const MAX_BUFFER = 64 * 1024 * 1024;

describe('微信编译器', () => {
  it('miniprogram-ci 离线编译整个小程序（与上传相同），主包小于 1 MB，代码质量检查通过', () => {
    const dir = mkdtempSync(join(tmpdir(), 'weapp-compile-'));
    try {
      const out = join(dir, 'compile.json');
      const r = spawnSync(process.execPath, ['scripts/weapp-compile.mjs', '--json', out], { encoding: 'utf8', timeout: 180_000 });
      // The sizes go to the terminal of `npm run test:weapp` as they are.
      process.stdout.write(
        r.stdout
          .split('\n')
          .filter((l) => /^(微信编译| {2})/.test(l))
          .join('\n') + '\n',
      );
      const result = JSON.parse(readFileSync(out, 'utf8')) as {
        ok: boolean;
        errors: string[];
        sizes: Record<string, number>;
        roots: string[];
      };
      expect(result.errors).toEqual([]);
      expect(r.status).toBe(0);
      expect(result.sizes.main).toBeGreaterThan(0);
      expect(result.sizes.main).toBeLessThan(1024 * 1024);
      for (const root of result.roots) expect(result.sizes[root]).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('wcc 编译全部 .wxml 与 .wxs，每个页面与组件都得到渲染函数', () => {
    const wxml = filesOf('.wxml');
    const wxs = filesOf('.wxs');
    expect(wxml.length).toBeGreaterThan(allPages().length);
    let code: string;
    try {
      code = wcc(
        DIST,
        wxml.map((f) => f.slice(0, -'.wxml'.length)),
        wxs,
        { maxBuffer: MAX_BUFFER },
      );
    } catch (e) {
      throw new Error(`wcc 拒绝了模板：${(e as Error).message}`);
    }
    // The compiled code defines $gwx; each template must come out as a render function.
    const gwx = new Function(`${code}; return $gwx;`)() as (path: string) => unknown;
    (globalThis as Record<string, unknown>).__webview_engine_version__ = 0.02;
    const missing = wxml.filter((f) => typeof gwx(f) !== 'function');
    expect(missing).toEqual([]);
  });

  it('wcsc 编译全部 .wxss（页面与组件样式在前，同一次调用）', () => {
    const wxss = filesOf('.wxss');
    expect(wxss.length).toBeGreaterThan(0);
    const r = wcsc(
      DIST,
      wxss.map((f) => f.slice(0, -'.wxss'.length)),
      { maxBuffer: MAX_BUFFER },
    );
    if (r instanceof Error) throw new Error(`wcsc 拒绝了样式：${r.message}`);
    // Page and component styles come out one by one; the shared files (app, chunks) go into `comm`.
    const ownStyles = wxss.filter((f) => existsSync(join(DIST, f.replace(/\.wxss$/, '.json'))));
    const compiled = Object.keys(r)
      .filter((k) => k.endsWith('.wxss') && k !== './app.wxss')
      .map((k) => k.replace(/^\.\//, ''));
    expect(compiled.sort()).toEqual(ownStyles);
    expect(r.comm?.length ?? 0).toBeGreaterThan(0);
  });
});
