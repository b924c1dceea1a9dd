/**
 * 满意度测评 from end to end: the street admin rewords a question (an empty new one is refused in
 * Chinese) → the community admin opens the quarter → a resident answers from 首页 with a suggestion
 * holding a phone number, another's suggestion is kept staff-only (a reason is asked: none, or 其他 in
 * three characters, is refused) → the admin approves the first →
 * the 公示栏's 测评 page shows the figure over its 2 人参与 and the masked suggestion, never the
 * phone nor the kept words.
 */
import { apiAs, onOwnHost, openAs, tap, until, waitText } from './staff-support';
import { typeInto, visible } from './support/browser';

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

test('街道改问卷 → 社区开展本季度测评 → 居民作答 → 审核建议 → 公示栏显示结果、人数和脱敏建议', () =>
  onOwnHost(async ({ host, open }) => {
    // ——— 街道：改问卷 ———
    const street = await open('survey-street');
    const s = street.page;
    await openAs(s, host, 'demo-street-admin');
    await tap(visible(s, 'tab-work'));
    await tap(visible(s, 'entry-survey'));
    await visible(s, 'page-admin-survey').waitFor();
    await tap(visible(s, 'survey-tab-questions'));
    const questions = visible(s, 'survey-questions').locator('[data-testid="survey-question"]');
    await questions.first().waitFor();
    await expect(questions.count()).resolves.toBe(3);
    await questions.nth(0).locator('[data-testid="survey-question-text"] input').fill('您对社区为居民办实事的工作满意吗？');
    await tap(visible(s, 'survey-add-rating'));
    await tap(visible(s, 'survey-questions-save'));
    await waitText(s, 'survey-questions-error', '请填写第4题的题目');
    await tap(questions.nth(3).locator('[data-testid="survey-question-remove"]'));
    // The suggestion moves up above the grid question.
    await tap(questions.nth(2).locator('[data-testid="survey-question-up"]'));
    await street.screenshot('survey-questions');
    await tap(visible(s, 'survey-questions-save'));
    const staffApi = await apiAs(host, 'demo-admin-1');
    const saved = () => staffApi.call<{ questions: { id: string; text: string }[] }>('community', 'surveyQuestions');
    await until('问卷已保存', async () => (await saved()).questions[0]!.text === '您对社区为居民办实事的工作满意吗？');
    expect((await saved()).questions.map((q) => q.id)).toEqual(['community', 'suggestion', 'group']);

    // ——— 社区：开展本季度测评（只能一次） ———
    const admin = await open('survey-admin');
    const a = admin.page;
    await openAs(a, host, 'demo-admin-1');
    await tap(visible(a, 'tab-work'));
    await tap(visible(a, 'entry-survey'));
    await visible(a, 'page-admin-survey').waitFor();
    await tap(visible(a, 'survey-length-sf-yuyuan-7'));
    await tap(visible(a, 'survey-open-sf-yuyuan'));
    await waitText(a, 'survey-current-sf-yuyuan', '进行中');
    await waitText(a, 'survey-current-sf-yuyuan', `${today()} 至`);
    await expect(a.locator('[data-testid="survey-open-sf-yuyuan"]').count()).resolves.toBe(0);
    await admin.screenshot('survey-opened');

    // ——— 居民：首页作答 ———
    const resident = await open('survey-resident');
    const r = resident.page;
    await openAs(r, host, 'demo-resident-1');
    await visible(r, 'grid-picker').waitFor();
    await tap(visible(r, 'community-sf-yuyuan'));
    await tap(visible(r, 'grid-sf-yuyuan-g1'));
    await tap(visible(r, 'open-survey'));
    await visible(r, 'page-survey').waitFor();
    await waitText(r, 'survey-q-community', '您对社区为居民办实事的工作满意吗？');
    await tap(visible(r, 'survey-community-satisfied'));
    await tap(visible(r, 'survey-group-basically_satisfied'));
    await typeInto(r, 'survey-text-suggestion', '希望楼道多装几盏灯，有事打我电话13812345678');
    await tap(visible(r, 'survey-submit'));
    await visible(r, 'survey-answered').waitFor();
    // A second resident, through the API: unsatisfied, with words the community keeps staff-only.
    const other = await apiAs(host, 'demo-resident-2');
    await other.call('resident', 'answerSurvey', {
      surveyId: `sf-yuyuan_${today().slice(0, 4)}-Q${Math.floor((Number(today().slice(5, 7)) - 1) / 3) + 1}`,
      ratings: { community: 'unsatisfied', group: 'satisfied' },
      texts: { suggestion: '隔壁老王家装修太吵了' },
      gridId: 'sf-yuyuan-g2',
    });

    // ——— 社区：结果与审核 ———
    await a.reload();
    await visible(a, 'page-admin-survey').waitFor();
    await waitText(a, 'survey-responses', '2 人参与');
    await tap(visible(a, 'survey-tab-review'));
    const queue = a.locator('[data-testid="suggestion"]').filter({ visible: true });
    await expect(
      queue
        .first()
        .waitFor()
        .then(() => queue.count()),
    ).resolves.toBe(2);
    const lamp = queue.filter({ hasText: '楼道' });
    await expect(lamp.locator('[data-testid="suggestion-original"]').innerText()).resolves.toContain('13812345678');
    await expect(lamp.locator('[data-testid="suggestion-masked"]').innerText()).resolves.not.toContain('13812345678');
    await admin.screenshot('survey-review');
    await tap(lamp.locator('[data-testid="suggestion-approve"]'));
    // 不公开 asks why: nothing chosen, or 其他 in three characters, is refused on the page.
    const wang = queue.filter({ hasText: '老王' });
    await tap(wang.locator('[data-testid="suggestion-private"]'));
    await tap(wang.locator('[data-testid="suggestion-keep-confirm"]'));
    await waitText(a, 'suggestion-keep-error', '请选择不公开的原因');
    await tap(wang.locator('[data-testid="suggestion-keep-reason-other"]'));
    await typeInto(a, 'suggestion-keep-note', '说人了');
    await tap(wang.locator('[data-testid="suggestion-keep-confirm"]'));
    await waitText(a, 'suggestion-keep-error', '选择「其他」时请写明原因，至少4个字');
    await typeInto(a, 'suggestion-keep-note', '点名指责邻居');
    await admin.screenshot('survey-keep-reason');
    await tap(wang.locator('[data-testid="suggestion-keep-confirm"]'));
    await visible(a, 'page-admin-survey').getByText('没有待审核的意见建议').waitFor();
    await tap(visible(a, 'suggestion-filter-approved'));
    await expect(a.locator('[data-testid="suggestion"][data-state="approved"]').filter({ visible: true }).count()).resolves.toBe(1);
    await tap(visible(a, 'suggestion-filter-private'));
    await waitText(a, 'suggestion-kept-reason', '不公开原因：其他：点名指责邻居');

    // ——— 公示栏 ———
    await r.goto(`${host.url}/#/pages-board/index/index`);
    await tap(visible(r, 'open-board-survey'));
    await visible(r, 'page-board-survey').waitFor();
    const card = visible(r, 'page-board-survey').locator('[data-testid="board-survey"][data-community="sf-yuyuan"]');
    await card.waitFor();
    const overall = await card.locator('[data-testid="board-survey-overall"]').innerText();
    expect(overall).toContain('50.0%');
    expect(overall).toContain('2 人参与');
    const grids = await card.locator('[data-testid="board-survey-grid"]').allInnerTexts();
    expect(grids.map((g) => g.replace(/\s+/g, ' '))).toEqual([
      expect.stringContaining('满意率 100.0% · 1 人参与'),
      expect.stringContaining('满意率 100.0% · 1 人参与'),
    ]);
    const suggestions = await card.locator('[data-testid="board-survey-suggestion"]').allInnerTexts();
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]).toContain('楼道多装几盏灯');
    expect(suggestions[0]).not.toContain('13812345678');
    const page = await visible(r, 'page-board-survey').innerText();
    expect(page).not.toContain('老王');
    expect(page).not.toContain('点名指责邻居');
    expect(page).not.toContain('13812345678');
    await resident.screenshot('board-survey');
  }));
