/**
 * 长辈版与适老化指标：每个页面、两种模式、以使用它的身份打开，在 375 px 宽下量出计算后的字号、
 * 行高、文字对比度（WCAG 公式，取计算后的颜色）和可点按区域的大小；不在允许清单（附理由）里的
 * 任何一处不达标都让测试失败。
 *
 * 长辈版：正文 ≥ 18 px，行高 ≥ 1.3，点按区域 ≥ 60 × 60，对比度 ≥ 4.5 : 1（18 px 以上 3 : 1）；
 * 标准版：点按区域 ≥ 44 × 44，字号 ≥ 12 px，对比度同上。每页的最小字号、最小点按区域、最低对比度
 * 和不达标数打印出来，写进说明。
 */
import type { Page } from 'playwright-core';
import { PNG, apiAs, hostOptions, openAs, submitCase } from './staff-support';
import { openBrowser, settle, type Session } from './support/browser';
import { startHost, type RunningHost } from './support/host';
import { currentQuarter, makeGridUnhappy } from './support/unhappy-grid';
import { describe1, isAllowed, LARGE_RULES, measure, STANDARD_RULES, type Allowed, type Measurement, type Rules } from './support/measure';

const GRID = 'sf-yuyuan-g1';
const LEADER = 'demo-11-party-leader';

/** Every page the app declares, main package and subpackages, as `root/page` without a leading slash. */
async function declaredPages(): Promise<string[]> {
  // The config calls Taro's build-time global; outside the build it only has to hand the object back.
  const g = globalThis as { defineAppConfig?: (c: unknown) => unknown };
  g.defineAppConfig ??= (c) => c;
  // A computed name keeps the app's config (Taro's types) out of the server typecheck.
  const file = '../../src/app.config';
  const config = ((await import(file)) as { default: { pages: string[]; subPackages?: { root: string; pages: string[] }[] } }).default;
  return [...config.pages, ...(config.subPackages ?? []).flatMap((sp) => sp.pages.map((p) => `${sp.root}/${p}`))];
}

/** The page a route opens, without the leading slash and the query. */
const pageOf = (route: string) => route.replace(/^\//, '').replace(/\?.*$/, '');

/** Violations accepted, each with its reason. Keep this short: every line is a debt. */
const ALLOW: readonly Allowed[] = [];

let host: RunningHost | undefined;
let session: Session | undefined;

afterEach(async () => {
  await session?.close();
  await host?.stop({ removeData: true });
  session = undefined;
  host = undefined;
});

interface Visit {
  persona: string;
  route: string;
  /** What the page must show before it is measured, so it is measured with its data. */
  shows?: string;
}

function pages(caseId: string, callbackId = caseId, rectifyId = 'x', meetingId = ''): Visit[] {
  const resident = 'demo-resident-1';
  const member = 'demo-11-grid-worker';
  const leader = LEADER;
  const admin = 'demo-admin-1';
  const street = 'demo-street-admin';
  return [
    { persona: resident, route: '/pages/index/index' },
    { persona: resident, route: '/pages/cases/index' },
    { persona: resident, route: '/pages/messages/index' },
    { persona: resident, route: '/pages/me/index' },
    { persona: resident, route: '/pages-resident/report/index' },
    { persona: resident, route: `/pages-resident/case/index?id=${caseId}` },
    { persona: resident, route: '/pages-resident/privacy/index' },
    { persona: resident, route: '/pages-resident/vote/index', shows: 'vote-project' },
    { persona: resident, route: '/pages-resident/survey/index', shows: 'survey-submit' },
    { persona: resident, route: '/pages-board/index/index' },
    { persona: resident, route: '/pages-board/cases/index' },
    { persona: resident, route: `/pages-board/case/index?id=${caseId}` },
    { persona: resident, route: `/pages-board/roster/index?gridId=${GRID}`, shows: 'roster-phone' },
    { persona: resident, route: '/pages-board/projects/index', shows: 'projects-project' },
    { persona: resident, route: '/pages-board/survey/index', shows: 'board-survey' },
    { persona: member, route: '/pages/workbench/index' },
    { persona: member, route: '/pages-member/tasks/index' },
    { persona: member, route: `/pages-member/task/index?id=${caseId}` },
    { persona: member, route: '/pages-member/patrol/index?mode=report' },
    { persona: member, route: '/pages-member/group/index' },
    { persona: member, route: '/pages-member/bind/index' },
    { persona: member, route: '/pages/me/index' },
    { persona: leader, route: '/pages-member/visits/index', shows: 'care-subject' },
    { persona: leader, route: '/pages-member/profile/index', shows: 'profile-commitment-state' },
    { persona: admin, route: '/pages/workbench/index' },
    { persona: admin, route: '/pages-admin/cases/index' },
    { persona: admin, route: `/pages-admin/case/index?id=${caseId}` },
    { persona: admin, route: '/pages-admin/org/index' },
    { persona: admin, route: '/pages-admin/config/index' },
    { persona: admin, route: '/pages-admin/stats/index' },
    { persona: admin, route: '/pages-admin/weekly/index' },
    { persona: admin, route: '/pages-admin/review/index', shows: `review-case-${caseId}` },
    { persona: admin, route: '/pages-admin/care/index', shows: 'care-row' },
    { persona: admin, route: '/pages-admin/profiles/index', shows: 'profile-pending' },
    { persona: admin, route: '/pages-admin/intake/index?mode=file', shows: 'intake-grid' },
    { persona: admin, route: '/pages-admin/intake/index?mode=callback', shows: `callback-${callbackId}` },
    { persona: admin, route: '/pages-admin/projects/index', shows: 'mp-project' },
    { persona: admin, route: '/pages-admin/survey/index', shows: 'survey-result' },
    { persona: admin, route: '/pages-admin/rectify/index', shows: `rectify-report-${rectifyId}` },
    { persona: street, route: '/pages-admin/rectify/index', shows: `rectify-task-${rectifyId}` },
    { persona: admin, route: '/pages-admin/hotline/index', shows: 'hotline-choose' },
    { persona: admin, route: '/pages-admin/meetings/index', shows: 'meeting-row' },
    { persona: admin, route: `/pages-admin/meetings/index?id=${meetingId}`, shows: 'meeting-issue-row' },
    { persona: street, route: '/pages-admin/communities/index' },
    // 职能部门 as the street admin sees it (every control: add, edit, invite, stop).
    { persona: street, route: '/pages-admin/departments/index', shows: 'dept-stop' },
    { persona: 'demo-dept-1', route: '/pages/workbench/index' },
  ];
}

async function visitAll(page: Page, visits: Visit[], rules: Rules, large: boolean): Promise<Map<string, Measurement>> {
  const results = new Map<string, Measurement>();
  let current = '';
  for (const v of visits) {
    if (v.persona !== current) {
      await page.evaluate(`localStorage.clear(); ${large ? `localStorage.setItem('wy.largeText', JSON.stringify({ data: true }));` : ''}`);
      // A fresh start as this persona: the in-memory session goes with the reload.
      await page.goto(`${host!.url}/#${v.route}`);
      await page.reload();
      await openAs(page, host!, v.persona, v.route);
      current = v.persona;
    } else {
      await page.goto(`${host!.url}/#${v.route}`);
    }
    await settle(page);
    if (v.shows) await page.locator(`[data-testid="${v.shows}"] >> visible=true`).first().waitFor({ timeout: 15000 });
    await page.waitForTimeout(600);
    results.set(`${v.persona} ${v.route}`, await measure(page, rules));
  }
  return results;
}

function report(mode: string, results: Map<string, Measurement>): string[] {
  const failures: string[] = [];
  const lines: string[] = [`${mode}: page · smallest text px · smallest target · lowest contrast · violations (not allowed)`];
  for (const [key, m] of results) {
    const bad = m.violations.filter((v) => !isAllowed(v, ALLOW));
    const t = m.smallestTarget ? `${m.smallestTarget.w}×${m.smallestTarget.h} ${m.smallestTarget.where}` : '—';
    const c = m.lowestContrast ? `${m.lowestContrast.ratio} ${m.lowestContrast.where}` : '—';
    lines.push(`  ${key} · ${m.smallestFontPx} · ${t} · ${c} · ${m.violations.length} (${bad.length})`);
    for (const v of bad) failures.push(`${mode} ${key}: ${describe1(v)}`);
  }
  console.log(lines.join('\n'));
  return failures;
}

test('the measured list opens every page the app declares', async () => {
  const declared = await declaredPages();
  const measured = new Set(pages('x').map((v) => pageOf(v.route)));
  expect(declared.length).toBeGreaterThan(25); // the config was really read
  expect(declared.filter((p) => !measured.has(p))).toEqual([]);
  // And nothing measured that the app no longer declares.
  expect([...measured].filter((p) => !declared.includes(p))).toEqual([]);
});

test('every page in 长辈版 and standard mode meets the figures (font, line height, contrast, tap targets)', async () => {
  host = await startHost(hostOptions());
  const residentApi = await apiAs(host, 'demo-resident-1');
  const filed = await submitCase(residentApi, {
    buildingId: `${GRID}-b2`,
    categoryId: 'cat-04',
    description: '5栋楼道里有电动车充电，电线拖在地上，很危险。',
    contactPhone: '13800001111',
  });
  // This round's pages, each with something on it: a person to visit (registered by the community
  // and visited once), a member's 公示牌 words waiting for approval; the case above waits for 公开内容审核.
  const adminApi = await apiAs(host, 'demo-admin-1');
  const leaderApi = await apiAs(host, LEADER);
  await adminApi.call('community', 'carePlan', { communityId: 'sf-yuyuan', group: 'lonely_elderly', days: 7 });
  const subject = await adminApi.call<{ id: string }>('community', 'careSave', {
    gridId: GRID,
    name: '赵秀兰',
    groups: ['lonely_elderly'],
    address: '3栋1单元101',
    phone: '13800002222',
  });
  await adminApi.call('community', 'careSave', { gridId: GRID, name: '王建国', groups: ['martyr_family'], address: '5栋2单元302' });
  await leaderApi.call('member', 'careRecordVisit', {
    requestId: 'e2e-elder-visit-0001',
    subjectId: subject.id,
    visitedOn: new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10),
    found: '老人身体还好，独自在家，厨房水龙头滴水。',
  });
  await leaderApi.call('member', 'setPublicProfile', {
    showFullName: true,
    workPhone: '13900001234',
    commitment: '有事找我，24小时内回复。',
  });
  // A 代登记 the steward resolved: the 电话回访 list has a line to call.
  const proxy = await adminApi.call<{ caseId: string }>('intake', 'fileForResident', {
    requestId: 'e2e-elder-proxy-0001',
    channel: 'phone',
    contactName: '周大爷',
    contactPhone: '13877776666',
    categoryId: 'cat-01',
    buildingId: 'sf-yuyuan-g1-b1',
    description: '1栋楼道灯不亮，晚上看不见台阶',
  });
  const stewardApi = await apiAs(host, 'demo-11-building-steward');
  await stewardApi.call('member', 'acceptCase', { caseId: proxy.caseId });
  const form = new FormData();
  form.append('file', new Blob([PNG], { type: 'image/png' }), 'after.png');
  const uploaded = await fetch(`${host.url}/api/upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stewardApi.token}` },
    body: form,
  });
  const { fileId } = ((await uploaded.json()) as { data: { fileId: string } }).data;
  await stewardApi.call('member', 'resolveCase', { caseId: proxy.caseId, result: '已更换灯泡，恢复照明', photos: [fileId] });
  // 民生微实事: a round open today in the resident's community (they reported from it above).
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  await adminApi.call('community', 'voteRoundSave', {
    communityId: 'sf-yuyuan',
    title: '冬季民生微实事',
    opensOn: today,
    closesOn: today,
    votesPerPerson: 1,
    projects: [
      { title: '楼道加装扶手', description: '为1至4栋楼道加装不锈钢扶手', cost: 18000, provider: '社区服务中心' },
      { title: '小区充电棚', description: '在2栋旁建设电动车集中充电棚', cost: 45000, provider: '物业公司' },
    ],
  });
  await adminApi.call('community', 'surveyOpen', { communityId: 'sf-yuyuan', opensOn: today, closesOn: today });
  // 整改任务: a grid below 80 % this quarter, its task opened by the street, waiting for the report.
  const quarter = currentQuarter();
  await makeGridUnhappy(host, GRID, quarter);
  await (await apiAs(host, 'demo-street-admin')).call('admin', 'openRectifications', { period: quarter });
  // 院坝会: a record of today with two issues raised, one filed as a case.
  const meeting = await adminApi.call<{ meeting: { id: string } }>('community', 'meetingRecord', {
    requestId: 'e2e-elder-meeting-0001',
    gridId: GRID,
    kind: 'courtyard',
    heldOn: today,
    place: '3栋院坝',
    topic: '冬季楼道照明',
    attendance: 24,
    rolesPresent: ['party_leader', 'grid_worker'],
    decisions: '物业本周内修好楼道灯',
    issues: [{ text: '3栋楼道灯不亮' }, { text: '东门口车辆乱停' }],
  });
  await adminApi.call('community', 'meetingFileIssues', { meetingId: meeting.meeting.id, issues: [{ index: 0, categoryId: 'cat-01' }] });
  session = await openBrowser('elder-figures');
  const { page } = session;
  await page.goto(`${host.url}/`);
  const visits = pages(filed.caseId, proxy.caseId, `${quarter}_grid_${GRID}`, meeting.meeting.id);
  const standard = await visitAll(page, visits, STANDARD_RULES, false);
  const large = await visitAll(page, visits, LARGE_RULES, true);
  const failures = [...report('标准版', standard), ...report('长辈版', large)];
  expect(failures).toEqual([]);
}, 600000);
