/**
 * Smoke test in WeChat DevTools through miniprogram-automator: opens dist-weapp, checks the home
 * page renders and the tab bar works. Runs only where WECHAT_DEVTOOLS_CLI points at the DevTools
 * command line (e.g. /Applications/wechatwebdevtools.app/Contents/MacOS/cli) and
 * miniprogram-automator is installed (`npm i -D miniprogram-automator`); everywhere else it is
 * skipped with the reason printed.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const CLI = process.env.WECHAT_DEVTOOLS_CLI;

const skipReason = !CLI
  ? 'WECHAT_DEVTOOLS_CLI is not set (point it at the WeChat DevTools cli to run this test)'
  : !existsSync(CLI)
    ? `WECHAT_DEVTOOLS_CLI=${CLI} does not exist`
    : undefined;

if (skipReason) console.info(`devtools smoke test skipped: ${skipReason}`);

const maybe = skipReason ? describe.skip : describe;

// The automator's own types are not installed here; the few calls used are typed below.
interface MiniProgramPage {
  path: string;
  waitFor(ms: number): Promise<void>;
  $(selector: string): Promise<{ text(): Promise<string> } | null>;
}
interface MiniProgram {
  reLaunch(url: string): Promise<MiniProgramPage>;
  switchTab(url: string): Promise<MiniProgramPage>;
  currentPage(): Promise<MiniProgramPage>;
  close(): Promise<void>;
}
interface Automator {
  launch(opts: { cliPath: string; projectPath: string; timeout?: number }): Promise<MiniProgram>;
}

maybe('WeChat DevTools smoke', () => {
  let mp: MiniProgram | undefined;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist-weapp', 'app.json'))) throw new Error('dist-weapp is missing: run `npm run build:weapp` first');
    // Required here so that machines without it never load it.
    const automator = require('miniprogram-automator') as Automator;
    mp = await automator.launch({ cliPath: CLI!, projectPath: ROOT, timeout: 90000 });
  }, 120000);

  afterAll(async () => {
    await mp?.close();
  });

  test('the home page shows 我要上报 and the tabs open', async () => {
    const home = await mp!.reLaunch('/pages/index/index');
    await home.waitFor(1000);
    const button = await home.$('.big-button--hero');
    expect(button).not.toBeNull();
    expect(await button!.text()).toContain('我要上报');

    const cases = await mp!.switchTab('/pages/cases/index');
    expect(cases.path).toBe('pages/cases/index');
    const me = await mp!.switchTab('/pages/me/index');
    expect(me.path).toBe('pages/me/index');
  }, 120000);
});
