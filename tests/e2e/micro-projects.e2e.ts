/**
 * 民生微实事：社区书记在「管理 → 民生微实事」发布三个候选项目、每人两票的投票 → 居民在首页选好网格，
 * 看到投票入口，选两个项目投票，看到实时结果，不能再投 → 公示栏的民生微实事页显示票数和参与人数。
 */
import { byTestId, typeInto, visible } from './support/browser';
import { onOwnHost, openAs, tap, waitText } from './staff-support';

const PROJECTS = [
  ['楼道加装扶手', '为1至4栋楼道加装不锈钢扶手', '18000', '社区服务中心'],
  ['小区充电棚', '在2栋旁建设电动车集中充电棚', '45000', '物业公司'],
  ['老年助餐点', '在党群服务中心开设老年助餐点', '30000', '社会组织'],
];

test('社区发布民生微实事投票，居民从首页投两票，公示栏显示结果', () =>
  onOwnHost(async ({ host, open }) => {
    // ——— 社区书记：发布投票 ———
    const admin = await open('projects-admin');
    const a = admin.page;
    await openAs(a, host, 'demo-admin-1');
    await tap(visible(a, 'tab-work'));
    await tap(visible(a, 'entry-projects'));
    await visible(a, 'page-admin-projects').waitFor();
    await tap(visible(a, 'mp-add'));
    await typeInto(a, 'mp-title', '冬季民生微实事');
    await tap(visible(a, 'mp-draft-add'));
    const drafts = visible(a, 'mp-form').locator('[data-testid="mp-draft"]');
    for (const [i, [title, description, cost, provider]] of PROJECTS.entries()) {
      const d = drafts.nth(i);
      await byTestId(d, 'mp-draft-title').locator('input').fill(title!);
      await byTestId(d, 'mp-draft-description').locator('input').fill(description!);
      await byTestId(d, 'mp-draft-cost').locator('input').fill(cost!);
      await byTestId(d, 'mp-draft-provider').locator('input').fill(provider!);
    }
    await tap(visible(a, 'mp-votes-2'));
    await admin.screenshot('projects-form');
    await tap(visible(a, 'mp-save'));
    const round = visible(a, 'page-admin-projects').locator('[data-testid="mp-round"]', { hasText: '冬季民生微实事' });
    await round.waitFor();
    await expect(round.innerText()).resolves.toContain('投票中');
    await expect(round.locator('[data-testid="mp-project"]').count()).resolves.toBe(3);

    // ——— 居民：首页选网格，投两票 ———
    const resident = await open('projects-resident');
    const r = resident.page;
    await openAs(r, host, 'demo-resident-1');
    await visible(r, 'grid-picker').waitFor();
    await tap(visible(r, 'community-sf-yuyuan'));
    await tap(visible(r, 'grid-sf-yuyuan-g1'));
    await tap(visible(r, 'open-vote'));
    await visible(r, 'page-vote').waitFor();
    const card = visible(r, 'page-vote').locator('[data-testid="vote-round"]').first();
    await card.waitFor();
    const projects = card.locator('[data-testid="vote-project"]');
    await tap(projects.filter({ hasText: '小区充电棚' }));
    await tap(projects.filter({ hasText: '老年助餐点' }));
    // A third one is over the limit: said, not taken.
    await tap(projects.filter({ hasText: '楼道加装扶手' }));
    await waitText(r, 'vote-error', '每人最多投 2 票');
    await expect(projects.filter({ hasText: '楼道加装扶手' }).getAttribute('data-on')).resolves.toBe('0');
    await resident.screenshot('vote-chosen');
    await tap(visible(r, 'vote-submit'));
    await waitText(r, 'vote-summary', '已有 1 人参与，共 2 票（实时结果）');
    await expect(visible(r, 'page-vote').locator('[data-testid="vote-submit"]').count()).resolves.toBe(0);
    const counts = await card.locator('[data-testid="vote-count"]').allInnerTexts();
    expect(counts.map((t) => t.trim())).toEqual(['1 票', '1 票', '0 票']);
    await resident.screenshot('vote-done');

    // ——— 公示栏：票数和参与人数 ———
    await r.goto(`${host.url}/#/pages-board/projects/index?communityId=sf-yuyuan`);
    await visible(r, 'page-board-projects').waitFor();
    await waitText(r, 'projects-voters', '1 人参与，共 2 票（实时结果）');
    const votes = await visible(r, 'page-board-projects').locator('[data-testid="projects-votes"]').allInnerTexts();
    expect(votes).toHaveLength(3);
    expect(votes[0]).toContain('1 票 · 100.0% 的投票居民选了它');
    expect(votes[2]).toContain('0 票');
    await resident.screenshot('board-projects');
  }));
