/**
 * 长辈版 in the weapp: WeChat's own font setting decides the first launch (关怀模式 or a large
 * font → 长辈版, read from `wx.getAppBaseInfo().fontSizeScaleFactor`); otherwise 长辈版 is offered
 * once on the first page, and 我的 → 长辈版 toggles it from the whole row. The choice is stored and
 * wins over WeChat's setting afterwards.
 */
import { MiniProgram } from './harness/mini-program';
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
});
