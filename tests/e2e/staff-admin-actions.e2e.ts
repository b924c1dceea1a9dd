/**
 * 社区书记在管理页上的其余操作，每一步既看页面也用接口核对服务器：
 * 案件详情 — 审核照片后公示栏才有这张照片；设为不公开后公示栏不再列出；把已派的案件改派给网格里另一名成员。
 * 网格与人员 — 停用一名还有未办结案件的成员（名下诉求按角色改派，页面说明改派了几件），新楼栋，新诉求不再派给停用的人。
 * 台账登记 — 在案件页登记隐患的场所信息（先看到将标的颜色），把一件纠纷标红，给已办结的纠纷登记化解和回访。
 * 考核 — 季度满意率低于80%回炉整改的标记、通报表扬与通报批评；导出矛盾纠纷台账（红黄绿、回访）和隐患台账，读回 .xlsx。
 *
 * The host starts without the demo history (SEED_CASES=0), so the figures of the assessment are
 * those of the cases filed here. The tests run in order on one host and one browser.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { byTestId, openBrowser, typeInto, visible, type Session } from './support/browser';
import { startHost, type RunningHost } from './support/host';
import { expectFieldsLabelled } from './support/labels';
import {
  apiAs,
  hostOptions,
  openAs,
  PNG,
  readSheet,
  submitCase,
  tap,
  tapUntil,
  until,
  waitText,
  withFailureShots,
  type Api,
} from './staff-support';

const COMMUNITY = 'sf-yuyuan';
const GRID1 = 'sf-yuyuan-g1';
const GRID2 = 'sf-yuyuan-g2';

let host: RunningHost;
let session: Session;
let admin: Api;

beforeAll(async () => {
  const options = hostOptions();
  host = await startHost({ ...options, env: { ...options.env, SEED_CASES: '0' } });
  admin = await apiAs(host, 'demo-admin-1');
  session = await openBrowser('staff-admin-actions');
  await openAs(session.page, host, 'demo-admin-1');
});

afterAll(async () => {
  await session?.close();
  await host?.stop({ removeData: true });
});

// ——— helpers ———

interface Photo {
  fileId: string;
  stage: string;
  approved?: boolean;
}
interface CaseView {
  id: string;
  no?: string;
  status: string;
  isPublic: boolean;
  photos: Photo[];
  holder?: { role: string; name: string };
}
interface Member {
  id: string;
  name: string;
  role: string;
  active: boolean;
  onDuty: boolean;
}

const getCase = (caseId: string) =>
  admin.call<{ case: CaseView; timeline: { action: string; note?: string }[] }>('admin', 'getCase', { caseId });

/** The public board's API, without logging in, as anyone on the internet calls it. */
async function board<T>(action: string, params: Record<string, unknown>): Promise<{ ok: boolean; data?: T; error?: { code: string } }> {
  const res = await fetch(`${host.url}/api/board`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action, ...params }),
  });
  return (await res.json()) as { ok: boolean; data?: T; error?: { code: string } };
}

/** A photo as the public fetches it: no token, only the case it belongs to. */
const publicPhotoStatus = async (fileId: string, caseId: string): Promise<number> =>
  (await fetch(`${host.url}/files/${fileId}?caseId=${encodeURIComponent(caseId)}`)).status;

async function upload(api: Api): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([PNG], { type: 'image/png' }), 'photo.png');
  const res = await fetch(`${host.url}/api/upload`, { method: 'POST', headers: { authorization: `Bearer ${api.token}` }, body: form });
  const body = (await res.json()) as { ok: boolean; data: { fileId: string } };
  if (!body.ok) throw new Error(`upload failed: ${JSON.stringify(body)}`);
  return body.data.fileId;
}

async function membersOf(gridId: string): Promise<Member[]> {
  return (await admin.call<{ items: Member[] }>('admin', 'listMembers', { gridId })).items;
}

/** The demo account bound to a member of 渝园社区 (the seed's first community): demo-12-resident-leader. */
const memberOpenid = (gridNo: 1 | 2, role: string) => `demo-1${gridNo}-${role.replace('_', '-')}`;

/** Today in China (YYYY-MM-DD). */
const today = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The same day of the next month, or its last day when it is shorter (the ledger's monthly visit). */
function nextMonthOf(date: string): string {
  const [y, m, day] = date.split('-').map(Number) as [number, number, number];
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** Waits until the toast a change shows has gone, so that a screenshot shows the page under it. */
const toastGone = (page: Page) =>
  until('the toast has gone', () =>
    page
      .locator('.taro__toast')
      .evaluateAll((els) => els.every((el) => (el as unknown as { style: { display: string } }).style.display === 'none')),
  );

/** Waits for the download a tap starts and reads the workbook back. */
async function exportLedger(kind: string) {
  const { page } = session;
  const [download] = await Promise.all([page.waitForEvent('download'), tap(visible(page, `export-${kind}`))]);
  const sheet = await readSheet(readFileSync(await download.path()));
  const note = await visible(page, 'export-note').innerText();
  return { sheet, note, fileName: download.suggestedFilename() };
}

// ——— 案件详情 ———

test('案件详情：审核照片、公开与不公开、改派', () =>
  withFailureShots(
    () => [session],
    async () => {
      const { page, screenshot } = session;
      const resident = await apiAs(host, 'demo-resident-1');
      const photoId = await upload(resident);
      // submitCase passes every field on; this one carries the photo the resident took.
      const filing = {
        buildingId: `${GRID1}-b1`,
        categoryId: 'cat-01',
        description: '1栋门口的路灯杆被车撞歪了，晚上一片漆黑，随时可能倒下。',
        photos: [photoId],
      };
      const filed = await submitCase(resident, filing);
      const { caseId } = filed;
      expect(filed.holder?.role).toBe('building_steward');

      // Before review: the board shows the case without the photo, and nobody outside may fetch it.
      const unreviewed = await board<{ case: { photos: Photo[] } }>('getCase', { caseId });
      expect(unreviewed.data?.case.photos).toEqual([]);
      expect(await publicPhotoStatus(photoId, caseId)).toBe(404);

      // ——— 照片审核 ———
      await page.goto(`${host.url}/#/pages-admin/case/index?id=${caseId}`);
      const review = visible(page, 'photo-review');
      await review.waitFor();
      const thumb = review.locator('img').first();
      await until('the photo under review has loaded', () =>
        thumb.evaluate((el) => {
          const img = el as unknown as { complete: boolean; naturalWidth: number };
          return img.complete && img.naturalWidth > 0;
        }),
      );
      await expect(byTestId(review, 'photo-approve').innerText()).resolves.toBe('不公开');
      await review.scrollIntoViewIfNeeded();
      await screenshot('photo-review');
      // 可公开 is a check box named by the photo (读屏), its state read out.
      await tap(review.getByRole('checkbox', { name: '第1张照片（上报）：可公开', checked: false }));
      await review.getByRole('checkbox', { name: '第1张照片（上报）：可公开', checked: true }).waitFor();
      await waitText(page, 'photo-approve', '✓ 可公开');
      await review.scrollIntoViewIfNeeded();
      await toastGone(page);
      await screenshot('photo-approved');

      expect((await getCase(caseId)).case.photos).toEqual([expect.objectContaining({ fileId: photoId, stage: 'before', approved: true })]);
      const approved = await board<{ case: { photos: Photo[] } }>('getCase', { caseId });
      expect(approved.data?.case.photos).toEqual([{ fileId: photoId, stage: 'before' }]);
      expect(await publicPhotoStatus(photoId, caseId)).toBe(200);

      // ——— 公开 → 不公开 ———
      const listed = async () =>
        (await board<{ items: { id: string }[] }>('listCases', { gridId: GRID1, limit: 50 })).data!.items.map((c) => c.id);
      expect(await listed()).toContain(caseId);
      await expect(visible(page, 'public-public').getAttribute('class')).resolves.toContain('staff-chip--on');
      await tap(visible(page, 'public-private'));
      await page.locator('[data-testid="public-private"].staff-chip--on').filter({ visible: true }).first().waitFor();
      await visible(page, 'public-private').scrollIntoViewIfNeeded();
      await toastGone(page);
      await screenshot('case-private');
      expect((await getCase(caseId)).case.isPublic).toBe(false);
      expect(await listed()).not.toContain(caseId);
      expect((await board('getCase', { caseId })).error?.code).toBe('CASE.NOT_FOUND');
      // An approved photo of a case taken off the board is not public any more either.
      expect(await publicPhotoStatus(photoId, caseId)).toBe(404);

      // ——— 改派给本网格的网格员 ———
      const worker = (await membersOf(GRID1)).find((m) => m.role === 'grid_worker')!;
      await waitText(page, 'case-summary', '楼栋物管员');
      await tap(visible(page, 'action-assign'));
      const panel = visible(page, 'assign-panel');
      await expect(panel.innerText()).resolves.toContain('改派给');
      const row = panel.locator(`[data-testid="assign-member"][data-member-id="${worker.id}"]`);
      await row.waitFor();
      // The one who holds it now is marked, not offered.
      const current = panel.locator(`[data-testid="assign-member"][data-member-id="${GRID1}-building_steward"]`);
      await byTestId(current, 'assign-current').waitFor();
      await expect(byTestId(current, 'assign-to').count()).resolves.toBe(0);
      await screenshot('reassign-panel');
      await tap(byTestId(row, 'assign-to'));
      // 改派 asks for a reason, shows the member's phone to call first, and asks once to confirm.
      await visible(page, 'reassign-one').waitFor();
      await tap(visible(page, 'reassign-one-submit'));
      await waitText(page, 'reassign-one-error', '请填写改派理由');
      await typeInto(page, 'reassign-one-reason', '物管员本周休假');
      await tap(visible(page, 'reassign-one-submit'));
      const confirm = page.locator('.taro-modal__content').filter({ visible: true });
      await confirm.waitFor();
      await expect(confirm.innerText()).resolves.toContain(`改派给 网格员 ${worker.name}？理由：物管员本周休假`);
      await confirm.locator('.taro-model__confirm').click();
      await waitText(page, 'case-summary', `网格员 ${worker.name}`);
      await expect(visible(page, 'case-summary').innerText()).resolves.toContain('待受理');
      const latest = visible(page, 'staff-timeline').locator('[data-action="assign"]').first();
      await expect(latest.innerText()).resolves.toContain(`派给网格员 ${Array.from(worker.name)[0]}**：改派：物管员本周休假`);
      await toastGone(page);
      await screenshot('case-reassigned');
      await latest.scrollIntoViewIfNeeded();
      await screenshot('case-reassigned-timeline');

      const after = await getCase(caseId);
      expect(after.case.status).toBe('assigned');
      expect(after.case.holder).toMatchObject({ role: 'grid_worker', name: worker.name });
      expect(after.timeline.at(-1)).toMatchObject({ action: 'assign', note: expect.stringContaining('派给网格员') });
      expect(session.pageErrors).toEqual([]);
    },
  ));

// ——— 网格与人员 ———

test('网格与人员：停用还有案件的成员，添加楼栋，新诉求改由网格员办理', () =>
  withFailureShots(
    () => [session],
    async () => {
      const { page, screenshot } = session;
      const resident = await apiAs(host, 'demo-resident-2');
      const stewardId = `${GRID1}-building_steward`;
      // Two open cases held by the steward who is about to be stopped.
      const held = [];
      for (const [b, description] of [
        ['b2', '2栋楼道堆满纸箱，挡住了消防通道。'],
        ['b3', '3栋垃圾桶两天没清运，味道很大。'],
      ])
        held.push(await submitCase(resident, { buildingId: `${GRID1}-${b}`, categoryId: 'cat-02', description }));
      for (const c of held) expect((await getCase(c.caseId)).case.holder?.role).toBe('building_steward');
      const steward = (await membersOf(GRID1)).find((m) => m.id === stewardId)!;

      await page.goto(`${host.url}/#/pages-admin/org/index`);
      const grid = visible(page, 'page-org').locator(`[data-grid-id="${GRID1}"]`);
      const row = grid.locator(`[data-testid="org-member"][data-member-id="${stewardId}"]`);
      await row.waitFor();
      await screenshot('org');

      // ——— 停用成员：先确认，名下的诉求按角色改派，页面说明改派了几件 ———
      await tap(byTestId(row, 'member-deactivate'));
      const modal = page.locator('.taro-modal__content').filter({ visible: true });
      await modal.waitFor();
      await expect(modal.innerText()).resolves.toContain(`停用 楼栋物管员 ${steward.name} 后不再派新任务`);
      await expect(modal.innerText()).resolves.toContain('按角色改派');
      await screenshot('org-deactivate-confirm');
      await modal.locator('.taro-model__confirm').click();
      await waitText(page, 'member-deactivated', `已停用楼栋物管员 ${steward.name}。TA 名下 2 件未办结的诉求已按角色改派`);
      await row.waitFor({ state: 'detached' });
      await expect(byTestId(grid, 'grid-missing').innerText()).resolves.toContain('楼栋物管员');
      await byTestId(grid, 'member-deactivated').scrollIntoViewIfNeeded();
      await toastGone(page);
      await screenshot('org-member-deactivated');

      const stopped = (await membersOf(GRID1)).find((m) => m.id === stewardId)!;
      expect(stopped).toMatchObject({ active: false, onDuty: false });
      // The WeChat account bound to the member has lost the role.
      await expect((await apiAs(host, memberOpenid(1, 'building_steward'))).call('member', 'listTasks')).rejects.toThrow('AUTH.FORBIDDEN');
      // No other steward in the grid: the grid worker has them now, and the timeline says why.
      for (const c of held) {
        const moved = await getCase(c.caseId);
        expect(moved.case).toMatchObject({ status: 'assigned', holder: { role: 'grid_worker' } });
        expect(moved.timeline[moved.timeline.length - 1]?.note).toContain('原办理人已停用，暂无在岗的楼栋物管员，转由网格员办理');
      }

      // ——— 添加楼栋 ———
      await grid.locator('[data-testid="building-name"] input').fill('9栋');
      await tap(byTestId(grid, 'building-add'));
      await grid.locator('[data-testid="grid-building"]', { hasText: '9栋' }).waitFor();
      await expect(grid.locator('[data-testid="grid-building"]').count()).resolves.toBe(5);
      await byTestId(grid, 'building-name').scrollIntoViewIfNeeded();
      await toastGone(page);
      await screenshot('org-building-added');

      const grids = await admin.call<{ items: { id: string; buildings: { id: string; name: string; active: boolean }[] }[] }>(
        'admin',
        'listGrids',
        { communityId: COMMUNITY },
      );
      const added = grids.items.find((g) => g.id === GRID1)!.buildings.find((b) => b.name === '9栋');
      expect(added).toMatchObject({ active: true });

      // A resident can report from the new building; with no steward, 设施维修 goes to the grid worker.
      const fresh = await submitCase(resident, { buildingId: added!.id, categoryId: 'cat-01', description: '9栋单元门禁坏了，关不上。' });
      expect(fresh.status).toBe('assigned');
      expect(fresh.holder?.role).toBe('grid_worker');
      const routed = await getCase(fresh.caseId);
      expect(routed.timeline.find((e) => e.action === 'auto_assign')?.note).toContain('暂无在岗人员，转由网格员');
      expect(session.pageErrors).toEqual([]);
    },
  ));

// ——— 考核与台账 ———

test('台账登记与考核：隐患定色、纠纷标红、化解与回访；季度满意率低于80%、通报表扬与批评；导出矛盾纠纷台账和隐患台账', () =>
  withFailureShots(
    () => [session],
    async () => {
      const { page, screenshot } = session;
      const resident = await apiAs(host, 'demo-resident-3');
      const file = (b: string, categoryId: string, description: string) =>
        submitCase(resident, { buildingId: `${GRID2}-${b}`, categoryId, description });

      // 居民小组长 of 第二网格 handles 邻里纠纷: six disputes, resolved; five rated 不满意 (回炉整改), one 满意.
      const leader = await apiAs(host, memberOpenid(2, 'resident_leader'));
      const leaderPhoto = await upload(leader);
      const disputes = [];
      for (let i = 0; i < 6; i++) {
        const c = await file('b1', 'cat-06', `5栋${i + 1}0${i + 1}楼上装修噪音太大，晚上十点还在施工，协商不成。`);
        await leader.call('member', 'acceptCase', { caseId: c.caseId });
        await leader.call('member', 'resolveCase', { caseId: c.caseId, result: '已上门调解，双方约定施工时间。', photos: [leaderPhoto] });
        const rating = i === 0 ? { rating: 'satisfied' } : { rating: 'unsatisfied', comment: '晚上还是有噪音，没有解决。' };
        await resident.call('resident', 'rateCase', { caseId: c.caseId, ...rating });
        disputes.push(c.caseId);
      }
      const [settled, ...reworked] = disputes;
      // A major dispute in 第一网格: red in the ledger.
      const major = await submitCase(resident, {
        buildingId: `${GRID1}-b4`,
        categoryId: 'cat-06',
        description: '两户因宅基地边界多次争吵，扬言要动手。',
      });
      await admin.call('admin', 'setSeverity', { caseId: major.caseId, severity: 'major' });

      // Three more members with five cases each, all taken on at once: they rank above the leader.
      const hazards: string[] = [];
      for (const [role, categoryId, what] of [
        ['party_leader', 'cat-11', '想了解高龄津贴怎么申请'],
        ['owners_committee', 'cat-08', '物业费收了但保洁很少来'],
        ['grid_worker', 'cat-04', '楼道里有电动车充电，电线拖在地上'],
      ] as const) {
        const member = await apiAs(host, memberOpenid(2, role));
        for (let i = 0; i < 5; i++) {
          const c = await file(`b${(i % 4) + 1}`, categoryId, `${what}（第${i + 1}件）。`);
          expect(c.holder?.role).toBe(role);
          await member.call('member', 'acceptCase', { caseId: c.caseId });
          if (categoryId === 'cat-04') hazards.push(c.caseId);
        }
      }
      // One hazard fixed: it gets its date of 整改完成.
      const worker = await apiAs(host, memberOpenid(2, 'grid_worker'));
      await worker.call('member', 'resolveCase', { caseId: hazards[0], result: '已劝离充电车辆。', photos: [await upload(worker)] });

      // ——— 台账登记（案件页）：隐患的场所信息、纠纷标红、已办结纠纷登记化解和回访 ———
      const ledgerOf = async (caseId: string) =>
        (await admin.call<{ case: { ledger?: Record<string, unknown> } }>('admin', 'getCase', { caseId })).case.ledger;
      const cn = (date: string) => {
        const [y, m, day] = date.split('-').map(Number) as [number, number, number];
        return `${y}年${m}月${day}日`;
      };
      const todayCn = cn(today());

      // A hazard in a venue for about 40 people that cannot be fixed today: the form shows the colour before saving.
      const redHazard = hazards[1]!;
      await page.goto(`${host.url}/#/pages-admin/case/index?id=${redHazard}`);
      await visible(page, 'ledger-panel').waitFor();
      await waitText(page, 'ledger-line-color', '未分级');
      await tap(visible(page, 'ledger-hazard-open'));
      await typeInto(page, 'ledger-capacity', '12');
      await tap(visible(page, 'ledger-fixable-no'));
      await waitText(page, 'ledger-preview', '将标为 橙色：不到30人且不能当日整改');
      await tap(visible(page, 'ledger-fixable-yes'));
      await waitText(page, 'ledger-preview', '将标为 蓝色：能当日整改');
      await tap(visible(page, 'ledger-fixable-no'));
      await typeInto(page, 'ledger-capacity', '40');
      await waitText(page, 'ledger-preview', '将标为 红色：30人以上且不能当日整改');
      // 场所大约容纳多少人 is named by its label, not its placeholder alone.
      await expectFieldsLabelled(page, ['ledger-capacity']);
      await visible(page, 'ledger-panel').scrollIntoViewIfNeeded();
      await screenshot('ledger-hazard-preview');
      await tap(visible(page, 'ledger-hazard-save'));
      await waitText(page, 'ledger-line-color', '红色（30人以上且不能当日整改）');
      await waitText(page, 'ledger-line-capacity', '约40人');
      await waitText(page, 'ledger-line-fixable', '不能');
      await expect(visible(page, 'staff-timeline').locator('[data-action="ledger"]').first().innerText()).resolves.toContain(
        '隐患台账：场所约40人，不能当日整改，标为红色',
      );
      await toastGone(page);
      await visible(page, 'ledger-panel').scrollIntoViewIfNeeded();
      await screenshot('ledger-hazard-red');
      expect(await ledgerOf(redHazard)).toMatchObject({ kind: 'hazard', color: 'red', venueCapacity: 40, fixableToday: false });

      // A dispute still being worked that may flare up: red.
      const flaring = reworked[0]!;
      await page.goto(`${host.url}/#/pages-admin/case/index?id=${flaring}`);
      await visible(page, 'ledger-panel').waitFor();
      await waitText(page, 'ledger-line-color', '黄色（持续关注）');
      await waitText(page, 'ledger-line-settled', '未化解');
      await tap(visible(page, 'ledger-risk-red'));
      await waitText(page, 'ledger-line-color', '红色（可能激化）');
      await page.locator('[data-testid="ledger-risk-red"].staff-chip--on').filter({ visible: true }).first().waitFor();
      await toastGone(page);
      await visible(page, 'ledger-panel').scrollIntoViewIfNeeded();
      await screenshot('ledger-dispute-red');
      expect(await ledgerOf(flaring)).toMatchObject({ kind: 'dispute', color: 'red', risk: 'red' });

      // The dispute the resident was satisfied with: settled (recorded), then a follow-up visit.
      await page.goto(`${host.url}/#/pages-admin/case/index?id=${settled}`);
      await visible(page, 'ledger-panel').waitFor();
      await waitText(page, 'ledger-line-color', '绿色（已化解）');
      await waitText(page, 'ledger-line-settled', `${todayCn}（按办结日期）`);
      await waitText(page, 'ledger-line-last', '还没有回访');
      await tap(visible(page, 'ledger-settle'));
      const confirmSettle = page.locator('.taro-modal__content').filter({ visible: true });
      await confirmSettle.waitFor();
      await expect(confirmSettle.innerText()).resolves.toContain('一般矛盾每月一次');
      await confirmSettle.locator('.taro-model__confirm').click();
      await page
        .locator('[data-testid="ledger-line-settled"]')
        .filter({ visible: true, hasText: todayCn, hasNotText: '按办结日期' })
        .first()
        .waitFor();
      await expect(visible(page, 'ledger-panel').locator('[data-testid="ledger-settle"]').count()).resolves.toBe(0);
      await tapUntil(visible(page, 'ledger-follow-up'), visible(page, 'form-follow-up-text'));
      await typeInto(page, 'form-follow-up-text', '电话回访：楼上已按约定时间施工，双方没有再发生争执。');
      await visible(page, 'form-follow-up').scrollIntoViewIfNeeded();
      await screenshot('ledger-follow-up-form');
      await tap(visible(page, 'form-follow-up-submit'));
      await waitText(page, 'ledger-line-last', todayCn);
      await waitText(page, 'ledger-line-next', cn(nextMonthOf(today())));
      await expect(visible(page, 'staff-timeline').locator('[data-action="ledger"]').first().innerText()).resolves.toContain(
        '回访：电话回访：楼上已按约定时间施工',
      );
      await toastGone(page);
      await visible(page, 'ledger-panel').scrollIntoViewIfNeeded();
      await screenshot('ledger-dispute-followed-up');
      expect(await ledgerOf(settled!)).toMatchObject({ color: 'green', settledRecorded: true, followUpDue: false });

      const members2 = await membersOf(GRID2);
      const leaderName = members2.find((m) => m.role === 'resident_leader')!.name;
      const others = members2.filter((m) => ['party_leader', 'owners_committee', 'grid_worker'].includes(m.role)).map((m) => m.name);

      const quarter = `${today().slice(0, 4)}-Q${Math.ceil(Number(today().slice(5, 7)) / 3)}`;
      const stats = await admin.call<{
        flagged: { id: string }[];
        praise: { id: string }[];
        criticism: { id: string }[];
      }>('admin', 'stats', { period: quarter, groupBy: 'member' });
      expect(stats.flagged.map((u) => u.id)).toEqual([`${GRID2}-resident_leader`]);
      expect(stats.criticism.map((u) => u.id)).toEqual([`${GRID2}-resident_leader`]);
      expect(stats.praise.map((u) => u.id).sort()).toEqual([`${GRID2}-grid_worker`, `${GRID2}-owners_committee`, `${GRID2}-party_leader`]);

      // ——— 考核页：季度、按成员 ———
      await page.goto(`${host.url}/#/pages-admin/stats/index?groupBy=member`);
      await waitText(page, 'stats-body', '排名（成员）');
      await expect(visible(page, 'stats-body').innerText()).resolves.toContain('请切换到「季度」查看');
      await tap(visible(page, 'stats-kind-quarter'));
      await waitText(page, 'stats-flagged', `季度满意率低于80%，须回炉整改：第二网格 居民小组长 ${leaderName}`);
      await screenshot('stats-quarter-flag-praise-criticism');

      const body = visible(page, 'stats-body');
      const praise = body.locator('.stats__honour', { hasText: '通报表扬' });
      const criticism = body.locator('.stats__honour', { hasText: '通报批评' });
      for (const name of others) await expect(praise.innerText()).resolves.toContain(name);
      await expect(criticism.innerText()).resolves.toMatch(new RegExp(`4\\. 第二网格 居民小组长 ${leaderName}（[\\d.]+分）`));

      const unit = body.locator('[data-testid="stats-unit"]', { hasText: leaderName });
      await expect(unit.innerText()).resolves.toContain('批评');
      await expect(unit.innerText()).resolves.toContain('满意率低于80% 回炉整改');
      await expect(unit.innerText()).resolves.toContain('满意率 16.7%');
      await tap(unit);
      await unit.filter({ hasText: '满意率 16.7%（已评价 6 件），低于80%，回炉整改' }).waitFor();
      await screenshot('stats-flagged-unit');

      // ——— 矛盾纠纷台账 ———
      const disputeExport = await exportLedger('disputes');
      await screenshot('stats-disputes-exported');
      const d = disputeExport.sheet;
      // The file is named in Chinese (where_what_when): the page shows it and the download is saved under it.
      expect(disputeExport.note).toMatch(/渝园社区_矛盾纠纷台账_截至\d{4}年\d{1,2}月\d{1,2}日\.xlsx/);
      expect(disputeExport.fileName).toMatch(/^渝园社区_矛盾纠纷台账_截至\d{4}年\d{1,2}月\d{1,2}日\.xlsx$/);
      expect(disputeExport.note).toContain(`已导出「矛盾纠纷台账」${disputes.length + 1} 行`);
      expect(d.title).toContain('渝园社区 矛盾纠纷台账');
      expect(d.header).toEqual([
        '编号',
        '社区',
        '网格',
        '类别',
        '矛盾纠纷情况',
        '预警等级',
        '矛盾类型',
        '办理状态',
        '登记日期',
        '化解日期',
        '上次回访日期',
        '下次回访日期',
        '回访提醒',
      ]);
      expect(d.rows).toHaveLength(disputes.length + 1);
      // A ledger's 编号 is the number people say.
      const dRow = async (caseId: string) => {
        const no = (await getCase(caseId)).case.no;
        const r = d.rows.find((x) => x[0] === no);
        expect(r).toBeDefined();
        return Object.fromEntries(d.header.map((h, i) => [h, r![i]]));
      };
      const nextMonth = nextMonthOf(today());
      // Settled and visited today: the next visit is a month from the visit.
      expect(await dRow(settled!)).toMatchObject({
        网格: '第二网格',
        预警等级: '绿色',
        办理状态: '已办结',
        化解日期: today(),
        上次回访日期: today(),
        下次回访日期: nextMonth,
        回访提醒: '未到回访时间',
      });
      expect(await dRow(flaring)).toMatchObject({ 预警等级: '红色', 矛盾类型: '一般', 办理状态: '处理中', 回访提醒: '未化解，暂不回访' });
      for (const id of reworked.slice(1))
        expect(await dRow(id)).toMatchObject({ 预警等级: '黄色', 矛盾类型: '一般', 办理状态: '处理中', 回访提醒: '未化解，暂不回访' });
      expect(await dRow(major.caseId)).toMatchObject({ 网格: '第一网格', 预警等级: '红色', 矛盾类型: '重大', 办理状态: '待受理' });

      // ——— 隐患台账 ———
      const hazardExport = await exportLedger('hazards');
      await screenshot('stats-hazards-exported');
      const h = hazardExport.sheet;
      expect(hazardExport.note).toContain(`已导出「隐患台账」${hazards.length} 行`);
      expect(h.title).toContain('渝园社区 隐患台账');
      expect(h.header).toEqual([
        '编号',
        '社区',
        '网格',
        '类别',
        '隐患情况',
        '隐患等级',
        '场所容纳人数',
        '能否当日整改',
        '整改状态',
        '发现日期',
        '整改完成日期',
      ]);
      const hazardNos = await Promise.all(hazards.map(async (id) => (await getCase(id)).case.no));
      expect(h.rows.map((r) => r[0]).sort()).toEqual(hazardNos.sort());
      const hRow = async (caseId: string) => {
        const no = (await getCase(caseId)).case.no;
        return Object.fromEntries(h.header.map((k, i) => [k, h.rows.find((x) => x[0] === no)![i]]));
      };
      // The hazard whose venue was recorded on its page is red; the others have no facts yet: 未分级.
      expect(await hRow(redHazard)).toMatchObject({
        类别: '安全隐患',
        隐患等级: '红色',
        场所容纳人数: '40',
        能否当日整改: '否',
        整改状态: '处理中',
        整改完成日期: '—',
      });
      expect(await hRow(hazards[0]!)).toMatchObject({
        类别: '安全隐患',
        隐患等级: '未分级',
        场所容纳人数: '—',
        整改状态: '待评价',
        发现日期: today(),
        整改完成日期: today(),
      });
      for (const id of hazards.slice(2))
        expect(await hRow(id)).toMatchObject({ 隐患等级: '未分级', 整改状态: '处理中', 整改完成日期: '—' });

      expect(session.pageErrors).toEqual([]);
    },
  ));
