/**
 * 满意度测评：社区本季度开展测评 → 居民在首页选好网格，看到测评入口，回答两个满意度问题并写一条建议，
 * 提交后不能再答 → 公示栏的测评结果有 1 份回答，建议在审核前不公开。
 */
import { typeInto, visible } from './support/browser';
import { apiAs, onOwnHost, openAs, tap, waitText } from './staff-support';

interface BoardSurvey {
  responses: number;
  community: { questionId: string; responses: number; satisfactionRate: number | null }[];
  grids: { gridId: string; responses: number }[];
  approvedSuggestions: unknown[];
}

test('居民从首页参加本季度满意度测评，公示栏显示回答数，建议审核前不公开', () =>
  onOwnHost(async ({ host, open }) => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const adminApi = await apiAs(host, 'demo-admin-1');
    await adminApi.call('community', 'surveyOpen', { communityId: 'sf-yuyuan', opensOn: today, closesOn: today });

    const resident = await open('survey-resident');
    const r = resident.page;
    await openAs(r, host, 'demo-resident-1');
    await visible(r, 'grid-picker').waitFor();
    await tap(visible(r, 'community-sf-yuyuan'));
    await tap(visible(r, 'grid-sf-yuyuan-g1'));
    await tap(visible(r, 'open-survey'));
    await visible(r, 'page-survey').waitFor();
    // Submitting without every rating says which question is missing.
    await tap(visible(r, 'survey-community-satisfied'));
    await tap(visible(r, 'survey-submit'));
    await waitText(r, 'survey-error', '请回答：您对本网格五员共治小组的工作满意吗？');
    await tap(visible(r, 'survey-group-basically_satisfied'));
    await typeInto(r, 'survey-text-suggestion', '希望楼道多装几盏灯');
    await resident.screenshot('survey-filled');
    await tap(visible(r, 'survey-submit'));
    await visible(r, 'survey-answered').waitFor();
    await resident.screenshot('survey-done');

    const publicApi = await apiAs(host, 'demo-resident-2');
    const board = await publicApi.call<{ items: BoardSurvey[] }>('board', 'surveyResults', { communityId: 'sf-yuyuan' });
    const s = board.items[0]!;
    expect(s.responses).toBe(1);
    expect(s.community.map((q) => [q.questionId, q.responses, q.satisfactionRate])).toEqual([
      ['community', 1, 1],
      ['group', 1, 1],
    ]);
    expect(s.grids.find((g) => g.gridId === 'sf-yuyuan-g1')?.responses).toBe(1);
    expect(s.approvedSuggestions).toEqual([]);
    expect(JSON.stringify(board)).not.toContain('楼道多装几盏灯');
    // Once is all: the home page no longer offers it.
    await r.goto(`${host.url}/#/pages/index/index`);
    await visible(r, 'grid-board').waitFor();
    await r.waitForTimeout(1500);
    expect(await r.locator('[data-testid="open-survey"]').count()).toBe(0);
  }));
