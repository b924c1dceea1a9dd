/**
 * Who may call what: every resident, member and intake action × every kind of caller, in scope and
 * out of scope. Nothing allowed that should not be, nothing refused that should be. (The admin function
 * has its own table in admin.test.ts.)
 */
import { FUNCTIONS } from '../../backend/functions';
import { BUILDING, makeEnv, NEIGHBOUR_DISPUTE, P, REPAIR, type TestEnv } from '../support/env';

type Who =
  | 'reporter'
  | 'otherResident'
  | 'holder'
  | 'sameGridMember'
  | 'otherGridMember'
  | 'admin'
  | 'otherAdmin'
  | 'street'
  | 'department'
  | 'anonymous';
const WHO: Record<Who, string | undefined> = {
  reporter: P.resident,
  otherResident: P.resident2,
  holder: P.steward11,
  sameGridMember: P.worker11,
  otherGridMember: P.steward12,
  admin: P.admin1,
  otherAdmin: P.admin2,
  street: P.street,
  department: P.dept1,
  anonymous: undefined,
};
const ALL = Object.keys(WHO) as Who[];
const REFUSALS = ['AUTH.REQUIRED', 'AUTH.FORBIDDEN', 'CASE.FORBIDDEN', 'CASE.NOT_FOUND'];

/** A case in the state each action needs, and the params to call it with. */
type Setup = (env: TestEnv, caseId: string) => Promise<Record<string, unknown>>;
interface Row {
  fn: 'resident' | 'member' | 'intake';
  action: string;
  allowed: Who[];
  setup: Setup;
  /** A refusal code beyond the usual ones that this action gives for some callers. */
  alsoRefusedWith?: string;
}

const PHOTO = 'a1b2c3d4e5f6a7b8.jpg';
const accept = async (env: TestEnv, caseId: string) => env.ok('member', P.steward11, 'acceptCase', { caseId });
const resolve = async (env: TestEnv, caseId: string) => {
  await accept(env, caseId);
  await env.ok('member', P.steward11, 'resolveCase', { caseId, result: '已修好', photos: [PHOTO] });
};
const id =
  (params: Record<string, unknown> = {}): Setup =>
  async (_e, caseId) => ({ caseId, ...params });
let n = 0;
const fresh =
  (extra: Record<string, unknown> = {}): Setup =>
  async () => ({ requestId: `auth-${n++}-req`, ...extra });

const ROWS: Row[] = [
  // resident: public reference data is for everyone, the rest needs a login and one's own case
  { fn: 'resident', action: 'listCategories', allowed: ALL, setup: async () => ({}) },
  { fn: 'resident', action: 'listPlaces', allowed: ALL, setup: async () => ({}) },
  {
    fn: 'resident',
    action: 'submitCase',
    allowed: ALL.filter((w) => w !== 'anonymous'),
    setup: fresh({ categoryId: REPAIR, buildingId: BUILDING, description: '小区路灯坏了', isPublic: true }),
  },
  { fn: 'resident', action: 'listMyCases', allowed: ALL.filter((w) => w !== 'anonymous'), setup: async () => ({}) },
  { fn: 'resident', action: 'getCase', allowed: ['reporter'], setup: id() },
  // The handler's consented work phone: only the reporter, on their own case.
  { fn: 'resident', action: 'handlerContact', allowed: ['reporter'], setup: id() },
  { fn: 'resident', action: 'supplementCase', allowed: ['reporter'], setup: id({ note: '补充：二楼也不亮' }) },
  { fn: 'resident', action: 'withdrawCase', allowed: ['reporter'], setup: id() },
  // A reporter may remind once the reminder share (80 %) of the 24-hour response limit has passed.
  { fn: 'resident', action: 'remindCase', allowed: ['reporter'], setup: async (env, caseId) => (env.advance(20 * 3_600_000), { caseId }) },
  {
    fn: 'resident',
    action: 'rateCase',
    allowed: ['reporter'],
    setup: async (env, caseId) => (await resolve(env, caseId), { caseId, rating: 'satisfied' }),
  },
  {
    fn: 'resident',
    action: 'supportCase',
    allowed: ALL.filter((w) => w !== 'anonymous' && w !== 'reporter'),
    setup: id(),
    alsoRefusedWith: 'CASE.INVALID_TRANSITION', // 不能附议自己的诉求
  },
  {
    fn: 'resident',
    action: 'findSimilar',
    allowed: ALL.filter((w) => w !== 'anonymous'),
    setup: async () => ({ categoryId: REPAIR, buildingId: BUILDING }),
  },
  { fn: 'resident', action: 'listMessages', allowed: ALL.filter((w) => w !== 'anonymous'), setup: async () => ({}) },
  { fn: 'resident', action: 'markMessagesRead', allowed: ALL.filter((w) => w !== 'anonymous'), setup: async () => ({ ids: 'all' }) },
  {
    fn: 'resident',
    action: 'recordSubscriptions',
    allowed: ALL.filter((w) => w !== 'anonymous'),
    setup: async () => ({ results: { tmplA: 'accept' } }),
  },
  { fn: 'resident', action: 'subscribeTemplates', allowed: ALL.filter((w) => w !== 'anonymous'), setup: async () => ({}) },
  { fn: 'resident', action: 'profile', allowed: ALL.filter((w) => w !== 'anonymous'), setup: async () => ({}) },
  // member: members of the grid see its cases; only the holder works them
  { fn: 'member', action: 'myGroup', allowed: ['holder', 'sameGridMember', 'otherGridMember'], setup: async () => ({}) },
  { fn: 'member', action: 'listTasks', allowed: ['holder', 'sameGridMember', 'otherGridMember'], setup: async () => ({}) },
  // The reporter may read their own case through either function.
  { fn: 'member', action: 'getCase', allowed: ['reporter', 'holder', 'sameGridMember'], setup: id() },
  { fn: 'member', action: 'acceptCase', allowed: ['holder'], setup: id() },
  {
    fn: 'member',
    action: 'addProgress',
    allowed: ['holder'],
    setup: async (env, caseId) => (await accept(env, caseId), { caseId, note: '已到现场' }),
  },
  {
    fn: 'member',
    action: 'resolveCase',
    allowed: ['holder'],
    setup: async (env, caseId) => (await accept(env, caseId), { caseId, result: '已修好', photos: [PHOTO] }),
  },
  { fn: 'member', action: 'transferCase', allowed: ['holder'], setup: id({ toRole: 'grid_worker', reason: '需要网格员处理' }) },
  { fn: 'member', action: 'returnTask', allowed: ['holder'], setup: id({ reason: '属于物业维修范围，不是楼栋长职责' }) },
  {
    fn: 'member',
    action: 'escalateCase',
    allowed: ['holder'],
    setup: async (env, caseId) => (await accept(env, caseId), { caseId, reason: '需要社区协调' }),
  },
  {
    fn: 'member',
    action: 'recordLedger',
    allowed: ['holder'],
    // A dispute given to the steward, so that the table's holder holds a case that keeps a ledger.
    setup: async (env) => {
      const { caseId } = await env.ok<{ caseId: string }>('resident', P.resident, 'submitCase', {
        requestId: `auth-dispute-${n++}`,
        categoryId: NEIGHBOUR_DISPUTE,
        buildingId: BUILDING,
        description: '楼上漏水，两家争吵',
        isPublic: false,
      });
      await env.ok('admin', P.admin1, 'assignCase', { caseId, memberId: 'sf-yuyuan-g1-building_steward' });
      return { caseId, entry: { kind: 'dispute_risk', color: 'red' } };
    },
  },
  {
    fn: 'member',
    action: 'reportPatrolCase',
    allowed: ['holder', 'sameGridMember'],
    setup: fresh({ categoryId: 'cat-04', buildingId: BUILDING, description: '楼道堆放杂物' }),
  },
  {
    fn: 'member',
    action: 'closeOnSpot',
    allowed: ['holder', 'sameGridMember'],
    setup: fresh({ categoryId: 'cat-02', buildingId: BUILDING, description: '单元门口有垃圾', result: '已清理', photos: [PHOTO] }),
  },
  { fn: 'member', action: 'subscribeTemplates', allowed: ['holder', 'sameGridMember', 'otherGridMember'], setup: async () => ({}) },
  { fn: 'member', action: 'setOnDuty', allowed: ['holder', 'sameGridMember', 'otherGridMember'], setup: async () => ({ onDuty: true }) },
  // 走访关爱: the register is the assigned member's (here the holder's) and the admins'; nobody else sees a person.
  { fn: 'member', action: 'careMine', allowed: ['holder', 'sameGridMember', 'otherGridMember'], setup: async () => ({}) },
  {
    fn: 'member',
    action: 'careSubject',
    allowed: ['holder', 'admin', 'street'],
    setup: async (env) => ({ subjectId: await careSubjectOfHolder(env) }),
    alsoRefusedWith: 'CARE.NOT_FOUND',
  },
  {
    fn: 'member',
    action: 'careRecordVisit',
    allowed: ['holder'],
    setup: async (env) => ({
      requestId: `auth-visit-${n++}`,
      subjectId: await careSubjectOfHolder(env),
      visitedOn: '2026-11-01',
      found: '身体还好',
    }),
    alsoRefusedWith: 'CARE.NOT_FOUND',
  },
  {
    fn: 'member',
    action: 'careNeedToCase',
    allowed: ['holder'],
    setup: async (env) => {
      const subjectId = await careSubjectOfHolder(env);
      const { visit } = await env.ok<{ visit: { id: string } }>('member', P.steward11, 'careRecordVisit', {
        requestId: `auth-visit-${n++}`,
        subjectId,
        visitedOn: '2026-11-01',
        found: '水管漏水',
        needs: ['厨房水管漏水需要维修'],
      });
      return { visitId: visit.id, needIndex: 0, categoryId: REPAIR };
    },
    alsoRefusedWith: 'CARE.NOT_FOUND',
  },
  // 代登记: members of the case's community and its admins (and the street); not residents, other communities or departments.
  {
    fn: 'intake',
    action: 'fileForResident',
    allowed: ['holder', 'sameGridMember', 'otherGridMember', 'admin', 'street'],
    setup: fresh({
      channel: 'phone',
      contactName: '周大爷',
      contactPhone: '13877776666',
      categoryId: REPAIR,
      buildingId: BUILDING,
      description: '楼道灯坏了，晚上看不见',
    }),
  },
  // 电话回访 on a resident's case past its rating window: its holder and the admins, never the resident.
  {
    fn: 'intake',
    action: 'phoneVisit',
    allowed: ['holder', 'admin', 'street'],
    setup: async (env, caseId) => (await resolve(env, caseId), env.advance(8 * 86_400_000), { caseId, rating: 'satisfied' }),
  },
  // Each caller's own list: a member's cases, an admin's community.
  {
    fn: 'intake',
    action: 'phoneVisitQueue',
    allowed: ['holder', 'sameGridMember', 'otherGridMember', 'admin', 'otherAdmin', 'street'],
    setup: async () => ({}),
  },
  // 12345 工单 sheets: community admins (each for their own community) and the street; no member, resident or department.
  {
    fn: 'intake',
    action: 'hotlinePreview',
    allowed: ['admin', 'otherAdmin', 'street'],
    setup: async (e) => (withSheet(e), { fileId: SHEET_ID }),
  },
  {
    fn: 'intake',
    action: 'hotlineCommit',
    allowed: ['admin', 'otherAdmin', 'street'],
    setup: async (e) => (withSheet(e), { fileId: SHEET_ID, categoryId: REPAIR }),
  },
  { fn: 'intake', action: 'hotlineImports', allowed: ['admin', 'otherAdmin', 'street'], setup: async () => ({}) },
  {
    fn: 'intake',
    action: 'hotlineExport',
    allowed: ['admin', 'otherAdmin', 'street'],
    setup: async (e) => {
      e.deps.saveExport ??= async () => ({ url: '/exports/x' });
      return { period: '2026-11' };
    },
  },
  // 公示牌 consent: each member their own.
  { fn: 'member', action: 'myPublicProfile', allowed: ['holder', 'sameGridMember', 'otherGridMember'], setup: async () => ({}) },
  {
    fn: 'member',
    action: 'setPublicProfile',
    allowed: ['holder', 'sameGridMember', 'otherGridMember'],
    setup: async () => ({ showFullName: true }),
  },
  // 民生微实事: any signed-in resident of the community (here by the building they bound) votes once per round.
  { fn: 'resident', action: 'myVoteRounds', allowed: ALL.filter((w) => w !== 'anonymous'), setup: async () => ({ buildingId: BUILDING }) },
  {
    fn: 'resident',
    action: 'castVote',
    allowed: ALL.filter((w) => w !== 'anonymous'),
    setup: async (env) => {
      const round = await openRound(env);
      return { roundId: round.id, projectIds: [round.projects[0]!.id], buildingId: BUILDING };
    },
  },
  // 满意度测评: any signed-in resident of the community answers once per quarter.
  { fn: 'resident', action: 'mySurveys', allowed: ALL.filter((w) => w !== 'anonymous'), setup: async () => ({ gridId: 'sf-yuyuan-g1' }) },
  {
    fn: 'resident',
    action: 'answerSurvey',
    allowed: ALL.filter((w) => w !== 'anonymous'),
    setup: async (env) => ({
      surveyId: await openSurvey(env),
      ratings: { community: 'satisfied', group: 'satisfied' },
      gridId: 'sf-yuyuan-g1',
    }),
  },
];

/** 渝园社区's survey of this quarter, opened once. */
async function openSurvey(env: TestEnv): Promise<string> {
  const today = new Date(env.clock.now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const q = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
  const id = `sf-yuyuan_${q}`;
  if (!(await env.store.getRef('surveys', id)))
    await env.ok('community', P.admin1, 'surveyOpen', { communityId: 'sf-yuyuan', opensOn: today, closesOn: today });
  return id;
}

/** A fresh 民生微实事 round of 渝园社区, open today. */
async function openRound(env: TestEnv): Promise<{ id: string; projects: { id: string }[] }> {
  const today = new Date(env.clock.now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  return env.ok('community', P.admin1, 'voteRoundSave', {
    communityId: 'sf-yuyuan',
    title: '民生微实事',
    opensOn: today,
    closesOn: today,
    votesPerPerson: 1,
    projects: [
      { title: '加装扶手', description: '楼道加装扶手', cost: 1000, provider: '社区' },
      { title: '充电棚', description: '建设充电棚', cost: 2000, provider: '物业' },
    ],
  });
}

/** A person on the register assigned to the holder (the building steward of 渝园社区 第一网格). */
async function careSubjectOfHolder(env: TestEnv): Promise<string> {
  const s = await env.ok<{ id: string }>('community', P.admin1, 'careSave', {
    gridId: 'sf-yuyuan-g1',
    name: '刘婆婆',
    groups: ['lonely_elderly'],
    address: '1栋',
    memberId: 'sf-yuyuan-g1-building_steward',
  });
  return s.id;
}

/** Every caller "uploaded" the same one-row 12345 sheet (who may read whose upload is tested in host-http). */
const SHEET_ID = '0123456789abcdef0123456789abcdef.csv';
let sheetSeq = 0;
function withSheet(e: TestEnv): void {
  const ticket = `AUTH-${++sheetSeq}`;
  const text = `工单号,诉求内容,地址,联系人,电话\r\n${ticket},楼道灯坏了晚上看不见,渝园社区1栋,周大爷,13877776666\r\n`;
  e.deps.readUpload = async () => new TextEncoder().encode(text);
}

let env: TestEnv;
beforeAll(async () => {
  env = await makeEnv({ limits: { submissionsPerDay: 100_000 } });
});
afterAll(async () => env.close());

it('表格覆盖居民、成员和代登记云函数的每一个操作', () => {
  for (const fn of ['resident', 'member', 'intake'] as const) {
    const covered = ROWS.filter((r) => r.fn === fn)
      .map((r) => r.action)
      .sort();
    expect(covered).toEqual(
      Object.keys(FUNCTIONS[fn]!.actions)
        .filter((a) => a !== 'bindInvite')
        .sort(),
    );
  }
});

describe.each(ROWS)('$fn.$action', (row) => {
  it.each(ALL)('%s', async (who) => {
    const { caseId } = await env.ok<{ caseId: string }>('resident', P.resident, 'submitCase', {
      requestId: `auth-case-${n++}`,
      categoryId: REPAIR,
      buildingId: BUILDING,
      description: '楼道灯坏了',
      isPublic: true,
    });
    const params = await row.setup(env, caseId);
    const before = await env.store.getCase(caseId);
    const r = await env.call(row.fn, WHO[who], row.action, params);
    if (row.allowed.includes(who)) {
      expect(r.ok ? 'ok' : `${r.error.code} ${r.error.message}`).toBe('ok');
    } else {
      expect(r.ok).toBe(false);
      if (!r.ok) expect([...REFUSALS, row.alsoRefusedWith]).toContain(r.error.code);
      // A refusal changes nothing.
      expect((await env.store.getCase(caseId))?.version).toBe(before?.version);
    }
  });
});

it('邀请码只能绑定一次', async () => {
  const { id: memberId } = await env.ok<{ id: string }>('admin', P.admin1, 'createMember', {
    gridId: 'sf-yuyuan-g1',
    role: 'party_leader',
    name: '赵新成',
  });
  const { code } = await env.ok<{ code: string }>('admin', P.admin1, 'createInvite', { memberId });
  const first = await env.call('member', 'demo-resident-5', 'bindInvite', { code });
  expect(first.ok ? 'ok' : first.error.message).toBe('ok');
  const second = await env.call('member', 'demo-resident-6', 'bindInvite', { code });
  expect(second.ok ? 'ok' : second.error.code).toBe('AUTH.INVITE_INVALID');
  const bad = await env.call('member', 'demo-resident-6', 'bindInvite', { code: 'NOPE1234' });
  expect(bad.ok ? 'ok' : bad.error.code).toBe('AUTH.INVITE_INVALID');
});
