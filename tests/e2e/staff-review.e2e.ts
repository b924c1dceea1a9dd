/**
 * 公开内容审核（审核后公开）：居民写的文字审核通过后才在公示栏出现。
 * 公示栏先只显示类别、地点、状态和步骤，标注「内容审核中」；管理首页显示待审核数；审核页原文与脱敏建议并排，
 * 一键按建议公开、修改后公开、不公开（填原因）、全部按建议公开；之后公示栏显示审核过的公开文字。
 *
 * The host starts without the demo history (SEED_CASES=0). The tests run in order on one host and one browser.
 */
import type { Page } from 'playwright-core';
import { byTestId, openBrowser, typeInto, visible, type Session } from './support/browser';
import { startHost, type RunningHost } from './support/host';
import { apiAs, hostOptions, openAs, submitCase, tap, until, waitText, withFailureShots, type Api } from './staff-support';

const BUILDING = 'sf-yuyuan-g1-b1';
const PHONE = '13812345678';
const NAME = '张三丰';

let host: RunningHost;
let session: Session;
let admin: Api;
let resident: Api;
let steward: Api;

beforeAll(async () => {
  const options = hostOptions();
  host = await startHost({ ...options, env: { ...options.env, SEED_CASES: '0' } });
  admin = await apiAs(host, 'demo-admin-1');
  resident = await apiAs(host, 'demo-resident-1');
  steward = await apiAs(host, 'demo-11-building-steward');
  session = await openBrowser('staff-review');
  await openAs(session.page, host, 'demo-admin-1');
});

afterAll(async () => {
  await session?.close();
  await host?.stop({ removeData: true });
});

async function openBoardCase(page: Page, caseId: string): Promise<void> {
  await page.goto(`${host.url}/#/pages-board/case/index?id=${encodeURIComponent(caseId)}`);
  await visible(page, 'timeline-event').waitFor();
}

/** Every visible word of the page, to search for what must not be there. */
const pageText = (page: Page) => page.locator('body').innerText();

/**
 * A tap target at least 44 px high and wide at the designed scale: the H5 page sizes its root font
 * to 20 px at 375 px width, and everything is drawn in rem. Measured against the root font the
 * page really has, so the check holds the layout to its design whatever the sizing script did.
 */
async function expectTapTarget(page: Page, testId: string): Promise<void> {
  const box = await visible(page, testId).boundingBox();
  const rootPx = await page.evaluate('parseFloat(getComputedStyle(document.documentElement).fontSize)');
  const min = 44 * (Number(rootPx) / 20);
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(min);
  expect(box?.width ?? 0).toBeGreaterThanOrEqual(min);
}

test('公示栏审核前只显示「内容审核中」；管理员审核（按建议、修改、不公开）后显示公开文字', () =>
  withFailureShots(
    () => [session],
    async () => {
      const { page, screenshot } = session;
      const { caseId } = await submitCase(resident, {
        buildingId: BUILDING,
        categoryId: 'cat-01',
        description: `我叫${NAME}，3栋2单元501门口的灯坏了，电话${PHONE}`,
      });
      await steward.call('member', 'acceptCase', { caseId });
      await steward.call('member', 'addProgress', { caseId, note: `已联系${NAME}，明天上门` });
      await resident.call('resident', 'supplementCase', { caseId, note: '家里老人行动不便，白天有人在' });

      // ——— the board before review ———
      await openBoardCase(page, caseId);
      await waitText(page, 'public-case-pending', '内容审核中');
      await expect(visible(page, 'timeline-note-pending').innerText()).resolves.toBe('内容审核中');
      const before = await pageText(page);
      expect(before).toContain('设施维修');
      expect(before).not.toContain(PHONE);
      expect(before).not.toContain(NAME);
      expect(before).not.toContain('灯坏了');
      await screenshot('board-before-review');

      // ——— the 管理 home counts what waits ———
      await page.goto(`${host.url}/#/pages/workbench/index`);
      await waitText(page, 'tile-review', '内容待审核');
      await until('the 内容待审核 tile shows 3', async () => /^3\s/.test(await visible(page, 'tile-review').innerText()));
      await screenshot('admin-home-review-count');
      await tap(visible(page, 'tile-review'));

      // ——— the review page: original beside the masked suggestion ———
      const card = visible(page, `review-case-${caseId}`);
      await card.waitFor();
      const desc = byTestId(card, 'review-text-description');
      await expect(byTestId(desc, 'review-original').innerText()).resolves.toContain(PHONE);
      await expect(byTestId(desc, 'review-suggestion').innerText()).resolves.toBe('我叫张**，3栋**门口的灯坏了，电话138****5678');
      await expectTapTarget(page, 'review-approve');
      await screenshot('review-page');

      // One tap: as suggested.
      await tap(byTestId(desc, 'review-approve'));
      await waitText(page, 'review-decided', '已按建议公开');

      // Edited, then approved.
      const texts = byTestId(card, 'review-approve');
      await until('two texts left to decide', async () => (await texts.count()) === 2);
      const progress = card.locator('[data-testid^="review-text-e"]').filter({ hasText: '进展' }).first();
      await tap(byTestId(progress, 'review-edit'));
      await typeInto(page, 'review-edit-text', '已约好上门维修时间');
      await tap(byTestId(progress, 'review-confirm'));
      await until('the progress note is approved', async () =>
        (await byTestId(progress, 'review-decided').innerText()).includes('已修改后公开'),
      );

      // Kept private, with a reason.
      const supplement = card.locator('[data-testid^="review-text-e"]').filter({ hasText: '补充信息' }).first();
      await tap(byTestId(supplement, 'review-private'));
      await tap(byTestId(supplement, 'review-confirm'));
      await waitText(page, 'error-line', '请填写不公开的原因');
      await typeInto(page, 'review-private-reason', '涉及家人健康');
      await tap(byTestId(supplement, 'review-confirm'));
      await waitText(page, 'review-note', '已审核完');
      await screenshot('review-done');

      const stored = await admin.call<{ items: { caseId: string }[] }>('admin', 'reviewQueue', {});
      expect(stored.items.map((i) => i.caseId)).not.toContain(caseId);

      // ——— the board after review ———
      await openBoardCase(page, caseId);
      await waitText(page, 'public-case-description', '我叫张**，3栋**门口的灯坏了，电话138****5678');
      const after = await pageText(page);
      expect(after).toContain('已约好上门维修时间');
      expect(after).toContain('内容不公开');
      expect(after).not.toContain(PHONE);
      expect(after).not.toContain(NAME);
      expect(after).not.toContain('老人');
      await screenshot('board-after-review');
    },
  ));

test('全部按建议公开；管理首页的待审核数随之归零', () =>
  withFailureShots(
    () => [session],
    async () => {
      const { page, screenshot } = session;
      const filed = [];
      for (const d of ['2栋楼道堆满杂物，邻居李桂英家门口过不去', '垃圾桶满了没人清运，微信号 wxid_k2j3h4g5 可联系'])
        filed.push((await submitCase(resident, { buildingId: BUILDING, categoryId: 'cat-01', description: d })).caseId);
      await page.goto(`${host.url}/#/pages-admin/review/index`);
      await visible(page, `review-case-${filed[1]}`).waitFor();
      await expectTapTarget(page, 'review-approve-all');
      await tap(visible(page, 'review-approve-all'));
      await waitText(page, 'review-note', '已按建议公开 2 段内容');
      await visible(page, 'review-empty').waitFor();
      await screenshot('review-bulk-approved');

      await openBoardCase(page, filed[0]!);
      await waitText(page, 'public-case-description', '邻居李**家门口过不去');
      await openBoardCase(page, filed[1]!);
      await waitText(page, 'public-case-description', 'wxid_****');
      expect(await pageText(page)).not.toContain('k2j3h4g5');

      await page.goto(`${host.url}/#/pages/workbench/index`);
      await waitText(page, 'tile-review', '内容待审核');
      // The desk reloads its counts when shown again.
      await until('the 内容待审核 tile shows 0', async () => /^0\s/.test(await visible(page, 'tile-review').innerText()));
    },
  ));
