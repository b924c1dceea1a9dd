/**
 * 工作人员打开应用就到自己干活的地方：五员到「工作台」，社区管理员和职能部门到「管理」；居民留在首页。
 * 只在打开时跳一次：之后点「首页」仍能看首页。
 */
import { apiAs, hostOptions, openAs, submitCase, tap } from './staff-support';
import { byTestId, openBrowser, visible, type Session } from './support/browser';
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

test('工作台 lists 待受理 and 处理中 together, the least time left first; only 待受理 has 受理', async () => {
  const worker = 'demo-12-grid-worker';
  const residentApi = await apiAs(host!, 'demo-resident-2');
  const adminApi = await apiAs(host!, 'demo-admin-1');
  const workerApi = await apiAs(host!, worker);
  const members = await adminApi.call<{ items: { id: string; openid?: string; role: string }[] }>('admin', 'listMembers', {
    gridId: 'sf-yuyuan-g2',
  });
  const me = members.items.find((m) => m.role === 'grid_worker')!;
  const ids: string[] = [];
  for (const text of ['二号楼门口的下水道堵了，污水漫到路上。', '三号楼的路灯一直不亮，晚上很黑。']) {
    const filed = await submitCase(residentApi, { buildingId: 'sf-yuyuan-g2-b1', categoryId: 'cat-04', description: text });
    const detail = await adminApi.call<{ case: { holder?: { memberId?: string } } }>('admin', 'getCase', { caseId: filed.caseId });
    if (detail.case.holder?.memberId !== me.id) await adminApi.call('admin', 'assignCase', { caseId: filed.caseId, memberId: me.id });
    ids.push(filed.caseId);
  }
  // The first one is taken in hand: 处理中, and still on the desk.
  await workerApi.call('member', 'acceptCase', { caseId: ids[0] });

  session = await openBrowser('landing-desk');
  const { page } = session;
  await openAs(page, host!, worker, '/pages/workbench/index');
  const desk = visible(page, 'desk-assigned');
  const processing = desk.locator(`[data-case-id="${ids[0]}"]`);
  const waiting = desk.locator(`[data-case-id="${ids[1]}"]`);
  await processing.waitFor();
  await waiting.waitFor();
  await expect(byTestId(processing, 'quick-accept').count()).resolves.toBe(0);
  await expect(byTestId(waiting, 'quick-accept').count()).resolves.toBe(1);
  // In the order of time left, as the clocks say.
  const order = await desk.locator('[data-case-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-case-id')));
  const dues = await Promise.all(
    order.map(async (id) => (await adminApi.call<{ case: { dueAt?: string } }>('admin', 'getCase', { caseId: id! })).case.dueAt ?? '9999'),
  );
  expect([...dues].sort()).toEqual(dues);
  await session.screenshot('desk');
});
