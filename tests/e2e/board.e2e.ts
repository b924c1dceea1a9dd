/**
 * 公示栏：不登录也能看。数字与 board.summary 一致、点按比率看到分母、图表、排名（通报表扬 /
 * 通报批评）、网格的五员公示牌、公开诉求列表（分页、筛选）和一件诉求的办理经过、审核过的照片、
 * 居民附议（需要先选身份，重复附议有友好提示）。截图 375 × 667，并打印数字可见所用的时间。
 */
import { describeRate, formatRate } from '../../core/metrics';
import { byTestId, centre, openBrowser, settle, visible, type Session } from './support/browser';
import { timeBoardNumbers } from './support/board-timing';
import { startHost, type RunningHost } from './support/host';
import type { Page } from 'playwright-core';

// The page's globals, typed just enough for the functions run inside it (the server tsconfig has no DOM lib).
interface PageNode {
  textContent: string | null;
  getClientRects(): { length: number };
  getAttribute(name: string): string | null;
  complete?: boolean;
  naturalWidth?: number;
}
declare const document: { querySelectorAll(selector: string): ArrayLike<PageNode>; querySelector(selector: string): PageNode | null };
declare const window: { scrollTo(x: number, y: number): void; scrollBy(x: number, y: number): void };

let host: RunningHost | undefined;
let session: Session | undefined;

afterEach(async () => {
  await session?.close();
  await host?.stop({ removeData: true });
  session = undefined;
  host = undefined;
});

interface Metrics {
  received: number;
  open: number;
  closed: number;
  overdue: number;
  responseRate: number | null;
  onTimeRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  score: number | null;
  rated: number;
}

async function call<T>(fn: string, body: Record<string, unknown>, token?: string): Promise<T> {
  const res = await fetch(`${host!.url}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { ok: boolean; data: T; error?: { message: string } };
  if (!json.ok) throw new Error(`${fn}.${String(body.action)}: ${json.error?.message}`);
  return json.data;
}

async function login(openid: string): Promise<string> {
  const res = await fetch(`${host!.url}/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid }),
  });
  return ((await res.json()) as { data: { token: string } }).data.token;
}

const text = async (page: Page, id: string): Promise<string> => (await visible(page, id).innerText()).trim();
const score = (s: number | null): string => (s === null ? '—' : (Math.round(s * 10) / 10).toFixed(1));

/** The figures on the page are the server's, for whatever scope and period is chosen. */
async function expectFigures(page: Page, m: Metrics): Promise<void> {
  await expect(text(page, 'figure-received')).resolves.toBe(String(m.received));
  await expect(text(page, 'figure-open')).resolves.toBe(String(m.open));
  await expect(text(page, 'figure-closed')).resolves.toBe(String(m.closed));
  await expect(text(page, 'figure-overdue')).resolves.toBe(String(m.overdue));
  for (const k of ['responseRate', 'onTimeRate', 'resolutionRate', 'satisfactionRate'] as const)
    await expect(text(page, `rate-${k}`)).resolves.toBe(formatRate(m[k]));
  await expect(text(page, 'rate-score')).resolves.toBe(score(m.score));
}

/** Waits until the scope line names the scope (the figures of the new scope are in). */
async function waitForScope(page: Page, name: string): Promise<void> {
  await page.waitForFunction(
    (n) =>
      Array.from(document.querySelectorAll('[data-testid="board-scope-name"]')).some(
        (e) => e.getClientRects().length > 0 && (e.textContent ?? '').startsWith(n),
      ),
    name,
  );
  await page.waitForFunction(() => !document.querySelector('.board__figures--stale'));
}

/** A fresh load of a route (a bare hash change would stack the page over the ones already open). */
async function open(page: Page, hash: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${host!.url}/${hash}`);
}

/**
 * Taps a big button. Playwright's hit check sees Taro's pull-to-refresh wrapper over buttons low on a
 * page although the point hits the button (elementFromPoint says so), so the check is skipped.
 */
async function tap(page: Page, id: string): Promise<void> {
  const target = visible(page, id);
  await centre(target);
  await target.click({ force: true });
}

async function scrollTo(page: Page, id: string): Promise<void> {
  await visible(page, id).scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, -80));
}

test('公示栏：不登录看数字、图表、排名、公示牌和公开诉求，居民附议', async () => {
  const started = Date.now();
  host = await startHost();
  session = await openBrowser('board');
  const { page, screenshot } = session;

  // —— 数字：与 board.summary 相同 ——
  const timing = await timeBoardNumbers(page, host.url);
  console.log(
    `公示栏数字可见时间：${timing.sinceNavigation} ms（自导航开始，页面计时）；${timing.wall} ms（测试进程计时，含浏览器启动后的首次加载）`,
  );
  expect(timing.sinceNavigation).toBeLessThan(10000);

  const street = await call<{
    scope: { name: string };
    metrics: Metrics;
    trend: { received: number; closed: number }[];
    quarterFlag: { label: string };
  }>('board', { action: 'summary' });
  await waitForScope(page, street.scope.name);
  await expectFigures(page, street.metrics);
  // Nobody logged in, and the board did not ask anybody to.
  expect(await page.locator('[data-testid="persona-picker"]').filter({ visible: true }).count()).toBe(0);
  await screenshot('board-figures');

  // A tap shows what the rate is out of.
  await visible(page, 'rate-satisfactionRate-tile').click();
  const details = await text(page, 'rate-satisfactionRate-details');
  expect(details).toContain(describeRate('满意率', street.metrics.satisfactionRate, street.metrics.rated, '已评价'));
  await expect(text(page, 'quarter-flag')).resolves.toContain(street.quarterFlag.label);
  await scrollTo(page, 'rate-satisfactionRate-tile');
  await screenshot('board-rate-denominator');

  // —— 图表 ——
  await scrollTo(page, 'chart-trend');
  const trend = visible(page, 'chart-trend');
  await expect(byTestId(trend, 'chart-trend-group').count()).resolves.toBe(6);
  await expect(byTestId(trend, 'chart-trend-received').allInnerTexts()).resolves.toEqual(street.trend.map((t) => String(t.received)));
  await expect(byTestId(trend, 'chart-trend-closed').allInnerTexts()).resolves.toEqual(street.trend.map((t) => String(t.closed)));
  await screenshot('board-trend');
  await scrollTo(page, 'chart-satisfaction');
  await screenshot('board-satisfaction');
  await scrollTo(page, 'chart-category');
  expect(await byTestId(visible(page, 'chart-category'), 'chart-category-row').count()).toBeGreaterThan(0);
  await screenshot('board-categories');

  // —— 排名：通报表扬 / 通报批评 ——
  const ranking = await call<{
    units: { id: string; name: string; rank: number | null }[];
    praised: { name: string }[];
    criticised: { name: string }[];
  }>('board', { action: 'rankings', level: 'grid' });
  await scrollTo(page, 'rankings');
  const rows = visible(page, 'rankings').locator('[data-testid="rank-row"]');
  await expect(rows.count()).resolves.toBe(ranking.units.length);
  await expect(rows.first().getAttribute('data-unit-id')).resolves.toBe(ranking.units[0]!.id);
  if (ranking.praised.length) await expect(text(page, 'praised')).resolves.toContain(ranking.praised[0]!.name);
  if (ranking.criticised.length) await expect(text(page, 'criticised')).resolves.toContain(ranking.criticised[0]!.name);
  await screenshot('board-rankings');
  await visible(page, 'rank-level-community').click();
  const communities = await call<{ units: { id: string }[] }>('board', { action: 'rankings', level: 'community' });
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="rankings"] [data-testid="rank-row"][data-unit-id^="sf-"]').length > 0 && n > 0,
    communities.units.length,
  );
  await expect(visible(page, 'rankings').locator('[data-testid="rank-row"]').count()).resolves.toBe(communities.units.length);

  // —— 换范围和时间：社区、网格、本季度 ——
  await page.evaluate(() => window.scrollTo(0, 0));
  await visible(page, 'scope-community-sf-yuyuan').click();
  const yuyuan = await call<{ scope: { name: string }; metrics: Metrics }>('board', { action: 'summary', communityId: 'sf-yuyuan' });
  await waitForScope(page, yuyuan.scope.name);
  await expectFigures(page, yuyuan.metrics);
  await visible(page, 'scope-grid-sf-yuyuan-g1').click();
  const grid = await call<{ scope: { name: string }; metrics: Metrics }>('board', {
    action: 'summary',
    communityId: 'sf-yuyuan',
    gridId: 'sf-yuyuan-g1',
  });
  await waitForScope(page, grid.scope.name);
  await expectFigures(page, grid.metrics);
  await visible(page, 'period-quarter').click();
  const quarter = await call<{ period: string; metrics: Metrics }>('board', {
    action: 'summary',
    communityId: 'sf-yuyuan',
    gridId: 'sf-yuyuan-g1',
    period: 'quarter',
  });
  await page.waitForFunction(
    (p) => Array.from(document.querySelectorAll('[data-testid="board-figures"]')).some((e) => e.getAttribute('data-period') === p),
    quarter.period,
  );
  await page.waitForFunction(() => !document.querySelector('.board__figures--stale'));
  await expectFigures(page, quarter.metrics);
  await screenshot('board-grid-quarter');

  // —— 五员公示牌 ——
  const roster = await call<{ members: { roleName: string; name: string }[] }>('board', { action: 'gridRoster', gridId: 'sf-yuyuan-g1' });
  await scrollTo(page, 'roster-link-sf-yuyuan-g1');
  await visible(page, 'roster-link-sf-yuyuan-g1').click();
  await visible(page, 'roster').waitFor();
  const members = visible(page, 'roster').locator('[data-testid="roster-member"]');
  await expect(members.count()).resolves.toBe(5);
  const names = await visible(page, 'roster').locator('[data-testid="roster-name"]').allInnerTexts();
  expect(names.map((n) => n.trim())).toEqual(roster.members.map((m) => m.name));
  for (const n of names) expect(n).toMatch(/\*|空缺/);
  await screenshot('roster');

  // —— 公开诉求：分页、筛选、一件诉求的办理经过 ——
  await open(page, '#/pages-board/cases/index');
  const list = visible(page, 'board-case-list');
  await list.locator('[data-testid="board-case-card"]').first().waitFor();
  const firstPage = await call<{ items: { id: string }[]; nextCursor?: string }>('board', { action: 'listCases' });
  await expect(list.locator('[data-testid="board-case-card"]').count()).resolves.toBe(firstPage.items.length);
  await expect(list.locator('[data-testid="board-case-card"]').first().getAttribute('data-case-id')).resolves.toBe(firstPage.items[0]!.id);
  await screenshot('public-cases');
  if (firstPage.nextCursor) {
    // Reaching the bottom loads the next page by itself; 加载更多 is there for whoever does not scroll.
    const more = (timeout?: number) =>
      page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="board-case-list"] [data-testid="board-case-card"]').length > n,
        firstPage.items.length,
        { timeout },
      );
    await visible(page, 'load-more').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 10000));
    const scrolled = await more(5000).then(
      () => true,
      () => false,
    );
    if (!scrolled) {
      await tap(page, 'load-more');
      await more();
    }
    await screenshot('public-cases-more');
  }
  await visible(page, 'case-status-closed').click();
  await page.waitForFunction(() => {
    const tags = Array.from(document.querySelectorAll('[data-testid="board-case-list"] [data-testid="status-tag"]'));
    return tags.length > 0 && tags.every((t) => t.textContent === '已办结');
  });
  const closedCard = list.locator('[data-testid="board-case-card"]').first();
  const closedId = (await closedCard.getAttribute('data-case-id'))!;
  const closed = await call<{ case: { description?: string; descriptionState?: string; holder?: { name: string } }; timeline: unknown[] }>(
    'board',
    { action: 'getCase', caseId: closedId },
  );
  await closedCard.click();
  await visible(page, 'public-timeline').waitFor();
  // Words only once the community approved them (审核后公开); until then 「内容审核中」.
  if (closed.case.description !== undefined) await expect(text(page, 'public-case-description')).resolves.toBe(closed.case.description);
  else await expect(text(page, 'public-case-pending')).resolves.toBe(closed.case.descriptionState);
  await expect(visible(page, 'public-timeline').locator('[data-testid="timeline-event"]').count()).resolves.toBe(closed.timeline.length);
  await expect(visible(page, 'case-steps').locator('[data-state="done"]').count()).resolves.toBe(5);
  await screenshot('public-case-closed');
  await scrollTo(page, 'public-timeline');
  await screenshot('public-case-timeline');

  // —— 审核过的照片才公开 ——
  const resident = await login('demo-resident-2');
  const admin = await login('demo-admin-1');
  const shot = await session.context.newPage();
  await shot.setContent(
    '<meta name="viewport" content="width=device-width"><body style="margin:0"><div style="height:240px;background:#2e7d32;color:#fff;font:40px sans-serif;padding:40px;box-sizing:border-box">楼道灯 修好了</div></body>',
  );
  const png = await shot.screenshot({ clip: { x: 0, y: 0, width: 320, height: 240 } });
  await shot.close();
  const upload = async (): Promise<string> => {
    const form = new FormData();
    form.append('file', new Blob([png], { type: 'image/png' }), 'photo.png');
    const res = await fetch(`${host!.url}/api/upload`, { method: 'POST', headers: { authorization: `Bearer ${resident}` }, body: form });
    return ((await res.json()) as { data: { fileId: string } }).data.fileId;
  };
  const [approvedPhoto, privatePhoto] = [await upload(), await upload()];
  const filed = await call<{ caseId: string }>(
    'resident',
    {
      action: 'submitCase',
      requestId: `board-e2e-${Date.now()}`,
      categoryId: 'cat-01',
      buildingId: 'sf-yuyuan-g1-b1',
      description: '2单元楼道灯不亮了，晚上看不清台阶，请帮忙修一下。',
      isPublic: true,
      photos: [approvedPhoto, privatePhoto],
    },
    resident,
  );
  await call('admin', { action: 'approvePhotos', caseId: filed.caseId, fileIds: [approvedPhoto], approved: true }, admin);
  const fresh = await call<{ case: { supportCount: number; photos: { fileId: string }[] } }>('board', {
    action: 'getCase',
    caseId: filed.caseId,
  });
  expect(fresh.case.photos.map((p) => p.fileId)).toEqual([approvedPhoto]);

  await open(page, `#/pages-board/case/index?id=${encodeURIComponent(filed.caseId)}`);
  const photos = visible(page, 'public-case-photos');
  // Taro's <Image> puts its <img> in once the element has upgraded: wait for it, then count.
  await photos.locator('img').first().waitFor({ state: 'attached' });
  await expect(photos.locator('img').count()).resolves.toBe(1);
  await page.waitForFunction(() => {
    const img = document.querySelector('[data-testid="public-case-photos"] img');
    return !!img && img.complete === true && (img.naturalWidth ?? 0) > 0;
  });
  expect(await photos.locator('img').first().getAttribute('src')).toContain(`/files/${approvedPhoto}?caseId=${filed.caseId}`);
  // The unapproved one is not served to the public either.
  expect((await fetch(`${host.url}/files/${privatePhoto}?caseId=${filed.caseId}`)).status).toBe(404);
  await screenshot('public-case-photo');

  // —— 附议：先选身份，选好后自动附议；再点一次，友好地说已附议过 ——
  await expect(text(page, 'support-count')).resolves.toBe(String(fresh.case.supportCount));
  await scrollTo(page, 'support-button');
  await tap(page, 'support-button');
  await visible(page, 'support-login').waitFor();
  await screenshot('support-needs-login');
  await visible(page, 'support-login').locator('[data-testid="persona-demo-resident-3"]').click();
  await expect(visible(page, 'support-notice').innerText()).resolves.toContain('附议成功');
  await expect(text(page, 'support-count')).resolves.toBe(String(fresh.case.supportCount + 1));
  await tap(page, 'support-button');
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll('[data-testid="support-notice"]')).some((e) => (e.textContent ?? '').includes('已经附议过')),
  );
  await expect(text(page, 'support-count')).resolves.toBe(String(fresh.case.supportCount + 1));
  await scrollTo(page, 'support-box');
  await screenshot('support-done');

  await settle(page);
  expect(session.pageErrors).toEqual([]);
  console.log(`公示栏端到端测试用时：${((Date.now() - started) / 1000).toFixed(1)} s`);
});
