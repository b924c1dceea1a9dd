/**
 * 社区书记在「案件」里找一件、改派几件：按编号（口头报的 2612-0002 这样）、按描述里的字词搜索；
 * 选中两件，改派给网格员——先看到他的电话（tel: 链接）、填写理由、确认一次——每件都报告结果，
 * 服务器上两件都换了办理人，理由记入办理过程。
 *
 * The host starts without the demo history (SEED_CASES=0): the cases are the ones filed here.
 */
import { byTestId, openBrowser, typeInto, visible, type Session } from './support/browser';
import { startHost, type RunningHost } from './support/host';
import { apiAs, hostOptions, openAs, submitCase, tap, waitText, withFailureShots, type Api } from './staff-support';

const GRID_WORKER = 'sf-yuyuan-g1-grid_worker';

let host: RunningHost;
let session: Session;
let admin: Api;
const filed: { caseId: string; caseNo: string; description: string }[] = [];

beforeAll(async () => {
  const options = hostOptions();
  host = await startHost({ ...options, env: { ...options.env, SEED_CASES: '0' } });
  admin = await apiAs(host, 'demo-admin-1');
  const resident = await apiAs(host, 'demo-resident-2');
  for (const description of ['3栋楼道灯坏了，晚上看不见', '小区东门垃圾桶满了没人清运', '5栋单元门门禁失灵']) {
    const r = (await submitCase(resident, { buildingId: 'sf-yuyuan-g1-b1', categoryId: 'cat-01', description })) as unknown as {
      caseId: string;
      caseNo: string;
    };
    filed.push({ caseId: r.caseId, caseNo: r.caseNo, description });
  }
  session = await openBrowser('admin-search');
  await openAs(session.page, host, 'demo-admin-1', '/pages-admin/cases/index');
}, 120_000);

afterAll(async () => {
  await session?.close();
  await host?.stop({ removeData: true });
});

const cardIds = async (page: Session['page']): Promise<string[]> =>
  (
    await visible(page, 'admin-case-list')
      .locator('[data-testid="staff-task-card"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-case-id') ?? ''))
  ).sort();

describe('案件列表：搜索与批量改派', () => {
  it('按编号、按字词找到那一件', async () => {
    const { page, screenshot } = session;
    await withFailureShots(
      () => [session],
      async () => {
        await visible(page, 'page-admin-cases').waitFor();
        for (const f of filed) await visible(page, 'admin-case-list').locator(`[data-case-id="${f.caseId}"]`).waitFor();
        const second = filed[1]!;
        expect(second.caseNo).toMatch(/^\d{4}-0002$/);
        // Said over the phone as 「二六一二 二」: typed without the zeros.
        await typeInto(page, 'case-search', `${second.caseNo.slice(0, 4)} 2`);
        await tap(visible(page, 'case-search-go'));
        await waitText(page, 'case-total', '共 1 件');
        expect(await cardIds(page)).toEqual([second.caseId]);
        await expect(visible(page, 'admin-case-list').innerText()).resolves.toContain(`编号 ${second.caseNo}`);
        await screenshot('search-by-number');

        await typeInto(page, 'case-search', '门禁');
        await tap(visible(page, 'case-search-go'));
        await waitText(page, 'case-total', '共 1 件');
        expect(await cardIds(page)).toEqual([filed[2]!.caseId]);
        await screenshot('search-by-words');

        await tap(visible(page, 'case-search-clear'));
        await waitText(page, 'case-total', '共 3 件');
      },
    );
  });

  it('选中两件，看到网格员的电话，填理由、确认一次后改派，每件都报告结果', async () => {
    const { page, screenshot } = session;
    await withFailureShots(
      () => [session],
      async () => {
        await tap(visible(page, 'select-toggle'));
        await visible(page, 'bulk-bar').waitFor();
        for (const f of filed.slice(0, 2)) {
          const row = visible(page, 'admin-case-list').locator(`[data-testid="case-pick"][data-case-id="${f.caseId}"]`);
          await tap(byTestId(row, 'case-pick-box'));
          await row.locator('xpath=self::*[@data-picked="1"]').waitFor();
        }
        await waitText(page, 'bulk-count', '已选 2 件');
        await tap(visible(page, 'bulk-reassign'));
        await visible(page, 'reassign-panel').waitFor();
        await tap(visible(page, `reassign-member-${GRID_WORKER}`));
        // The phone to call first, as a tel: link in H5.
        const call = visible(page, 'reassign-call');
        await call.waitFor();
        await expect(call.getAttribute('href')).resolves.toMatch(/^tel:1\d{10}$/);
        // No reason: refused before anything is asked or sent.
        await tap(visible(page, 'reassign-submit'));
        await waitText(page, 'bulk-error', '请填写改派理由');
        await typeInto(page, 'reassign-reason', '物管员本周休假');
        await screenshot('bulk-reassign-form');
        await tap(visible(page, 'reassign-submit'));
        const confirm = page.locator('.taro-modal__content').filter({ visible: true });
        await confirm.waitFor();
        await expect(confirm.innerText()).resolves.toContain('把所选 2 件改派给 网格员');
        await confirm.locator('.taro-model__confirm').click();
        await waitText(page, 'bulk-report', `${filed[0]!.caseNo} 已改派`);
        await waitText(page, 'bulk-report', `${filed[1]!.caseNo} 已改派`);
        await screenshot('bulk-reassign-report');

        for (const f of filed.slice(0, 2)) {
          const d = await admin.call<{ case: { holder?: { role: string } }; timeline: { action: string; note?: string }[] }>(
            'admin',
            'getCase',
            {
              caseId: f.caseId,
            },
          );
          expect(d.case.holder?.role).toBe('grid_worker');
          expect(d.timeline[d.timeline.length - 1]!.note).toContain('改派：物管员本周休假');
        }
        const untouched = await admin.call<{ case: { holder?: { role: string } } }>('admin', 'getCase', { caseId: filed[2]!.caseId });
        expect(untouched.case.holder?.role).toBe('building_steward');
      },
    );
  });

  it('按渠道筛选：12345热线的代登记与居民在小程序上报的分开，每张卡片写明渠道', async () => {
    const { page, screenshot } = session;
    await withFailureShots(
      () => [session],
      async () => {
        const hotline = await admin.call<{ caseId: string }>('intake', 'fileForResident', {
          requestId: 'e2e-admin-search-hotline-1',
          channel: 'hotline',
          ticketNo: 'GD20261207-0042',
          contactName: '周大爷',
          contactPhone: '13877776666',
          categoryId: 'cat-01',
          buildingId: 'sf-yuyuan-g1-b1',
          description: '12345转来：小区北门路面塌陷',
          isPublic: true,
        });
        await page.reload();
        await visible(page, 'admin-case-list').locator(`[data-case-id="${hotline.caseId}"]`).waitFor();
        await tap(visible(page, 'filter-toggle'));
        await visible(page, 'filter-panel').waitFor();
        await tap(visible(page, 'filter-channel-hotline'));
        await waitText(page, 'case-total', '共 1 件');
        expect(await cardIds(page)).toEqual([hotline.caseId]);
        await expect(byTestId(visible(page, 'admin-case-list'), 'case-channel').innerText()).resolves.toBe('12345热线');
        await screenshot('filter-by-channel');

        await tap(visible(page, 'filter-channel-app'));
        await waitText(page, 'case-total', '共 3 件');
        expect(await cardIds(page)).toEqual(filed.map((f) => f.caseId).sort());
        await tap(visible(page, 'filter-channel-__all'));
        await waitText(page, 'case-total', '共 4 件');
      },
    );
  });
});
