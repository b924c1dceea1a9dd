/**
 * 考核权重：街道管理员在「配置 → 考核权重」看到每项权重的含义和占比；填错（负数、小数、全为0）时页面
 * 用中文指出且不能保存；预览本月、上月、本年各社区排名的变化；确认一次后保存，修改记录写明谁、何时、由几改为几。
 * 社区书记只能查看。每一步都核对服务器上的效果。
 */
import { byTestId, typeInto, visible } from './support/browser';
import { describe1, LARGE_RULES, measure } from './support/measure';
import { apiAs, onOwnHost, openAs, tap, waitText } from './staff-support';

interface PeriodPreview {
  periodName: string;
  units: { before: { rank: number | null; score: number | null }; after: { rank: number | null; score: number | null } }[];
}

interface WeightsView {
  weights: { response: number; onTime: number; satisfaction: number };
  care: number;
  history: { byName: string; summary: string }[];
}

test('街道管理员预览并保存考核权重，修改有记录；社区书记只读', () =>
  onOwnHost(async ({ host, browse }) => {
    const street = await apiAs(host, 'demo-street-admin');
    const { page, screenshot } = await browse('assessment-weights');
    await openAs(page, host, 'demo-street-admin', '/pages-admin/config/index');
    await visible(page, 'page-config').waitFor();
    await tap(visible(page, 'config-section-weights'));
    await visible(page, 'config-weights').waitFor();
    await expect(visible(page, 'weight-input-response').locator('input').inputValue()).resolves.toBe('30');
    await waitText(page, 'weight-response', '在时限内受理');
    await waitText(page, 'weight-share-care', '占综合得分 9.1%');
    await waitText(page, 'weights-sum', '四项合计 110');
    await screenshot('weights');

    // Bad values: named in Chinese, and nothing can be saved.
    await typeInto(page, 'weight-input-response', '-5');
    await waitText(page, 'weights-sum', '「响应率」不能为负数');
    await expect(visible(page, 'weights-save').getAttribute('class')).resolves.toMatch(/disabled/);
    await typeInto(page, 'weight-input-response', '0');
    await typeInto(page, 'weight-input-onTime', '0');
    await typeInto(page, 'weight-input-satisfaction', '0');
    await waitText(page, 'weights-sum', '权重之和必须大于0');
    await typeInto(page, 'weight-input-satisfaction', '2.5');
    await waitText(page, 'weights-sum', '「满意率」须为整数');
    await screenshot('weights-invalid');

    // Only satisfaction counts, visits left out: the live sum and the month's ranking at these weights.
    await typeInto(page, 'weight-input-satisfaction', '100');
    await typeInto(page, 'weight-input-care', '0');
    await waitText(page, 'weights-sum', '四项合计 100');
    await waitText(page, 'weight-share-satisfaction', '占综合得分 100%');
    await tap(visible(page, 'weights-preview'));
    const table = visible(page, 'weights-preview-table');
    await table.waitFor();
    await expect(table.innerText()).resolves.toContain('按社区排名');
    const rows = page.locator('[data-testid="weights-preview-row"] >> visible=true');
    await rows.first().waitFor();
    const preview = await street.call<{ units: { id: string; moved: number | null }[] }>('admin', 'previewWeights', {
      weights: { response: 0, onTime: 0, satisfaction: 100 },
      care: 0,
    });
    await expect(rows.count()).resolves.toBe(preview.units.length);
    const firstMove = preview.units[0]!.moved;
    await expect(byTestId(rows.first(), 'weights-preview-move').innerText()).resolves.toBe(
      firstMove === null ? '—' : firstMove > 0 ? `↑${firstMove}` : firstMove < 0 ? `↓${-firstMove}` : '不变',
    );
    // The preview saved nothing.
    expect((await street.call<WeightsView>('admin', 'getWeights')).weights).toEqual({ response: 30, onTime: 35, satisfaction: 35 });
    await screenshot('weights-preview');

    // 上月: the chips are a named radio group; picking one previews that period, named in the heading.
    const chips = visible(page, 'weights-period');
    await expect(chips.getAttribute('role')).resolves.toBe('radiogroup');
    await expect(chips.getAttribute('aria-label')).resolves.toBe('预览哪个时段的排名');
    await expect(visible(page, 'weights-period-month').getAttribute('aria-checked')).resolves.toBe('true');
    const proposed = { weights: { response: 0, onTime: 0, satisfaction: 100 }, care: 0, periods: { monthly: 50, annual: 50 } };
    const last = await street.call<PeriodPreview>('admin', 'previewWeights', { ...proposed, period: 'lastMonth' });
    expect(last.units.some((u) => u.after.rank !== null)).toBe(true);
    await tap(visible(page, 'weights-period-lastMonth'));
    await waitText(page, 'weights-preview-heading', `${last.periodName} 按社区排名：现在 → 新权重`);
    await expect(visible(page, 'weights-period-lastMonth').getAttribute('aria-checked')).resolves.toBe('true');
    await waitText(page, 'weights-preview', '预览上月排名变化');
    await expect(rows.count()).resolves.toBe(last.units.length);
    for (const [i, u] of last.units.entries())
      await expect(rows.nth(i).innerText()).resolves.toContain(
        `第${u.before.rank ?? '—'}名（${u.before.score ?? '—'}分） → 第${u.after.rank ?? '—'}名（${u.after.score ?? '—'}分）`,
      );
    await screenshot('weights-preview-last-month');
    // 本年: the year's 年度考核 ranking, said so.
    const year = await street.call<PeriodPreview>('admin', 'previewWeights', { ...proposed, period: 'year' });
    await tap(visible(page, 'weights-period-year'));
    await waitText(page, 'weights-preview-heading', `${year.periodName} 按社区排名`);
    await expect(visible(page, 'weights-preview-table').innerText()).resolves.toContain('各月平均得分与全年得分');

    // One confirmation, then saved and recorded.
    await tap(visible(page, 'weights-save'));
    const modal = page.locator('.taro-modal__content').filter({ visible: true });
    await modal.waitFor();
    await expect(modal.innerText()).resolves.toContain('响应率 30→0');
    await modal.locator('.taro-model__confirm').click();
    const history = page.locator('[data-testid="weights-history-row"] >> visible=true');
    await history.first().waitFor();
    await expect(history.first().innerText()).resolves.toContain('响应率 30→0；按时办结率 35→0；满意率 35→100；走访完成率 10→0');
    const saved = await street.call<WeightsView>('admin', 'getWeights');
    expect(saved).toMatchObject({ weights: { response: 0, onTime: 0, satisfaction: 100 }, care: 0 });
    expect(saved.history).toHaveLength(1);
    await screenshot('weights-saved');

    // ——— 社区书记：只读 ———
    const other = await browse('assessment-weights-community');
    await openAs(other.page, host, 'demo-admin-1', '/pages-admin/config/index');
    await tap(visible(other.page, 'config-section-weights'));
    await visible(other.page, 'config-weights').waitFor();
    await waitText(other.page, 'config-read-only', '考核权重由街道统一设置');
    await waitText(other.page, 'weight-value-satisfaction', '100');
    await expect(other.page.locator('[data-testid="weight-input-response"]').count()).resolves.toBe(0);
    await expect(other.page.locator('[data-testid="weights-save"]').count()).resolves.toBe(0);
    await expect(visible(other.page, 'weights-history').innerText()).resolves.toContain('满意率 35→100');
    await other.screenshot('weights-read-only');

    // ——— 长辈版: the chips and the preview meet the figures ———
    const elder = await browse('assessment-weights-elder');
    await elder.page.goto(`${host.url}/#/pages/index/index`);
    await elder.page.evaluate(`localStorage.setItem('wy.largeText', JSON.stringify({ data: true }))`);
    await elder.page.reload();
    await openAs(elder.page, host, 'demo-street-admin', '/pages-admin/config/index');
    await tap(visible(elder.page, 'config-section-weights'));
    await visible(elder.page, 'weights-period').waitFor();
    const quarter = await street.call<PeriodPreview>('admin', 'previewWeights', {
      weights: { response: 0, onTime: 0, satisfaction: 100 },
      care: 0,
      period: 'quarter',
    });
    await tap(visible(elder.page, 'weights-period-quarter'));
    await waitText(elder.page, 'weights-preview-heading', `${quarter.periodName} 按社区排名`);
    await elder.page.locator('[data-testid="weights-preview-row"] >> visible=true').first().waitFor();
    const figures = await measure(elder.page, LARGE_RULES);
    await elder.screenshot('weights-elder-quarter');
    expect(figures.violations.map(describe1)).toEqual([]);
    expect(figures.smallestFontPx).toBeGreaterThanOrEqual(LARGE_RULES.minFontPx);
  }));
