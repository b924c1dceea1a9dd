/**
 * 整改任务（管理页）：渝园第一网格本季度满意率低于80%（已评价不少于5件）→ 街道管理员在「整改任务」里
 * 判定本季度，任务开启 → 社区书记在工作台看到「整改任务」，写整改报告（太短的被拒、不改变任何东西），
 * 提交后任务变为已整改 → 街道看到已整改和报告 → 公示栏显示该网格「已整改」，不显示报告内容；
 * 公示栏换到去年的月份，整改栏随之为空并写明。
 */
import type { Page } from 'playwright-core';
import { typeInto, visible } from './support/browser';
import { apiAs, onOwnHost, openAs, tap, waitText } from './staff-support';
import { currentQuarter, makeGridUnhappy } from './support/unhappy-grid';

const GRID = 'sf-yuyuan-g1';
const REPORT = '逐户回访了不满意的居民，原因是维修拖延、答复不清；已建立周巡查和限时答复制度，楼道照明问题均已整改到位。';

const taskOf = (page: Page, id: string) => page.locator(`[data-testid="rectify-task-${id}"] >> visible=true`);

test('季度满意率低于80%开启整改任务，社区书记提交整改报告，街道看到已整改，公示栏显示已整改', () =>
  onOwnHost(async ({ host, open }) => {
    const quarter = currentQuarter();
    const taskId = `${quarter}_grid_${GRID}`;
    await makeGridUnhappy(host, GRID, quarter);

    // The street opens the quarter's tasks from its 整改任务 page.
    const street = await open('rectify-street');
    const s = street.page;
    await openAs(s, host, 'demo-street-admin', '/pages/workbench/index');
    await tap(visible(s, 'entry-rectify'));
    await visible(s, 'page-rectify').waitFor();
    await tap(visible(s, `rectify-quarter-${quarter}`));
    await tap(visible(s, 'rectify-open'));
    await waitText(s, 'rectify-opened', /新开整改任务[1-9]\d*项/);
    await taskOf(s, taskId).waitFor();
    await waitText(s, `rectify-status-${taskId}`, '整改中');
    // The street does not write the community's report.
    expect(await s.locator(`[data-testid="rectify-report-${taskId}"]`).count()).toBe(0);
    await street.screenshot('rectify-street-open');

    // The community admin sees it on the management home and opens it.
    const community = await open('rectify-community');
    const a = community.page;
    await openAs(a, host, 'demo-admin-1', '/pages/workbench/index');
    await waitText(a, 'tile-rectify', '整改任务');
    // The tile is a button named by what it shows and what a tap does (读屏).
    await tap(a.getByRole('button', { name: /^整改任务 [1-9]\d*项，(\d+项已逾期|待提交整改报告)，查看$/ }));
    await visible(a, 'page-rectify').waitFor();
    const openTile = visible(a, 'rectify-count-open');
    await openTile.and(a.getByRole('button', { name: /^整改中 [1-9]\d*项，查看$/ })).waitFor();
    const openCount = (await openTile.innerText()).match(/\d+/)![0];
    await expect(openTile.getAttribute('aria-label')).resolves.toBe(`整改中 ${openCount}项，查看`);
    const task = taskOf(a, taskId);
    await task.waitFor();
    await expect(task.innerText()).resolves.toContain('第一网格');
    await waitText(a, `rectify-rate-${taskId}`, /\d+\.\d%（已评价 \d+ 件，低于80%）/);
    await waitText(a, `rectify-left-${taskId}`, /还剩\d+天/);

    // A report that says nothing is refused on the page and changes nothing.
    await typeInto(a, `rectify-report-${taskId}`, '已整改');
    await tap(visible(a, `rectify-submit-${taskId}`));
    await waitText(a, `rectify-error-${taskId}`, '整改报告须至少包含20个文字');
    const admin = await apiAs(host, 'demo-admin-1');
    const before = await admin.call<{ items: { id: string; status: string }[] }>('admin', 'listRectifications', {});
    expect(before.items.find((t) => t.id === taskId)?.status).toBe('open');

    await typeInto(a, `rectify-report-${taskId}`, REPORT);
    await community.screenshot('rectify-report');
    await tap(visible(a, `rectify-submit-${taskId}`));
    await task.waitFor({ state: 'detached' });
    await tap(visible(a, 'rectify-show-closed'));
    await waitText(a, `rectify-status-${taskId}`, '已整改');
    await waitText(a, `rectify-report-text-${taskId}`, REPORT);

    // The street sees it closed, with the report.
    await s.reload();
    await visible(s, 'page-rectify').waitFor();
    await tap(visible(s, 'rectify-show-closed'));
    await waitText(s, `rectify-status-${taskId}`, '已整改');
    await waitText(s, `rectify-report-text-${taskId}`, '逐户回访');

    // The public board: the grid is 已整改, and the report is nowhere on the page.
    const board = await open('rectify-board');
    const b = board.page;
    await b.goto(`${host.url}/#/pages-board/index/index?communityId=sf-yuyuan`);
    const row = b.locator('[data-testid="board-rect-row"] >> visible=true').filter({ hasText: '第一网格' });
    await row.first().waitFor();
    await expect(row.first().innerText()).resolves.toContain('已整改');
    expect(await b.locator('body').innerText()).not.toContain('逐户回访');
    await row.first().scrollIntoViewIfNeeded();
    await board.screenshot('rectify-board');

    // The section follows the board's period: a month of last year had no task under way.
    const lastYear = `${Number(quarter.slice(0, 4)) - 1}-01`;
    await b.goto(`${host.url}/#/pages-board/index/index?communityId=sf-yuyuan&period=${lastYear}`);
    await b.reload();
    await waitText(b, 'board-rect-empty', `${Number(lastYear.slice(0, 4))}年1月没有整改中或已整改的单位。`);
    expect(await b.locator('[data-testid="board-rect-row"] >> visible=true').count()).toBe(0);
  }));
