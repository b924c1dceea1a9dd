/**
 * 工作人员打开应用就到自己干活的地方：五员到「工作台」，社区管理员和职能部门到「管理」；居民留在首页。
 * 只在打开时跳一次：之后点「首页」仍能看首页。
 */
import { hostOptions, openAs, tap } from './staff-support';
import { openBrowser, visible, type Session } from './support/browser';
import { startHost, type RunningHost } from './support/host';

let host: RunningHost | undefined;
let session: Session | undefined;

beforeAll(async () => {
  host = await startHost(hostOptions());
});
afterEach(async () => {
  await session?.close();
  session = undefined;
});
afterAll(async () => {
  await host?.stop({ removeData: true });
});

test.each([
  ['demo-11-grid-worker', 'member-desk', '工作台'],
  ['demo-admin-1', 'admin-desk', '管理'],
  ['demo-dept-1', 'admin-desk', '管理'],
])('%s opens the app on 首页 and lands on its work tab', async (openid, desk, label) => {
  session = await openBrowser(`landing-${openid}`);
  const { page } = session;
  await openAs(page, host!, openid);
  await visible(page, desk).waitFor();
  await expect(visible(page, 'tab-work').innerText()).resolves.toContain(label);
  await session.screenshot('landed');
  // Once only: 首页 can still be visited.
  await tap(visible(page, 'tab-home'));
  await visible(page, 'page-home').waitFor();
  await page.waitForTimeout(1500);
  await expect(visible(page, 'page-home').isVisible()).resolves.toBe(true);
});

test('a resident stays on 首页', async () => {
  session = await openBrowser('landing-resident');
  const { page } = session;
  await openAs(page, host!, 'demo-resident-1');
  await visible(page, 'page-home').waitFor();
  await page.waitForTimeout(1500);
  await expect(visible(page, 'page-home').isVisible()).resolves.toBe(true);
  await expect(page.locator('[data-testid="member-desk"], [data-testid="admin-desk"]').filter({ visible: true }).count()).resolves.toBe(0);
});
