/**
 * 长辈版 in the weapp: WeChat's own font setting decides the first launch (关怀模式 or a large
 * font → 长辈版, read from `wx.getAppBaseInfo().fontSizeScaleFactor`); otherwise 长辈版 is offered
 * once on the first page, and 我的 → 长辈版 toggles it from the whole row. The choice is stored and
 * wins over WeChat's setting afterwards.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, MiniProgram } from './harness/mini-program';
import { sqliteWorld, type World } from './harness/world';

const RESIDENT = 'demo-resident-1';

let world: World;
let mp: MiniProgram | undefined;

beforeAll(async () => {
  world = await sqliteWorld({ seedCases: 10 });
});
afterEach(async () => {
  await mp?.close();
  mp = undefined;
});
afterAll(async () => {
  await world?.close();
});

/** Every .wxss of the built weapp. */
function wxssFiles(dir = DIST): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'miniprogram_npm' ? [] : wxssFiles(path);
    return name.endsWith('.wxss') ? [path] : [];
  });
}

/** The declarations the built styles give `selector` (merged over every rule that lists it). */
function declarations(selector: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of wxssFiles()) {
    for (const m of readFileSync(file, 'utf8').matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
      if (!m[1]!.split(',').some((s) => s.trim() === selector)) continue;
      for (const d of m[2]!.split(';')) {
        const [k, v] = d.split(':');
        if (k && v) out[k.trim()] = v.trim();
      }
    }
  }
  return out;
}

/** css px at a 375 px wide screen: the weapp's styles are in rpx (750 across); `var(--x, 24rpx)` counts its fallback. */
function cssPx(value: string | undefined): number {
  const rpx = [...(value ?? '').matchAll(/(\d+(?:\.\d+)?)rpx/g)].pop();
  return rpx ? parseFloat(rpx[1]!) / 2 : NaN;
}

// WeChat's component framework prefixes the classes of the app's styles (main--page--large).
const large = (m: MiniProgram): boolean => m.select('[class~="main--page--large"]').length > 0;

describe('长辈版（小程序）', () => {
  it('关怀模式 (WeChat text scaled 1.3×): the app opens in 长辈版 and does not ask', async () => {
    mp = await MiniProgram.launch(world, RESIDENT, undefined, { fontSizeScaleFactor: 1.3 });
    await mp.see('我要上报');
    expect(mp.wx.callsOf('getAppBaseInfo').length).toBeGreaterThan(0);
    expect(large(mp)).toBe(true);
    expect(mp.text()).not.toContain('试试长辈版？');
  });

  it('standard WeChat font: standard pages, 长辈版 offered once; taking it turns every page large and is remembered', async () => {
    mp = await MiniProgram.launch(world, RESIDENT, undefined, { fontSizeScaleFactor: 1 });
    await mp.see('试试长辈版？');
    expect(large(mp)).toBe(false);
    await mp.tap('用长辈版');
    await mp.waitFor(() => large(mp!), '长辈版 on');
    expect(mp.text()).not.toContain('试试长辈版？');
    expect(mp.wx.storage.get('wy.largeText')).toBe(true);
  });

  it('我的 → 长辈版: a tap on the row (not only the switch) turns it off and on', async () => {
    mp = await MiniProgram.launch(world, RESIDENT, 'pages/me/index', { fontSizeScaleFactor: 1.3 });
    await mp.see('长辈版');
    expect(large(mp)).toBe(true);
    await mp.tap('字更大、按钮更大，看得清、点得准');
    await mp.waitFor(() => !large(mp!), '长辈版 off');
    expect(mp.wx.storage.get('wy.largeText')).toBe(false);
    await mp.tap('长辈版');
    await mp.waitFor(() => large(mp!), '长辈版 on again');
  });

  it('the tab bar (a custom component outside the page) follows 长辈版: labels 18 px, tabs 60 px', async () => {
    mp = await MiniProgram.launch(world, RESIDENT, 'pages/me/index', { fontSizeScaleFactor: 1.3 });
    await mp.see('长辈版');
    const bar = () => mp!.page.tabBar!.dom.querySelectorAll('[class*="staff-tab-bar--large"]')[0];
    expect(bar()).toBeDefined();
    const labels = [...bar()!.querySelectorAll('[class*="staff-tab-bar__text"]')].map((e) => e.textContent);
    expect(labels).toEqual(expect.arrayContaining(['首页', '我的']));

    // What the built styles give those classes, at 375 px: text ≥ 18 px, tabs ≥ 60 × 60 px.
    expect(cssPx(declarations('.staff-tab-bar--large .staff-tab-bar__text')['font-size'])).toBeGreaterThanOrEqual(18);
    expect(cssPx(declarations('.staff-tab-bar--large')['height'])).toBeGreaterThanOrEqual(60);
    expect(cssPx(declarations('.staff-tab-bar--large .staff-tab-bar__item')['min-width'])).toBeGreaterThanOrEqual(60);
    // The standard bar is smaller: the large one is not simply the only one.
    expect(cssPx(declarations('.staff-tab-bar__text')['font-size'])).toBeLessThan(18);

    await mp.tap('字更大、按钮更大，看得清、点得准');
    await mp.waitFor(() => bar() === undefined, 'tab bar back to standard');
    expect(mp.page.tabBar!.dom.querySelectorAll('[class*="staff-tab-bar"]')[0]).toBeDefined();
  });
});
