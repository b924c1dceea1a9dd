/**
 * The `admin` function against a real SQLite file holding the seeded demo street (双福街道):
 * the community secretary's desk, the street's whistle-and-dispatch, the departments' 报到, the
 * organisation and configuration pages, assessment, ledgers and the weekly report — and who may
 * do each of them.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { admin } from '../../backend/functions/admin';
import { community } from '../../backend/functions/community';
import { intake } from '../../backend/functions/intake';
import { member } from '../../backend/functions/member';
import { resident } from '../../backend/functions/resident';
import { answerId } from '../../backend/functions/satisfaction-survey';
import { DEFAULT_QUESTIONS } from '../../core/satisfaction-survey';
import { invalidateDirectory } from '../../backend/services/directory';
import { OPEN_STATUSES, type Case } from '../../core/model';
import { periodRange, tallyCases } from '../../core/metrics';
import { startOfLocalDate } from '../../core/working-days';
import { GRID_WORKER_MEMBER, NOW, P, YUYUAN, YUYUAN_G1, data, openAdminWorld, outcome, type AdminWorld } from '../support/admin-world';

let w: AdminWorld;
const EMPTY_GRID = 'it-empty-grid';
const EMPTY_BUILDING = 'it-empty-grid-b1';

beforeAll(async () => {
  w = await openAdminWorld();
  // A grid with nobody in it: reports there wait in the community's dispatch queue.
  await w.store.putRef('grids', {
    id: EMPTY_GRID,
    streetId: 'shuangfu',
    communityId: YUYUAN,
    name: '测试空网格',
    households: 100,
    active: true,
  });
  await w.store.putRef('buildings', {
    id: EMPTY_BUILDING,
    streetId: 'shuangfu',
    communityId: YUYUAN,
    gridId: EMPTY_GRID,
    name: '99栋',
    active: true,
  });
  invalidateDirectory(w.store);
  // Seeding the demo street (its history run through the lifecycle, its texts reviewed) takes a few
  // seconds alone and more while other suites share the cores.
}, 30_000);

afterAll(async () => {
  await w.close();
});

// ——— ways to get a case into a state ———

const assignedCase = () => w.submit();
const pendingCase = () => w.submit({ buildingId: EMPTY_BUILDING });
async function escalatedToStreet(): Promise<Case> {
  const c = await w.submit();
  data(await w.admin(P.communityAdmin, 'escalateCase', { caseId: c.id, reason: '涉及多方，需街道协调' }));
  return w.getCase(c.id);
}
async function dispatchedToPolice(): Promise<Case> {
  const c = await escalatedToStreet();
  data(await w.admin(P.streetAdmin, 'dispatchDepartment', { caseId: c.id, departmentId: 'dept-police', note: '请派出所到场' }));
  return w.getCase(c.id);
}

const freshGrid = async (): Promise<string> =>
  (
    data(
      await w.admin(P.communityAdmin, 'createGrid', {
        communityId: YUYUAN,
        name: `网格${Math.random().toString(36).slice(2, 8)}`,
        households: 200,
      }),
    ) as { id: string }
  ).id;
const freshBuilding = async (): Promise<string> =>
  (
    data(await w.admin(P.communityAdmin, 'createBuilding', { gridId: YUYUAN_G1, name: `${Math.floor(Math.random() * 1e6)}栋` })) as {
      id: string;
    }
  ).id;
/** Makes the member hold the case (it may have been routed to them already). */
const holdBy = async (caseId: string, memberId: string): Promise<void> => {
  if ((await w.getCase(caseId)).holder?.memberId !== memberId) data(await w.admin(P.communityAdmin, 'assignCase', { caseId, memberId }));
};

const freshMember = async (): Promise<string> =>
  (data(await w.admin(P.communityAdmin, 'createMember', { gridId: YUYUAN_G1, role: 'party_leader', name: '测试成员' })) as { id: string })
    .id;

const customPolicy = (over: Record<string, unknown> = {}) => ({
  name: '社区自定义方案',
  limits: {
    simple: { respond: { amount: 2, unit: 'hours' }, resolve: { amount: 2, unit: 'workdays' } },
    complex: { respond: { amount: 2, unit: 'hours' }, resolve: { amount: 4, unit: 'workdays' }, escalate: { amount: 24, unit: 'hours' } },
    major: { respond: { amount: 1, unit: 'hours' }, resolve: { amount: 5, unit: 'workdays' }, escalate: { amount: 12, unit: 'hours' } },
  },
  departmentReport: { amount: 24, unit: 'hours' },
  streetResolve: { amount: 5, unit: 'workdays' },
  ratingWindowDays: 7,
  reminderShare: 0.75,
  autoEscalateOnOverdue: false,
  ...over,
});

// ——— the desk ———

describe('社区书记的工作台', () => {
  it('dashboard: 今日新增、待派单、超时、吹哨、不满意、督办，各队列可一键进入', async () => {
    const pending = await pendingCase();
    const d = data<{
      counts: Record<string, number>;
      queues: Record<string, { id: string }[]>;
      scope: { communityId: string; level: string };
    }>(await w.admin(P.communityAdmin, 'dashboard', {}));
    expect(d.scope).toMatchObject({ communityId: YUYUAN, level: 'community' });
    const today = startOfLocalDate('2026-11-23').toISOString();
    expect(d.counts.todayNew).toBe(await w.store.countCases({ communityId: YUYUAN, createdFrom: today }));
    expect(d.counts.pending).toBe(await w.store.countCases({ communityId: YUYUAN, statuses: ['pending'] }));
    expect(d.counts.pending).toBeGreaterThanOrEqual(1);
    expect(d.counts.overdue).toBe(
      await w.store.countCases({ communityId: YUYUAN, statuses: [...OPEN_STATUSES], overdueAt: NOW.toISOString() }),
    );
    expect(d.queues.pending.map((c) => c.id)).toContain(pending.id);
    for (const k of ['escalated', 'lowRatings', 'supervised']) {
      expect(typeof d.counts[k]).toBe('number');
      expect(d.queues[k].length).toBe(Math.min(d.counts[k], 5));
    }
  });

  it('dashboard: 街道看吹哨到街道的，部门看派给自己的', async () => {
    const c = await escalatedToStreet();
    const street = data<{ counts: { escalated: number }; queues: { escalated: { id: string }[] }; scope: { level: string } }>(
      await w.admin(P.streetAdmin, 'dashboard', {}),
    );
    expect(street.scope.level).toBe('street');
    expect(street.counts.escalated).toBeGreaterThanOrEqual(1);
    const all = await w.store.listCases({ streetId: 'shuangfu', statuses: ['escalated'], limit: 500 });
    expect(street.counts.escalated).toBe(all.items.filter((x) => x.escalation?.level === 'street').length);
    expect(street.queues.escalated.length).toBeGreaterThan(0);
    await w.admin(P.streetAdmin, 'dispatchDepartment', { caseId: c.id, departmentId: 'dept-police' });
    const dept = data<{ counts: { escalated: number }; queues: { escalated: { id: string }[] } }>(
      await w.admin(P.department, 'dashboard', {}),
    );
    expect(dept.counts.escalated).toBe(await w.store.countCases({ departmentId: 'dept-police', statuses: ['escalated'] }));
    expect(dept.queues.escalated.map((x) => x.id)).toContain(c.id);
  });

  it('listCases: filters, paging, and only cases in scope', async () => {
    const page1 = data<{ items: { id: string }[]; nextCursor?: string }>(await w.admin(P.communityAdmin, 'listCases', { limit: 10 }));
    expect(page1.items).toHaveLength(10);
    expect(page1.nextCursor).toBeDefined();
    const page2 = data<{ items: { id: string }[] }>(await w.admin(P.communityAdmin, 'listCases', { limit: 10, cursor: page1.nextCursor }));
    expect(page2.items.map((c) => c.id).some((id) => page1.items.some((x) => x.id === id))).toBe(false);
    for (const it of [...page1.items, ...page2.items]) expect((await w.getCase(it.id)).place.communityId).toBe(YUYUAN);

    const closed = data<{ items: { id: string; status: string }[] }>(
      await w.admin(P.communityAdmin, 'listCases', { status: 'closed', limit: 50 }),
    );
    expect(closed.items.every((c) => c.status === 'closed')).toBe(true);

    const grid = data<{ items: { id: string }[] }>(await w.admin(P.communityAdmin, 'listCases', { gridId: YUYUAN_G1, limit: 50 }));
    for (const it of grid.items) expect((await w.getCase(it.id)).place.gridId).toBe(YUYUAN_G1);

    const nov = data<{ items: { id: string; createdAt: string }[] }>(
      await w.admin(P.communityAdmin, 'listCases', { from: '2026-11-01', to: '2026-11-10', limit: 50 }),
    );
    const r = { from: startOfLocalDate('2026-11-01').toISOString(), to: startOfLocalDate('2026-11-11').toISOString() };
    expect(nov.items.length).toBe(Math.min(50, await w.store.countCases({ communityId: YUYUAN, createdFrom: r.from, createdTo: r.to })));
    expect(nov.items.every((c) => c.createdAt >= r.from && c.createdAt < r.to)).toBe(true);

    const late = data<{ items: { id: string; dueAt?: string }[] }>(await w.admin(P.streetAdmin, 'listCases', { overdue: true, limit: 50 }));
    expect(late.items.length).toBe(
      Math.min(50, await w.store.countCases({ streetId: 'shuangfu', statuses: [...OPEN_STATUSES], overdueAt: NOW.toISOString() })),
    );
    expect(late.items.every((c) => c.dueAt !== undefined && c.dueAt <= NOW.toISOString())).toBe(true);

    expect(outcome(await w.admin(P.communityAdmin, 'listCases', { cursor: 'not-a-cursor' }))).toBe('INPUT.INVALID');
    expect(outcome(await w.admin(P.communityAdmin, 'listCases', { limit: 51 }))).toBe('INPUT.INVALID');
  });

  it('listCases: a department sees only what was dispatched to it', async () => {
    const mine = await dispatchedToPolice();
    const list = data<{ items: { id: string }[] }>(await w.admin(P.department, 'listCases', { limit: 50 }));
    expect(list.items.map((c) => c.id)).toContain(mine.id);
    for (const it of list.items) expect((await w.getCase(it.id)).escalation?.departmentId).toBe('dept-police');
    const other = data<{ items: { id: string }[] }>(await w.admin(P.otherDepartment, 'listCases', { limit: 50 }));
    expect(other.items.map((c) => c.id)).not.toContain(mine.id);
  });

  it('getCase: the staff view with the phone and the private timeline', async () => {
    const c = await w.submit({ contactPhone: '13912345678', description: '3栋2单元501楼道灯坏了' });
    const d = data<{
      case: { id: string; contactPhone?: string; reporter: { name: string }; allowedActions: string[] };
      timeline: { action: string }[];
    }>(await w.admin(P.communityAdmin, 'getCase', { caseId: c.id }));
    expect(d.case.id).toBe(c.id);
    expect(d.case.contactPhone).toBe('13912345678');
    expect(d.case.allowedActions).toEqual(expect.arrayContaining(['assign', 'escalate', 'reject']));
    expect(d.timeline.map((e) => e.action)).toEqual(['submit', 'auto_assign']);
  });
});

// ——— case actions ———

describe('办件', () => {
  it('派单：待派单的诉求派给本社区成员后，成员能看到', async () => {
    const c = await pendingCase();
    expect(c.status).toBe('pending');
    const r = data<{ status: string; version: number }>(
      await w.admin(P.communityAdmin, 'assignCase', { caseId: c.id, memberId: GRID_WORKER_MEMBER, note: '请尽快处理' }),
    );
    expect(r).toMatchObject({ status: 'assigned', version: c.version + 1 });
    const held = await w.store.listCases({ holderOpenid: P.member, statuses: ['assigned'], limit: 200 });
    expect(held.items.map((x) => x.id)).toContain(c.id);
    const after = await w.getCase(c.id);
    expect(after.holder?.memberId).toBe(GRID_WORKER_MEMBER);
    // Staff see which member holds it (the assign panel marks them); the reporter does not.
    const staffView = data<{ case: { holder?: { memberId?: string } } }>(await w.admin(P.communityAdmin, 'getCase', { caseId: c.id }));
    expect(staffView.case.holder?.memberId).toBe(GRID_WORKER_MEMBER);
    const own = data<{ case: { holder?: Record<string, unknown> } }>(await w.resident(P.resident, 'getCase', { caseId: c.id }));
    expect(own.case.holder).toBeDefined();
    expect(own.case.holder).not.toHaveProperty('memberId');
  });

  it('停用成员：名下待受理的诉求改派本网格同角色成员，理由记入办理经过', async () => {
    const extra = data<{ id: string }>(
      await w.admin(P.communityAdmin, 'createMember', { gridId: YUYUAN_G1, role: 'building_steward', name: '临时物管员' }),
    );
    const held = [await w.submit(), await w.submit()];
    for (const c of held) await holdBy(c.id, extra.id);
    const off = data<{ rerouted: number; openCases: number }>(await w.admin(P.communityAdmin, 'deactivateMember', { memberId: extra.id }));
    expect(off).toMatchObject({ rerouted: 2, openCases: 0 });
    for (const c of held) {
      const after = await w.getCase(c.id);
      expect(after).toMatchObject({ status: 'assigned', holder: { memberId: 'sf-yuyuan-g1-building_steward' } });
      const notes = (await w.store.getTimeline(c.id)).map((e) => e.note ?? '');
      expect(notes[notes.length - 1]).toContain('原办理人已停用，改派本网格同角色成员');
    }
  });

  it('停用成员：同角色无人在岗转网格员；网格员也不在岗的留给管理员派单', async () => {
    const original = 'sf-yuyuan-g1-owners_committee';
    const extra = async (name: string) =>
      data<{ id: string }>(await w.admin(P.communityAdmin, 'createMember', { gridId: YUYUAN_G1, role: 'owners_committee', name })).id;
    const first = await extra('临时业委会甲');
    const toWorker = await w.submit({ categoryId: 'cat-08' });
    await holdBy(toWorker.id, first);
    data(await w.admin(P.communityAdmin, 'updateMember', { memberId: original, onDuty: false }));
    try {
      const firstOff = data<{ rerouted: number; openCases: number }>(
        await w.admin(P.communityAdmin, 'deactivateMember', { memberId: first }),
      );
      expect(firstOff).toMatchObject({ rerouted: 1, openCases: 0 });
      expect((await w.getCase(toWorker.id)).holder?.memberId).toBe(GRID_WORKER_MEMBER);
      const notes = (await w.store.getTimeline(toWorker.id)).map((e) => e.note ?? '');
      expect(notes[notes.length - 1]).toContain('暂无在岗的业委会成员，转由网格员办理');

      const second = await extra('临时业委会乙');
      const stays = await w.submit({ categoryId: 'cat-08' });
      await holdBy(stays.id, second);
      data(await w.admin(P.communityAdmin, 'updateMember', { memberId: GRID_WORKER_MEMBER, onDuty: false }));
      const before = await w.getCase(stays.id);
      const secondOff = data<{ rerouted: number; openCases: number }>(
        await w.admin(P.communityAdmin, 'deactivateMember', { memberId: second }),
      );
      expect(secondOff).toMatchObject({ rerouted: 0, openCases: 1 });
      expect(await w.getCase(stays.id)).toEqual(before);
    } finally {
      for (const m of [original, GRID_WORKER_MEMBER]) data(await w.admin(P.communityAdmin, 'updateMember', { memberId: m, onDuty: true }));
    }
  });

  it('派单：其他社区的成员、停用的成员不能派', async () => {
    const c = await pendingCase();
    expect(outcome(await w.admin(P.communityAdmin, 'assignCase', { caseId: c.id, memberId: 'sf-xinglong-g1-grid_worker' }))).toBe(
      'MEMBER.NOT_FOUND',
    );
    const m = await freshMember();
    data(await w.admin(P.communityAdmin, 'deactivateMember', { memberId: m }));
    expect(outcome(await w.admin(P.communityAdmin, 'assignCase', { caseId: c.id, memberId: m }))).toBe('CASE.NO_MEMBER');
    expect((await w.getCase(c.id)).version).toBe(c.version);
  });

  it('吹哨 → 部门报到派遣 → 部门报到 → 部门办结 → 居民评价', async () => {
    const c = await w.submit({ categoryId: 'cat-06', description: '楼上装修噪音太大，晚上十点还在施工' });
    const e = data<{ status: string }>(
      await w.admin(P.communityAdmin, 'escalateCase', { caseId: c.id, reason: '多次调解无果，需街道协调' }),
    );
    expect(e.status).toBe('escalated');
    expect((await w.getCase(c.id)).escalation?.level).toBe('street');
    // Only the street dispatches.
    expect(outcome(await w.admin(P.communityAdmin, 'dispatchDepartment', { caseId: c.id, departmentId: 'dept-justice' }))).toBe(
      'AUTH.FORBIDDEN',
    );
    expect(outcome(await w.admin(P.streetAdmin, 'dispatchDepartment', { caseId: c.id, departmentId: 'no-such-dept' }))).toBe(
      'INPUT.INVALID',
    );
    data(await w.admin(P.streetAdmin, 'dispatchDepartment', { caseId: c.id, departmentId: 'dept-justice', note: '请司法所到场调解' }));
    const dispatched = await w.getCase(c.id);
    expect(dispatched.escalation).toMatchObject({ level: 'department', departmentId: 'dept-justice' });
    expect(dispatched.deadlines.reportBy).toBeDefined();
    // Another department neither sees nor acts on it; resolving before 报到 is refused by the core.
    expect(outcome(await w.admin(P.department, 'getCase', { caseId: c.id }))).toBe('CASE.NOT_FOUND');
    expect(outcome(await w.admin(P.department, 'departmentReport', { caseId: c.id, note: '到场' }))).toBe('CASE.NOT_FOUND');
    expect(outcome(await w.admin(P.otherDepartment, 'resolveCase', { caseId: c.id, result: '已调解', photos: ['after-1.jpg'] }))).toBe(
      'CASE.INVALID_TRANSITION',
    );
    const seen = data<{ case: { allowedActions: string[] } }>(await w.admin(P.otherDepartment, 'getCase', { caseId: c.id }));
    expect(seen.case.allowedActions).toContain('department_report');
    data(await w.admin(P.otherDepartment, 'departmentReport', { caseId: c.id, note: '司法所已到场，正在调解', photos: ['report-1.jpg'] }));
    expect((await w.getCase(c.id)).escalation?.reportedAt).toBe(NOW.toISOString());
    const r = data<{ status: string; statusName: string }>(
      await w.admin(P.otherDepartment, 'resolveCase', { caseId: c.id, result: '双方达成调解协议，约定施工时间', photos: ['after-1.jpg'] }),
    );
    expect(r).toMatchObject({ status: 'resolved', statusName: '待评价' });
    const rated = await w.resident(P.resident, 'rateCase', { caseId: c.id, rating: 'satisfied' });
    expect(data<{ status: string }>(rated).status).toBe('closed');
    // The department still sees what it handled, and the rating, but can no longer act on it.
    const after = data<{ case: { status: string; allowedActions: string[]; rating?: { value: string } } }>(
      await w.admin(P.otherDepartment, 'getCase', { caseId: c.id }),
    );
    expect(after.case).toMatchObject({ status: 'closed', rating: { value: 'satisfied' }, allowedActions: [] });
    const listed = data<{ items: { id: string }[] }>(await w.admin(P.otherDepartment, 'listCases', { statuses: ['closed'] }));
    expect(listed.items.map((x) => x.id)).toContain(c.id);
    expect(outcome(await w.admin(P.department, 'getCase', { caseId: c.id }))).toBe('CASE.NOT_FOUND');
    const timeline = await w.store.getTimeline(c.id);
    expect(timeline.map((x) => x.action)).toEqual([
      'submit',
      'auto_assign',
      'escalate',
      'dispatch_department',
      'department_report',
      'resolve',
      'rate',
    ]);
  });

  it('设定等级、不予受理、督办、公开设置、照片审核', async () => {
    const a = await assignedCase();
    expect(data(await w.admin(P.communityAdmin, 'setSeverity', { caseId: a.id, severity: 'complex' }))).toMatchObject({
      status: 'assigned',
      version: a.version + 1,
    });
    expect((await w.getCase(a.id)).severity).toBe('complex');
    expect(outcome(await w.admin(P.communityAdmin, 'setSeverity', { caseId: a.id, severity: 'complex' }))).toBe('CASE.INVALID_TRANSITION');

    data(await w.admin(P.communityAdmin, 'superviseCase', { caseId: a.id, reason: '群众反映强烈，挂牌督办' }));
    expect((await w.getCase(a.id)).supervised).toBe(true);

    const b = await w.submit({ photos: ['before-1.jpg', 'before-2.jpg'] });
    data(await w.admin(P.communityAdmin, 'approvePhotos', { caseId: b.id, fileIds: ['before-1.jpg'], approved: true }));
    expect((await w.getCase(b.id)).photos.map((p) => p.approved)).toEqual([true, false]);
    data(await w.admin(P.communityAdmin, 'approvePhotos', { caseId: b.id, fileIds: 'all', approved: true }));
    expect((await w.getCase(b.id)).photos.every((p) => p.approved)).toBe(true);

    data(await w.admin(P.communityAdmin, 'setCasePublic', { caseId: b.id, isPublic: false }));
    expect((await w.getCase(b.id)).isPublic).toBe(false);

    const r = data<{ status: string }>(
      await w.admin(P.communityAdmin, 'rejectCase', { caseId: b.id, reason: '属于个人财产纠纷，请通过法律途径解决' }),
    );
    expect(r.status).toBe('rejected');
    expect((await w.getCase(b.id)).rejectReason).toContain('法律途径');
  });

  it('合并重复诉求：同社区才可合并，重复诉求的居民成为附议人', async () => {
    const target = await w.submit({ by: P.resident });
    const dup = await w.submit({ by: 'demo-resident-2' });
    const r = data<{ status: string; intoCaseId: string; targetSupportCount: number }>(
      await w.admin(P.communityAdmin, 'mergeCases', { caseId: dup.id, intoCaseId: target.id }),
    );
    expect(r).toMatchObject({ status: 'merged', intoCaseId: target.id, targetSupportCount: 1 });
    expect((await w.getCase(dup.id)).mergedInto).toBe(target.id);
    expect((await w.getCase(target.id)).supporters).toContain('demo-resident-2');

    const again = await w.submit();
    expect(outcome(await w.admin(P.communityAdmin, 'mergeCases', { caseId: again.id, intoCaseId: dup.id }))).toBe(
      'CASE.INVALID_TRANSITION',
    );
    expect(outcome(await w.admin(P.communityAdmin, 'mergeCases', { caseId: again.id, intoCaseId: again.id }))).toBe('CASE.MERGE_SELF');
    expect(outcome(await w.admin(P.communityAdmin, 'mergeCases', { caseId: again.id, intoCaseId: 'C-no-such' }))).toBe('CASE.NOT_FOUND');
    const elsewhere = await w.submit({ buildingId: 'sf-xinglong-g1-b1' });
    expect(outcome(await w.admin(P.streetAdmin, 'mergeCases', { caseId: again.id, intoCaseId: elsewhere.id }))).toBe(
      'CASE.INVALID_TRANSITION',
    );
    // Another community's case is not even there for a community admin.
    expect(outcome(await w.admin(P.communityAdmin, 'mergeCases', { caseId: again.id, intoCaseId: elsewhere.id }))).toBe('CASE.NOT_FOUND');
    expect((await w.getCase(again.id)).version).toBe(again.version);
  });
});

// ——— organisation ———

describe('组织架构', () => {
  it('listGrids: grids with buildings and the five members', async () => {
    const d = data<{
      items: {
        id: string;
        communityId: string;
        buildings: unknown[];
        members: { role: string; name: string; phone?: string }[];
        missingRoles: unknown[];
      }[];
    }>(await w.admin(P.communityAdmin, 'listGrids', {}));
    expect(d.items.every((g) => g.communityId === YUYUAN)).toBe(true);
    const g1 = d.items.find((g) => g.id === YUYUAN_G1)!;
    expect(g1.buildings.length).toBeGreaterThanOrEqual(4);
    expect(new Set(g1.members.map((m) => m.role))).toEqual(
      new Set(['party_leader', 'resident_leader', 'grid_worker', 'owners_committee', 'building_steward']),
    );
    expect(g1.missingRoles).toEqual([]);
    const street = data<{ items: { communityId: string }[] }>(await w.admin(P.streetAdmin, 'listGrids', {}));
    expect(new Set(street.items.map((g) => g.communityId))).toEqual(new Set(['sf-yuyuan', 'sf-xinglong', 'sf-taoyuan']));
  });

  it('网格：新建、修改、停用（停用连带楼栋），户数上限按城市 500 / 农村 300', async () => {
    const g = data<{ id: string; households: number; active: boolean }>(
      await w.admin(P.communityAdmin, 'createGrid', { communityId: YUYUAN, name: '第三网格', households: 480 }),
    );
    expect(g).toMatchObject({ households: 480, active: true });
    expect(await w.store.getRef('grids', g.id)).toMatchObject({ communityId: YUYUAN, name: '第三网格' });
    expect(outcome(await w.admin(P.communityAdmin, 'createGrid', { communityId: YUYUAN, name: '第三网格', households: 100 }))).toBe(
      'INPUT.INVALID',
    );
    data(await w.admin(P.communityAdmin, 'updateGrid', { gridId: g.id, name: '第三网格（调整）', households: 500 }));
    expect(await w.store.getRef('grids', g.id)).toMatchObject({ name: '第三网格（调整）', households: 500 });
    const b = data<{ id: string }>(await w.admin(P.communityAdmin, 'createBuilding', { gridId: g.id, name: '21栋' }));
    const places = data<{ communities: { grids: { id: string }[] }[] }>(await w.resident(P.resident, 'listPlaces'));
    expect(places.communities.flatMap((c) => c.grids.map((x) => x.id))).toContain(g.id);
    const off = data<{ buildingsDeactivated: number }>(await w.admin(P.communityAdmin, 'deactivateGrid', { gridId: g.id }));
    expect(off.buildingsDeactivated).toBe(1);
    expect(await w.store.getRef('grids', g.id)).toMatchObject({ active: false });
    expect(await w.store.getRef('buildings', b.id)).toMatchObject({ active: false });
    const placesAfter = data<{ communities: { grids: { id: string }[] }[] }>(await w.resident(P.resident, 'listPlaces'));
    expect(placesAfter.communities.flatMap((c) => c.grids.map((x) => x.id))).not.toContain(g.id);
  });

  it('楼栋：新建、改名、调整网格、停用', async () => {
    const b = data<{ id: string; gridId: string }>(await w.admin(P.communityAdmin, 'createBuilding', { gridId: YUYUAN_G1, name: '88栋' }));
    expect(b.gridId).toBe(YUYUAN_G1);
    data(await w.admin(P.communityAdmin, 'updateBuilding', { buildingId: b.id, name: '88号楼', gridId: 'sf-yuyuan-g2' }));
    expect(await w.store.getRef('buildings', b.id)).toMatchObject({ name: '88号楼', gridId: 'sf-yuyuan-g2' });
    expect(outcome(await w.admin(P.streetAdmin, 'updateBuilding', { buildingId: b.id, gridId: 'sf-xinglong-g1' }))).toBe('PLACE.INVALID');
    data(await w.admin(P.communityAdmin, 'deactivateBuilding', { buildingId: b.id }));
    expect(await w.store.getRef('buildings', b.id)).toMatchObject({ active: false });
  });

  it('成员：新建、修改、邀请码、停用并收回账号角色', async () => {
    const m = data<{ id: string; role: string; bound: boolean }>(
      await w.admin(P.communityAdmin, 'createMember', {
        gridId: YUYUAN_G1,
        role: 'owners_committee',
        name: '赵业委',
        phone: '13800001111',
      }),
    );
    expect(m).toMatchObject({ role: 'owners_committee', bound: false });
    data(await w.admin(P.communityAdmin, 'updateMember', { memberId: m.id, onDuty: false, name: '赵业委会' }));
    expect(await w.store.getRef('members', m.id)).toMatchObject({ onDuty: false, name: '赵业委会', phone: '13800001111' });

    const inv = data<{ code: string }>(await w.admin(P.communityAdmin, 'createInvite', { memberId: m.id }));
    expect(inv.code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/);
    expect(await w.store.getRef('invites', inv.code)).toMatchObject({ memberId: m.id, communityId: YUYUAN, createdBy: P.communityAdmin });
    const second = data<{ code: string }>(await w.admin(P.communityAdmin, 'createInvite', { memberId: m.id }));
    expect(second.code).not.toBe(inv.code);

    // As if the invite had been used: the account holds the member's role.
    await w.store.putRef('accounts', {
      id: 'it-bound-user',
      openid: 'it-bound-user',
      name: '赵业委会',
      roles: [{ role: 'owners_committee', streetId: 'shuangfu', communityId: YUYUAN, gridId: YUYUAN_G1, memberId: m.id }],
      createdAt: NOW.toISOString(),
    });
    await w.store.putRef('members', { ...(await w.store.getRef('members', m.id))!, openid: 'it-bound-user' });
    const off = data<{ rolesRemoved: number }>(await w.admin(P.communityAdmin, 'deactivateMember', { memberId: m.id }));
    expect(off.rolesRemoved).toBe(1);
    expect((await w.store.getRef('accounts', 'it-bound-user'))!.roles).toEqual([]);
    expect(await w.store.getRef('members', m.id)).toMatchObject({ active: false });
    expect(outcome(await w.admin(P.communityAdmin, 'createInvite', { memberId: m.id }))).toBe('MEMBER.NOT_FOUND');
  });

  it('listMembers and listDepartments', async () => {
    const all = data<{ items: { communityId: string; gridId: string }[] }>(await w.admin(P.communityAdmin, 'listMembers', {}));
    expect(all.items.length).toBeGreaterThanOrEqual(10);
    expect(all.items.every((m) => m.communityId === YUYUAN)).toBe(true);
    const g1 = data<{ items: { gridId: string }[] }>(await w.admin(P.communityAdmin, 'listMembers', { gridId: YUYUAN_G1 }));
    expect(g1.items.every((m) => m.gridId === YUYUAN_G1)).toBe(true);
    const depts = data<{ items: { id: string; name: string }[] }>(await w.admin(P.communityAdmin, 'listDepartments', {}));
    expect(depts.items.map((d) => d.id).sort()).toEqual(['dept-housing', 'dept-justice', 'dept-market', 'dept-police']);
  });
});

// ——— configuration ———

describe('配置', () => {
  it('类别：街道新建、修改、停用；列表含停用类别；居民端只见在用类别', async () => {
    const c = data<{ id: string; order: number }>(
      await w.admin(P.streetAdmin, 'createCategory', {
        name: '文明养犬',
        role: 'grid_worker',
        kind: 'demand',
        defaultPublic: true,
        icon: '🐕',
      }),
    );
    data(
      await w.admin(P.streetAdmin, 'updateCategory', { categoryId: c.id, role: 'resident_leader', kind: 'dispute', defaultPublic: false }),
    );
    expect(await w.store.getRef('categories', c.id)).toMatchObject({
      role: 'resident_leader',
      kind: 'dispute',
      defaultPublic: false,
      active: true,
    });
    data(await w.admin(P.streetAdmin, 'deactivateCategory', { categoryId: c.id }));
    const list = data<{ items: { id: string; active: boolean }[] }>(await w.admin(P.communityAdmin, 'listCategories', {}));
    expect(list.items.find((x) => x.id === c.id)).toMatchObject({ active: false });
    const forResidents = data<{ items: { id: string }[] }>(await w.resident(P.resident, 'listCategories'));
    expect(forResidents.items.map((x) => x.id)).not.toContain(c.id);
    expect(outcome(await w.admin(P.streetAdmin, 'updateCategory', { categoryId: 'cat-no-such', name: '无' }))).toBe('CATEGORY.NOT_FOUND');
  });

  it('时限方案：预置两种加自定义；保存自定义方案并给社区选用', async () => {
    const before = data<{ items: { id: string; preset: boolean }[] }>(await w.admin(P.communityAdmin, 'listPolicies', {}));
    expect(before.items.filter((p) => p.preset).map((p) => p.id)).toEqual(['three-day', '5341']);
    const saved = data<{ id: string; communityId: string }>(await w.admin(P.communityAdmin, 'savePolicy', { policy: customPolicy() }));
    expect(saved.communityId).toBe(YUYUAN);
    data(await w.admin(P.communityAdmin, 'savePolicy', { policy: customPolicy({ id: saved.id, name: '社区自定义方案（修订）' }) }));
    expect(await w.store.getRef('policies', saved.id)).toMatchObject({ name: '社区自定义方案（修订）', communityId: YUYUAN });
    expect(outcome(await w.admin(P.communityAdmin, 'savePolicy', { policy: customPolicy({ id: 'three-day' }) }))).toBe('POLICY.INVALID');
    // Another community neither sees nor picks it.
    const other = data<{ items: { id: string }[] }>(await w.admin(P.otherCommunityAdmin, 'listPolicies', {}));
    expect(other.items.map((p) => p.id)).not.toContain(saved.id);
    expect(outcome(await w.admin(P.streetAdmin, 'setCommunityPolicy', { communityId: 'sf-xinglong', policyId: saved.id }))).toBe(
      'POLICY.INVALID',
    );

    data(await w.admin(P.communityAdmin, 'setCommunityPolicy', { communityId: YUYUAN, policyId: saved.id }));
    expect(await w.store.getRef('communities', YUYUAN)).toMatchObject({ policyId: saved.id });
    // New reports run on it: 2 hours to accept.
    const c = await w.submit();
    expect(c.deadlines.respondBy).toBe(new Date(NOW.getTime() + 2 * 3_600_000).toISOString());
    data(await w.admin(P.communityAdmin, 'setCommunityPolicy', { communityId: YUYUAN, policyId: 'three-day' }));
  });

  it('节假日、消息模板、考核权重', async () => {
    data(await w.admin(P.streetAdmin, 'setHoliday', { date: '2027-10-09', workday: true, note: '国庆调休上班' }));
    const h = data<{ items: { date: string; workday: boolean }[]; knownUntilYear: number }>(
      await w.admin(P.communityAdmin, 'listHolidays', {}),
    );
    expect(h.items).toContainEqual(expect.objectContaining({ date: '2027-10-09', workday: true }));
    expect(h.knownUntilYear).toBeGreaterThanOrEqual(2025);
    expect(outcome(await w.admin(P.streetAdmin, 'setHoliday', { date: '2027-02-30', workday: true, note: '' }))).toBe('INPUT.INVALID');

    const templates = {
      task_new: { templateId: 'TPL_task_new_01', fields: { thing1: 'title', character_string2: 'caseId', time3: 'time' } },
    };
    data(await w.admin(P.streetAdmin, 'setTemplates', { templates }));
    expect(data<{ templates: unknown }>(await w.admin(P.communityAdmin, 'getTemplates', {})).templates).toEqual(templates);
    expect(outcome(await w.admin(P.streetAdmin, 'setTemplates', { templates: { not_a_kind: templates.task_new } }))).toBe('INPUT.INVALID');

    expect(outcome(await w.admin(P.streetAdmin, 'setWeights', { weights: { response: 0, onTime: 0, satisfaction: 0 } }))).toBe(
      'INPUT.INVALID',
    );
    data(await w.admin(P.streetAdmin, 'setWeights', { weights: { response: 30, onTime: 35, satisfaction: 35 } }));
  });
});

// ——— a community's own role per category ———

describe('社区为本社区改设类别的派单角色', () => {
  const REPAIR = 'cat-01'; // 设施维修, by default to the building steward
  const XINGLONG = 'sf-xinglong';
  const XINGLONG_BUILDING = 'sf-xinglong-g1-b1';
  type Override = { communityId: string; communityName: string; role: string; roleName: string };
  type AdminCategory = { id: string; role: string; roleName: string; overrides: Override[] };
  type PublicCategory = { id: string; role: string; roleName: string; roleByCommunity: Record<string, { role: string; roleName: string }> };

  const communities = () => w.store.listRef('communities');
  const setRole = (who: string, params: Record<string, unknown>) => w.admin(who, 'setCategoryRole', params);
  const autoAssignNote = async (caseId: string) => (await w.store.getTimeline(caseId)).find((e) => e.action === 'auto_assign')?.note;
  const adminCategories = async (who: string) => data<{ items: AdminCategory[] }>(await w.admin(who, 'listCategories', {})).items;
  const publicCategories = async () => data<{ items: PublicCategory[] }>(await w.resident(P.resident, 'listCategories')).items;

  afterEach(async () => {
    // Every community back to the street's defaults, so the other tests route as they expect.
    for (const c of await communities()) {
      const { categoryRoles: _r, ...rest } = c;
      await w.store.putRef('communities', rest);
    }
    invalidateDirectory(w.store);
  });

  it('社区书记为本社区改设后，本社区的新诉求派给改设的角色，其他社区仍按默认', async () => {
    const set = data(await setRole(P.communityAdmin, { communityId: YUYUAN, categoryId: REPAIR, role: 'owners_committee' }));
    expect(set).toEqual({ communityId: YUYUAN, categoryId: REPAIR, role: 'owners_committee', roleName: '业委会成员', overridden: true });
    expect((await w.store.getRef('communities', YUYUAN))?.categoryRoles).toEqual({ [REPAIR]: 'owners_committee' });

    const here = await w.submit({ categoryId: REPAIR });
    expect(here.holder?.role).toBe('owners_committee');
    expect(here.holder?.memberId).toBe(`${YUYUAN_G1}-owners_committee`);
    expect(await autoAssignNote(here.id)).toMatch(/^按类别「设施维修」派给业委会成员 /);

    const elsewhere = await w.submit({ categoryId: REPAIR, buildingId: XINGLONG_BUILDING });
    expect(elsewhere.holder?.role).toBe('building_steward');
    expect(await autoAssignNote(elsewhere.id)).toMatch(/^按类别「设施维修」派给楼栋物管员 /);

    // A member's patrol report in the community goes the same way.
    const patrol = await member.handle(
      {
        action: 'reportPatrolCase',
        requestId: `admin-it-patrol-${Math.random().toString(36).slice(2, 10)}`,
        categoryId: REPAIR,
        buildingId: 'sf-yuyuan-g1-b2',
        description: '巡查发现楼道灯不亮',
      },
      P.member,
      w.deps,
    );
    const patrolCase = await w.getCase(data<{ caseId: string }>(patrol).caseId);
    expect(patrolCase.holder?.role).toBe('owners_committee');
    expect(await autoAssignNote(patrolCase.id)).toMatch(/^按类别「设施维修」派给业委会成员 /);
  });

  it('选回默认角色、或传 null，都清除改设', async () => {
    data(await setRole(P.communityAdmin, { communityId: YUYUAN, categoryId: REPAIR, role: 'party_leader' }));
    const cleared = data(await setRole(P.communityAdmin, { communityId: YUYUAN, categoryId: REPAIR, role: null }));
    expect(cleared).toEqual({
      communityId: YUYUAN,
      categoryId: REPAIR,
      role: 'building_steward',
      roleName: '楼栋物管员',
      overridden: false,
    });
    expect(await w.store.getRef('communities', YUYUAN)).not.toHaveProperty('categoryRoles');
    expect((await w.submit({ categoryId: REPAIR })).holder?.role).toBe('building_steward');

    // Two overrides; choosing the default for one keeps the other.
    data(await setRole(P.communityAdmin, { communityId: YUYUAN, categoryId: REPAIR, role: 'party_leader' }));
    data(await setRole(P.communityAdmin, { communityId: YUYUAN, categoryId: 'cat-04', role: 'building_steward' }));
    const same = data(await setRole(P.communityAdmin, { communityId: YUYUAN, categoryId: REPAIR, role: 'building_steward' }));
    expect(same).toMatchObject({ role: 'building_steward', overridden: false });
    expect((await w.store.getRef('communities', YUYUAN))?.categoryRoles).toEqual({ 'cat-04': 'building_steward' });
    // Clearing what is not set is fine and changes nothing.
    const before = await communities();
    data(await setRole(P.communityAdmin, { communityId: YUYUAN, categoryId: REPAIR, role: null }));
    expect(await communities()).toEqual(before);
  });

  it('只能改设本社区（街道）的；未知或停用的类别、错误的角色都被拒绝，且不改变任何数据', async () => {
    data(await setRole(P.communityAdmin, { communityId: YUYUAN, categoryId: REPAIR, role: 'party_leader' }));
    const before = await communities();
    const refused = await setRole(P.otherCommunityAdmin, { communityId: YUYUAN, categoryId: REPAIR, role: 'grid_worker' });
    expect(outcome(refused)).toBe('AUTH.FORBIDDEN');
    expect(!refused.ok && refused.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(outcome(await setRole(P.communityAdmin, { communityId: XINGLONG, categoryId: REPAIR, role: 'grid_worker' }))).toBe(
      'AUTH.FORBIDDEN',
    );
    expect(outcome(await setRole(P.department, { communityId: YUYUAN, categoryId: REPAIR, role: null }))).toBe('AUTH.FORBIDDEN');
    expect(outcome(await setRole(P.member, { communityId: YUYUAN, categoryId: REPAIR, role: null }))).toBe('AUTH.FORBIDDEN');
    expect(outcome(await setRole(P.communityAdmin, { communityId: 'no-such-community', categoryId: REPAIR, role: null }))).toBe(
      'PLACE.NOT_FOUND',
    );

    const unknown = await setRole(P.communityAdmin, { communityId: YUYUAN, categoryId: 'cat-no-such', role: 'grid_worker' });
    expect(outcome(unknown)).toBe('CATEGORY.NOT_FOUND');
    expect(!unknown.ok && unknown.error.message).toBe('类别不存在');
    const retired = data<{ id: string }>(
      await w.admin(P.streetAdmin, 'createCategory', { name: '临时类别', role: 'grid_worker', kind: 'demand', defaultPublic: true }),
    );
    data(await setRole(P.communityAdmin, { communityId: YUYUAN, categoryId: retired.id, role: 'party_leader' }));
    data(await w.admin(P.streetAdmin, 'deactivateCategory', { categoryId: retired.id }));
    expect(outcome(await setRole(P.communityAdmin, { communityId: YUYUAN, categoryId: retired.id, role: 'resident_leader' }))).toBe(
      'CATEGORY.NOT_FOUND',
    );
    // The override left on the stopped category can still be cleared.
    expect(
      data<{ overridden: boolean }>(await setRole(P.communityAdmin, { communityId: YUYUAN, categoryId: retired.id, role: null })),
    ).toMatchObject({
      overridden: false,
    });

    for (const bad of [
      { communityId: YUYUAN, categoryId: REPAIR, role: 'mayor' },
      { communityId: YUYUAN, categoryId: REPAIR, role: 'community_admin' },
      { communityId: YUYUAN, categoryId: REPAIR, role: '' },
      { communityId: YUYUAN, categoryId: REPAIR },
      { communityId: YUYUAN, role: 'grid_worker' },
      { categoryId: REPAIR, role: 'grid_worker' },
      { communityId: YUYUAN, categoryId: REPAIR, role: 'grid_worker', extra: true },
    ])
      expect(outcome(await setRole(P.communityAdmin, bad))).toBe('INPUT.INVALID');
    expect(await communities()).toEqual(before);
    // Routing is as it was.
    expect((await w.submit({ categoryId: REPAIR })).holder?.role).toBe('party_leader');
  });

  it('街道可为本街道任一社区改设；类别列表只显示管辖范围内的改设，按社区名排序', async () => {
    data(await setRole(P.communityAdmin, { communityId: YUYUAN, categoryId: REPAIR, role: 'owners_committee' }));
    data(await setRole(P.streetAdmin, { communityId: XINGLONG, categoryId: REPAIR, role: 'grid_worker' }));
    data(await setRole(P.streetAdmin, { communityId: 'sf-taoyuan', categoryId: REPAIR, role: 'resident_leader' }));
    expect((await w.store.getRef('communities', XINGLONG))?.categoryRoles).toEqual({ [REPAIR]: 'grid_worker' });

    const mine = (await adminCategories(P.communityAdmin)).find((c) => c.id === REPAIR)!;
    expect(mine).toMatchObject({ role: 'building_steward', roleName: '楼栋物管员' });
    expect(mine.overrides).toEqual([{ communityId: YUYUAN, communityName: '渝园社区', role: 'owners_committee', roleName: '业委会成员' }]);
    const theirs = (await adminCategories(P.otherCommunityAdmin)).find((c) => c.id === REPAIR)!;
    expect(theirs.overrides).toEqual([{ communityId: XINGLONG, communityName: '兴隆社区', role: 'grid_worker', roleName: '网格员' }]);

    const street = await adminCategories(P.streetAdmin);
    const names = ['渝园社区', '兴隆社区', '桃源村社区'].sort((a, b) => a.localeCompare(b, 'zh'));
    expect(street.find((c) => c.id === REPAIR)!.overrides.map((o) => o.communityName)).toEqual(names);
    for (const c of street.filter((x) => x.id !== REPAIR)) expect(c.overrides).toEqual([]);
  });

  it('居民端类别列表给出各社区的改设（roleByCommunity），没有改设时为空对象', async () => {
    for (const c of await publicCategories()) expect(c.roleByCommunity).toEqual({});
    data(await setRole(P.communityAdmin, { communityId: YUYUAN, categoryId: REPAIR, role: 'owners_committee' }));
    const items = await publicCategories();
    const repair = items.find((c) => c.id === REPAIR)!;
    expect(repair).toMatchObject({ role: 'building_steward', roleName: '楼栋物管员' });
    expect(repair.roleByCommunity).toEqual({ [YUYUAN]: { role: 'owners_committee', roleName: '业委会成员' } });
    for (const c of items.filter((x) => x.id !== REPAIR)) expect(c.roleByCommunity).toEqual({});
    // Anyone may read it, signed in or not, as the rest of the list.
    const anonymous = data<{ items: PublicCategory[] }>(await resident.handle({ action: 'listCategories' }, undefined, w.deps));
    expect(anonymous.items.find((c) => c.id === REPAIR)?.roleByCommunity).toEqual(repair.roleByCommunity);
  });

  it('改设社区的时限方案不会丢失改设', async () => {
    data(await setRole(P.communityAdmin, { communityId: YUYUAN, categoryId: REPAIR, role: 'owners_committee' }));
    data(await w.admin(P.communityAdmin, 'setCommunityPolicy', { communityId: YUYUAN, policyId: '5341' }));
    data(await w.admin(P.communityAdmin, 'setCommunityPolicy', { communityId: YUYUAN, policyId: 'three-day' }));
    expect(await w.store.getRef('communities', YUYUAN)).toMatchObject({
      policyId: 'three-day',
      categoryRoles: { [REPAIR]: 'owners_committee' },
    });
  });
});

// ——— assessment, ledgers, reports ———

async function casesOf(communityId: string, period: string): Promise<Case[]> {
  const r = periodRange(period);
  return (await w.store.listCases({ communityId, createdFrom: r.from, createdTo: r.to, limit: 1000 })).items;
}

describe('考核、台账、周报', () => {
  it('stats: 停用的成员仍为其名下的诉求计入统计，按网格、角色、姓名标注（已停用）', async () => {
    const id = data<{ id: string }>(
      await w.admin(P.communityAdmin, 'createMember', { gridId: YUYUAN_G1, role: 'party_leader', name: '临时党小组长' }),
    ).id;
    const c = await w.submit({ categoryId: 'cat-10', description: '独居老人家里断水两天了' });
    await holdBy(c.id, id);
    // Whistled up to the street, the case stays with its holder when the holder is stopped.
    data(await w.admin(P.communityAdmin, 'escalateCase', { caseId: c.id, reason: '涉及供水公司，需街道协调' }));
    data(await w.admin(P.communityAdmin, 'deactivateMember', { memberId: id }));
    const byMember = data<{ units: { id: string; name: string }[] }>(
      await w.admin(P.communityAdmin, 'stats', { period: '2026-11', groupBy: 'member', gridId: YUYUAN_G1 }),
    );
    expect(byMember.units.find((u) => u.id === id)?.name).toBe('第一网格 党小组长 临时党小组长（已停用）');
  });

  it('stats: 按网格、成员、社区统计，排名与表扬批评，80%满意率判定', async () => {
    const byGrid = data<{
      units: { id: string; metrics: { received: number }; flag: { flagged: boolean; label: string } }[];
      total: { metrics: { received: number } };
      praise: unknown[];
      criticism: unknown[];
      flagApplies: boolean;
    }>(await w.admin(P.communityAdmin, 'stats', { period: '2026-11', groupBy: 'grid' }));
    const cases = await casesOf(YUYUAN, '2026-11');
    expect(byGrid.total.metrics.received).toBe(tallyCases(cases).received);
    const ids = byGrid.units.map((u) => u.id);
    expect(ids).toEqual(expect.arrayContaining([YUYUAN_G1, 'sf-yuyuan-g2']));
    expect(byGrid.units.reduce((s, u) => s + u.metrics.received, 0)).toBe(byGrid.total.metrics.received);
    expect(byGrid.flagApplies).toBe(false);
    for (const u of byGrid.units) expect(u.flag.label).toMatch(/满意率|无评价/);

    const byMember = data<{ units: { id: string; name: string }[] }>(
      await w.admin(P.communityAdmin, 'stats', { period: '2026-Q4', groupBy: 'member', gridId: YUYUAN_G1 }),
    );
    expect(byMember.units.map((u) => u.id)).toContain(GRID_WORKER_MEMBER);

    const street = data<{ units: { id: string }[]; praise: { id: string }[]; criticism: { id: string }[]; flagApplies: boolean }>(
      await w.admin(P.streetAdmin, 'stats', { period: '2026-Q4', groupBy: 'community' }),
    );
    expect(street.units.map((u) => u.id).sort()).toEqual(['sf-taoyuan', 'sf-xinglong', 'sf-yuyuan']);
    expect(street.flagApplies).toBe(true);
    expect(street.praise.length + street.criticism.length).toBeGreaterThan(0);
    expect(outcome(await w.admin(P.communityAdmin, 'stats', { period: '2026-13', groupBy: 'grid' }))).toBe('INPUT.INVALID');
  });

  async function readSheet(url: string): Promise<{ title: string; header: string[]; rows: string[][] }> {
    const wb = new ExcelJS.Workbook();
    const bytes = readFileSync(w.exports.get(url)!);
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const cell = (v: ExcelJS.CellValue): string => (v === null || v === undefined ? '' : String(v));
    const all: string[][] = [];
    ws.eachRow((row) => all.push((row.values as ExcelJS.CellValue[]).slice(1).map(cell)));
    return { title: all[0]![0]!, header: all[1]!, rows: all.slice(2) };
  }

  it('exportLedger cases: 诉求台账 rows match the month’s cases, with phones and without ID numbers', async () => {
    const secret = await w.submit({
      description: '帮我办社保认证，身份证号510102199001011234，电话13911112222',
      contactPhone: '13911112222',
      categoryId: 'cat-05',
    });
    const r = data<{ url: string; rowCount: number; fileName: string }>(
      await w.admin(P.communityAdmin, 'exportLedger', { kind: 'cases', period: '2026-11' }),
    );
    expect(r.fileName).toBe('渝园社区_诉求台账_2026年11月.xlsx');
    const cases = await casesOf(YUYUAN, '2026-11');
    expect(r.rowCount).toBe(cases.length);
    const sheet = await readSheet(r.url);
    expect(sheet.title).toContain('渝园社区');
    expect(sheet.header).toEqual(expect.arrayContaining(['编号', '社区', '网格', '类别', '问题描述', '办理状态', '联系电话']));
    expect(sheet.rows).toHaveLength(cases.length);
    const col = (name: string) => sheet.header.indexOf(name);
    // 编号 is the number people say (2611-0042), one per case.
    const byNo = new Map(cases.map((c) => [c.no, c]));
    expect(byNo.size).toBe(cases.length);
    for (const row of sheet.rows) {
      expect(row[col('编号')]).toMatch(/^2611-\d{4}$/);
      const c = byNo.get(row[col('编号')]!)!;
      expect(c).toBeDefined();
      expect(row[col('社区')]).toBe('渝园社区');
      expect(row[col('类别')]).toBe(c.categoryName);
      expect(row[col('联系电话')]).toBe(c.contactPhone ?? '—');
    }
    const mine = sheet.rows.find((row) => row[col('编号')] === secret.no)!;
    expect(mine[col('问题描述')]).toContain('社保认证');
    for (const row of [sheet.title, ...sheet.header, ...sheet.rows.flat()]) expect(String(row)).not.toContain('510102199001011234');
  });

  it('exportLedger disputes / hazards / assessment', async () => {
    const d = data<{ url: string; rowCount: number }>(await w.admin(P.streetAdmin, 'exportLedger', { kind: 'disputes' }));
    const all = (await w.store.listCases({ streetId: 'shuangfu', limit: 1000 })).items;
    const disputes = all.filter((c) => c.kind === 'dispute' && c.status !== 'merged');
    expect(d.rowCount).toBe(disputes.length);
    const ds = await readSheet(d.url);
    expect(ds.header).toEqual(expect.arrayContaining(['预警等级', '下次回访日期', '回访提醒']));
    const color = ds.header.indexOf('预警等级');
    expect(new Set(ds.rows.map((row) => row[color])).size).toBeGreaterThan(0);
    for (const row of ds.rows) expect(['红色', '黄色', '绿色']).toContain(row[color]);
    expect(ds.header).not.toContain('联系电话');

    const h = data<{ url: string; rowCount: number }>(
      await w.admin(P.communityAdmin, 'exportLedger', { kind: 'hazards', communityId: YUYUAN }),
    );
    const hazards = all.filter((c) => c.kind === 'hazard' && c.status !== 'merged' && c.place.communityId === YUYUAN);
    expect(h.rowCount).toBe(hazards.length);
    const hs = await readSheet(h.url);
    const hc = hs.header.indexOf('隐患等级');
    for (const row of hs.rows) expect(['红色', '橙色', '蓝色', '未分级']).toContain(row[hc]);

    const a = data<{ url: string; rowCount: number }>(
      await w.admin(P.streetAdmin, 'exportLedger', { kind: 'assessment', period: '2026-Q4', groupBy: 'community' }),
    );
    expect(a.rowCount).toBe(3);
    const as = await readSheet(a.url);
    expect(as.header).toEqual(expect.arrayContaining(['单位', '响应率', '满意率', '综合得分', '通报', '满意率判定']));
    expect(as.rows.map((row) => row[as.header.indexOf('单位')]).sort()).toEqual(['兴隆社区', '桃源村社区', '渝园社区'].sort());
  });

  describe('台账登记（recordLedger）并读回导出的台账', () => {
    const DISPUTE = 'cat-06';
    const HAZARD = 'cat-04';
    const TODAY = '2026-11-23';
    type Detail = { case: { ledger?: Record<string, unknown>; allowedActions: string[] }; timeline: { action: string; note?: string }[] };
    const record = (who: string, caseId: string, entry: Record<string, unknown>) => w.admin(who, 'recordLedger', { caseId, entry });
    const detail = async (caseId: string) => data<Detail>(await w.admin(P.communityAdmin, 'getCase', { caseId }));
    /** Refused with this code and message, and the case unchanged. */
    async function refused(who: string, caseId: string, entry: Record<string, unknown>, code: string, message?: string | RegExp) {
      const before = await w.getCase(caseId);
      const r = await record(who, caseId, entry);
      expect(outcome(r)).toBe(code);
      if (!r.ok) expect(r.error.message).toMatch(message ?? /[\u4e00-\u9fa5]/);
      expect(await w.getCase(caseId)).toEqual(before);
    }
    async function exportRows(kind: 'disputes' | 'hazards'): Promise<Map<string, Record<string, string>>> {
      const d = data<{ url: string }>(await w.admin(P.communityAdmin, 'exportLedger', { kind, communityId: YUYUAN }));
      const sheet = await readSheet(d.url);
      return new Map(sheet.rows.map((row) => [row[0]!, Object.fromEntries(sheet.header.map((h, i) => [h, row[i]!]))]));
    }

    it('隐患：红色（30人以上且不能当日整改）、橙色、蓝色，写进隐患台账', async () => {
      const red = await w.submit({ categoryId: HAZARD, description: '棋牌室灭火器过期，楼道堆放杂物' });
      const orange = await w.submit({ categoryId: HAZARD, description: '小卖部电线私拉乱接' });
      const blue = await w.submit({ categoryId: HAZARD, description: '楼道电动车充电' });
      const untouched = await w.submit({ categoryId: HAZARD, description: '消防栓被杂物挡住' });
      expect(data(await record(P.communityAdmin, red.id, { kind: 'hazard', venueCapacity: 40, fixableToday: false }))).toMatchObject({
        caseId: red.id,
        status: 'assigned',
        version: red.version + 1,
      });
      data(await record(P.streetAdmin, orange.id, { kind: 'hazard', venueCapacity: 12, fixableToday: false }));
      data(await record(P.communityAdmin, blue.id, { kind: 'hazard', venueCapacity: 300, fixableToday: true }));

      const d = await detail(red.id);
      expect(d.case.ledger).toMatchObject({ kind: 'hazard', color: 'red', colorName: '红色', venueCapacity: 40, fixableToday: false });
      expect(d.case.allowedActions).toContain('ledger');
      expect(d.timeline.at(-1)).toMatchObject({ action: 'ledger', note: '隐患台账：场所约40人，不能当日整改，标为红色' });
      expect((await detail(untouched.id)).case.ledger).toEqual({ kind: 'hazard', colorName: '未分级' });

      const rows = await exportRows('hazards');
      expect(rows.get(red.no!)).toMatchObject({ 隐患等级: '红色', 场所容纳人数: '40', 能否当日整改: '否' });
      expect(rows.get(orange.no!)).toMatchObject({ 隐患等级: '橙色', 场所容纳人数: '12', 能否当日整改: '否' });
      expect(rows.get(blue.no!)).toMatchObject({ 隐患等级: '蓝色', 场所容纳人数: '300', 能否当日整改: '能' });
      expect(rows.get(untouched.no!)).toMatchObject({ 隐患等级: '未分级', 场所容纳人数: '—', 能否当日整改: '—' });
    });

    it('纠纷：标红进台账；登记化解变绿；回访后上次回访日期为今天、未到回访时间', async () => {
      const quarrel = await w.submit({ categoryId: DISPUTE, isPublic: false, description: '两户因占用楼道多次争吵，扬言动手' });
      data(await record(P.communityAdmin, quarrel.id, { kind: 'dispute_risk', color: 'red' }));
      expect((await detail(quarrel.id)).case.ledger).toMatchObject({ kind: 'dispute', color: 'red', risk: 'red', followUpDue: false });
      expect((await exportRows('disputes')).get(quarrel.no!)).toMatchObject({
        预警等级: '红色',
        矛盾类型: '一般',
        化解日期: '—',
        回访提醒: '未化解，暂不回访',
      });

      data(await record(P.communityAdmin, quarrel.id, { kind: 'settled' }));
      expect((await exportRows('disputes')).get(quarrel.no!)).toMatchObject({
        预警等级: '绿色',
        化解日期: TODAY,
        上次回访日期: '—',
        下次回访日期: '2026-12-23',
        回访提醒: '未到回访时间',
      });

      data(await record(P.streetAdmin, quarrel.id, { kind: 'follow_up', note: '上门回访，两户已和好' }));
      expect((await exportRows('disputes')).get(quarrel.no!)).toMatchObject({
        预警等级: '绿色',
        化解日期: TODAY,
        上次回访日期: TODAY,
        下次回访日期: '2026-12-23',
        回访提醒: '未到回访时间',
      });
      const d = await detail(quarrel.id);
      expect(d.case.ledger).toMatchObject({
        color: 'green',
        settledRecorded: true,
        settledAt: NOW.toISOString(),
        lastFollowUpAt: NOW.toISOString(),
        nextFollowUpAt: '2026-12-22T16:00:00.000Z',
        followUpDue: false,
      });
      expect(d.timeline.filter((e) => e.action === 'ledger').map((e) => e.note)).toEqual([
        '纠纷台账：标为红色（可能激化）',
        '纠纷台账：矛盾已化解',
        '回访：上门回访，两户已和好',
      ]);
      // The case itself goes on: settling the quarrel is not closing it.
      expect((await w.getCase(quarrel.id)).status).toBe('assigned');

      // The reporter sees neither the ledger nor its lines.
      const mine = data<Detail>(await w.resident(P.resident, 'getCase', { caseId: quarrel.id }));
      expect(mine.case.ledger).toBeUndefined();
      expect(mine.timeline.map((e) => e.action)).not.toContain('ledger');
    });

    it('每种拒绝：稳定的错误码和中文说明，案件不变', async () => {
      const quarrel = await w.submit({ categoryId: DISPUTE, isPublic: false, description: '邻居养狗扰民' });
      const hazard = await w.submit({ categoryId: HAZARD, description: '楼顶堆放易燃物' });
      const repair = await assignedCase();
      const red = { kind: 'dispute_risk', color: 'red' };
      const facts = { kind: 'hazard', venueCapacity: 50, fixableToday: false };

      await refused(P.communityAdmin, quarrel.id, facts, 'LEDGER.WRONG_KIND', '只有安全隐患类诉求才登记隐患台账');
      await refused(P.communityAdmin, hazard.id, red, 'LEDGER.WRONG_KIND', '只有矛盾纠纷类诉求才登记纠纷台账');
      await refused(P.communityAdmin, repair.id, { kind: 'settled' }, 'LEDGER.WRONG_KIND', '只有矛盾纠纷类诉求才登记纠纷台账');
      await refused(
        P.communityAdmin,
        quarrel.id,
        { kind: 'follow_up', note: '电话回访' },
        'LEDGER.NOT_SETTLED',
        '矛盾尚未化解，化解后才登记回访',
      );
      data(await record(P.communityAdmin, quarrel.id, red));
      await refused(P.communityAdmin, quarrel.id, red, 'LEDGER.UNCHANGED', '已标为红色（可能激化）');
      data(await record(P.communityAdmin, hazard.id, facts));
      await refused(P.communityAdmin, hazard.id, facts, 'LEDGER.UNCHANGED', '隐患台账信息未变化');
      data(await record(P.communityAdmin, quarrel.id, { kind: 'settled' }));
      await refused(P.communityAdmin, quarrel.id, { kind: 'settled' }, 'LEDGER.SETTLED', '已登记化解');
      await refused(
        P.communityAdmin,
        quarrel.id,
        { kind: 'dispute_risk', color: 'yellow' },
        'LEDGER.SETTLED',
        '矛盾已化解，不再调整风险等级',
      );

      // Input the edge refuses before anything is read.
      await refused(P.communityAdmin, quarrel.id, { kind: 'follow_up', note: '   ' }, 'INPUT.INVALID', '「回访情况」不能为空');
      await refused(P.communityAdmin, quarrel.id, { kind: 'follow_up', note: '访'.repeat(201) }, 'INPUT.INVALID', /回访情况.*过长/);
      await refused(P.communityAdmin, hazard.id, { ...facts, venueCapacity: 100_001 }, 'INPUT.INVALID', '「场所容纳人数」过大');
      await refused(P.communityAdmin, hazard.id, { ...facts, venueCapacity: '50' }, 'INPUT.INVALID', '「场所容纳人数」类型不正确');
      await refused(P.communityAdmin, quarrel.id, { kind: 'dispute_risk', color: 'green' }, 'INPUT.INVALID', '「风险等级」的取值无效');
      await refused(P.communityAdmin, quarrel.id, { kind: 'settled', at: '2026-01-01' }, 'INPUT.INVALID', /未知字段/);
      await refused(P.communityAdmin, quarrel.id, { kind: 'erase' }, 'INPUT.INVALID', '「台账登记类别」不正确');

      // Out of reach: another community's admin, a department, a member through the admin function.
      const fresh = await w.submit({ categoryId: DISPUTE, isPublic: false, description: '邻居噪音扰民' });
      await refused(P.otherCommunityAdmin, fresh.id, red, 'CASE.NOT_FOUND');
      await refused(P.department, fresh.id, red, 'AUTH.FORBIDDEN');
      await refused(P.member, fresh.id, red, 'AUTH.FORBIDDEN');
      // Withdrawn and rejected cases keep no ledger entries.
      data(await w.resident(P.resident, 'withdrawCase', { caseId: fresh.id, reason: '已经协商好了' }));
      await refused(P.communityAdmin, fresh.id, red, 'CASE.INVALID_TRANSITION', /已撤回/);
    });
  });

  it('weeklyReport: 新增、办结、超时，高频问题、热点、盲点', async () => {
    const r = data<{
      weekStart: string;
      weekEnd: string;
      counts: { new: number; closed: number; overdue: number };
      topCategories: { categoryName: string; count: number }[];
      hotSpots: { grids: { gridId: string; count: number }[] };
      blindSpots: { noCases: { gridId: string }[]; noPatrol: { gridId: string }[] };
      summary: string[];
    }>(await w.admin(P.streetAdmin, 'weeklyReport', { weekOf: '2026-11-18' }));
    expect(r.weekStart).toBe('2026-11-16');
    expect(r.weekEnd).toBe('2026-11-22');
    const from = startOfLocalDate('2026-11-16').toISOString();
    const to = startOfLocalDate('2026-11-23').toISOString();
    const week = (await w.store.listCases({ streetId: 'shuangfu', createdFrom: from, createdTo: to, limit: 1000 })).items.filter(
      (c) => c.status !== 'merged',
    );
    expect(r.counts.new).toBe(week.length);
    expect(r.topCategories.reduce((s, t) => s + t.count, 0)).toBeLessThanOrEqual(week.length);
    if (week.length)
      expect(r.topCategories[0]!.count).toBe(
        Math.max(...[...new Set(week.map((c) => c.categoryName))].map((n) => week.filter((c) => c.categoryName === n).length)),
      );
    // The demo history has no patrol reports: every grid is a patrol blind spot, our empty grid a case blind spot too.
    expect(r.blindSpots.noPatrol.map((g) => g.gridId)).toEqual(expect.arrayContaining([YUYUAN_G1, EMPTY_GRID]));
    expect(r.blindSpots.noCases.map((g) => g.gridId)).toContain(EMPTY_GRID);
    expect(r.summary[0]).toContain(`本周新增诉求${week.length}件`);

    const mine = data<{ scopeName: string; hotSpots: { grids: { gridId: string }[] } }>(
      await w.admin(P.communityAdmin, 'weeklyReport', {}),
    );
    expect(mine.scopeName).toBe('渝园社区');
    for (const g of mine.hotSpots.grids) expect(g.gridId.startsWith('sf-yuyuan') || g.gridId === EMPTY_GRID).toBe(true);
  });

  it('exportWeeklyReport: the weekly figures as a sheet', async () => {
    const report = data<{ counts: { new: number }; summary: string[] }>(
      await w.admin(P.streetAdmin, 'weeklyReport', { weekOf: '2026-11-18' }),
    );
    const r = data<{ url: string; rowCount: number; fileName: string }>(
      await w.admin(P.streetAdmin, 'exportWeeklyReport', { weekOf: '2026-11-18' }),
    );
    expect(r.fileName).toMatch(/^双福街道_治理周报_2026年11月\d{1,2}日起\.xlsx$/);
    const sheet = await readSheet(r.url);
    expect(sheet.title).toContain('2026-11-16 至 2026-11-22');
    expect(sheet.header).toEqual(['项目', '内容', '数量']);
    expect(sheet.rows).toHaveLength(r.rowCount);
    expect(sheet.rows[0]).toEqual(['本周新增', '—', String(report.counts.new)]);
    expect(sheet.rows.filter((row) => row[0] === '小结').map((row) => row[1])).toEqual(report.summary);
  });

  it('listCases: the first page says how many match', async () => {
    const first = data<{ items: unknown[]; total: number; nextCursor?: string }>(
      await w.admin(P.communityAdmin, 'listCases', { statuses: [...OPEN_STATUSES], limit: 5 }),
    );
    expect(first.total).toBe(await w.store.countCases({ communityId: YUYUAN, statuses: [...OPEN_STATUSES] }));
    const next = data<{ total?: number }>(
      await w.admin(P.communityAdmin, 'listCases', { statuses: [...OPEN_STATUSES], cursor: first.nextCursor }),
    );
    expect(next.total).toBeUndefined();
  });
});

// ——— invalid input changes nothing ———

describe('无效输入不改变任何数据', () => {
  it('unknown field, too-long reason, empty reason: the case keeps its version', async () => {
    const c = await assignedCase();
    const cases: [string, Record<string, unknown>][] = [
      ['escalateCase', { caseId: c.id, reason: '需协调', extra: 1 }],
      ['escalateCase', { caseId: c.id, reason: '长'.repeat(201) }],
      ['rejectCase', { caseId: c.id, reason: '   ' }],
      ['superviseCase', { caseId: c.id }],
      ['setSeverity', { caseId: c.id, severity: 'huge' }],
      ['assignCase', { caseId: c.id, memberId: GRID_WORKER_MEMBER, role: 'street_admin' }],
      ['resolveCase', { caseId: c.id, result: '已处理', photos: ['../../etc/passwd'] }],
      ['approvePhotos', { caseId: c.id, fileIds: [], approved: true }],
    ];
    for (const [action, params] of cases) {
      const r = await w.admin(P.communityAdmin, action, params);
      expect([action, outcome(r)]).toEqual([action, 'INPUT.INVALID']);
      if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const after = await w.getCase(c.id);
    expect(after.version).toBe(c.version);
    expect(await w.store.getTimeline(c.id)).toHaveLength(c.lastSeq);
  });

  it('bad household counts: city ≤ 500, rural ≤ 300, named in the message', async () => {
    const gridsBefore = await w.store.listRef('grids');
    const city = await w.admin(P.communityAdmin, 'createGrid', { communityId: YUYUAN, name: '超大网格', households: 501 });
    expect(outcome(city)).toBe('INPUT.INVALID');
    expect(!city.ok && city.error.message).toContain('500');
    const rural = await w.admin(P.ruralAdmin, 'createGrid', { communityId: 'sf-taoyuan', name: '超大网格', households: 301 });
    expect(outcome(rural)).toBe('INPUT.INVALID');
    expect(!rural.ok && rural.error.message).toContain('300');
    expect(outcome(await w.admin(P.ruralAdmin, 'createGrid', { communityId: 'sf-taoyuan', name: '零户', households: 0 }))).toBe(
      'INPUT.INVALID',
    );
    expect(outcome(await w.admin(P.ruralAdmin, 'updateGrid', { gridId: 'sf-taoyuan-g1', households: 350 }))).toBe('INPUT.INVALID');
    expect(await w.store.listRef('grids')).toEqual(gridsBefore);
  });

  it('bad policies and categories are refused and nothing is stored', async () => {
    const policiesBefore = await w.store.listRef('policies');
    const categoriesBefore = await w.store.listRef('categories');
    for (const over of [
      { ratingWindowDays: 0 },
      { ratingWindowDays: 31 },
      { reminderShare: 1 },
      { reminderShare: 0 },
      { departmentReport: { amount: 24, unit: 'days' } },
      { departmentReport: { amount: 1.5, unit: 'workdays' } },
      { unknown: true },
    ])
      expect(outcome(await w.admin(P.communityAdmin, 'savePolicy', { policy: customPolicy(over) }))).toBe('INPUT.INVALID');
    expect(
      outcome(await w.admin(P.streetAdmin, 'createCategory', { name: '', role: 'grid_worker', kind: 'demand', defaultPublic: true })),
    ).toBe('INPUT.INVALID');
    expect(
      outcome(await w.admin(P.streetAdmin, 'createCategory', { name: '新类别', role: 'mayor', kind: 'demand', defaultPublic: true })),
    ).toBe('INPUT.INVALID');
    expect(
      outcome(
        await w.admin(P.streetAdmin, 'createCategory', { name: '设施维修', role: 'grid_worker', kind: 'demand', defaultPublic: true }),
      ),
    ).toBe('INPUT.INVALID');
    expect(await w.store.listRef('policies')).toEqual(policiesBefore);
    expect(await w.store.listRef('categories')).toEqual(categoriesBefore);
  });

  it('unknown action and anonymous caller', async () => {
    expect(outcome(await w.admin(P.communityAdmin, 'dropTables', {}))).toBe('INPUT.UNKNOWN_ACTION');
    expect(outcome(await w.admin(undefined, 'dashboard', {}))).toBe('AUTH.REQUIRED');
  });
});

// ——— who may do what: every action × every kind of caller ———

const NOTICE_2026_ITEM = '一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。';

type Who = 'inScope' | 'otherCommunity' | 'street' | 'department' | 'member' | 'resident';
const WHO: Record<Who, string> = {
  inScope: P.communityAdmin,
  otherCommunity: P.otherCommunityAdmin,
  street: P.streetAdmin,
  department: P.department,
  member: P.member,
  resident: P.resident,
};
const F = 'AUTH.FORBIDDEN';
const NF = 'CASE.NOT_FOUND';

interface Row {
  params: () => Promise<Record<string, unknown>>;
  /** Expected outcome for the community admin in scope, another community's admin, the street, the department. */
  expect: [string, string, string, string];
  /** For the member of the community and the resident, when not refused outright (院坝会 records). */
  others?: [string, string];
}

const none = async () => ({});
const onAssigned =
  (extra: Record<string, unknown> = {}) =>
  async () => ({ caseId: (await assignedCase()).id, ...extra });
const ADMIN_CASE: [string, string, string, string] = ['ok', NF, 'ok', F];
const ADMIN_COMMUNITY: [string, string, string, string] = ['ok', F, 'ok', F];
const ADMIN_ANY: [string, string, string, string] = ['ok', 'ok', 'ok', F];
const STREET: [string, string, string, string] = [F, F, 'ok', F];

const SCOPE_TABLE: Record<string, Row> = {
  dashboard: { params: async () => ({ communityId: YUYUAN }), expect: ['ok', F, 'ok', 'ok'] },
  listCases: { params: async () => ({ communityId: YUYUAN }), expect: ['ok', F, 'ok', 'ok'] },
  getCase: { params: onAssigned(), expect: ['ok', NF, 'ok', NF] },
  assignCase: { params: async () => ({ caseId: (await pendingCase()).id, memberId: GRID_WORKER_MEMBER }), expect: ADMIN_CASE },
  setSeverity: { params: onAssigned({ severity: 'major' }), expect: ADMIN_CASE },
  escalateCase: { params: onAssigned({ reason: '需要街道协调' }), expect: ADMIN_CASE },
  dispatchDepartment: {
    params: async () => ({ caseId: (await escalatedToStreet()).id, departmentId: 'dept-housing' }),
    expect: [F, F, 'ok', F],
  },
  departmentReport: { params: async () => ({ caseId: (await dispatchedToPolice()).id, note: '已到场' }), expect: [F, F, F, 'ok'] },
  resolveCase: {
    params: async () => ({ caseId: (await escalatedToStreet()).id, result: '已处理完毕', photos: ['after-9.jpg'] }),
    expect: ['ok', NF, 'ok', NF],
  },
  rejectCase: { params: onAssigned({ reason: '不属于受理范围' }), expect: ADMIN_CASE },
  mergeCases: { params: async () => ({ caseId: (await assignedCase()).id, intoCaseId: (await assignedCase()).id }), expect: ADMIN_CASE },
  approvePhotos: {
    params: async () => ({ caseId: (await w.submit({ photos: ['p-1.jpg'] })).id, fileIds: 'all', approved: true }),
    expect: ADMIN_CASE,
  },
  setCasePublic: { params: onAssigned({ isPublic: false }), expect: ADMIN_CASE },
  superviseCase: { params: onAssigned({ reason: '挂牌督办' }), expect: ADMIN_CASE },
  grantTime: { params: onAssigned({ amount: 1, unit: 'workdays', reason: '等待配件到货' }), expect: ADMIN_CASE },
  recordLedger: {
    params: async () => ({
      caseId: (await w.submit({ categoryId: 'cat-06', isPublic: false })).id,
      entry: { kind: 'dispute_risk', color: 'red' },
    }),
    expect: ADMIN_CASE,
  },
  listGrids: { params: async () => ({ communityId: YUYUAN }), expect: ADMIN_COMMUNITY },
  createGrid: {
    params: async () => ({ communityId: YUYUAN, name: `表格网格${Math.random().toString(36).slice(2, 7)}`, households: 120 }),
    expect: ADMIN_COMMUNITY,
  },
  updateGrid: { params: async () => ({ gridId: await freshGrid(), households: 300 }), expect: ADMIN_COMMUNITY },
  deactivateGrid: { params: async () => ({ gridId: await freshGrid() }), expect: ADMIN_COMMUNITY },
  createBuilding: { params: async () => ({ gridId: YUYUAN_G1, name: `${Math.floor(Math.random() * 1e6)}栋` }), expect: ADMIN_COMMUNITY },
  updateBuilding: {
    params: async () => ({ buildingId: await freshBuilding(), name: '改名楼' }),
    expect: ['ok', 'PLACE.NOT_FOUND', 'ok', F],
  },
  deactivateBuilding: { params: async () => ({ buildingId: await freshBuilding() }), expect: ['ok', 'PLACE.NOT_FOUND', 'ok', F] },
  setBuildingLocation: {
    params: async () => ({ buildingId: await freshBuilding(), location: { latitude: 29.4, longitude: 106.3 } }),
    expect: ['ok', 'PLACE.NOT_FOUND', 'ok', F],
  },
  listMembers: { params: async () => ({ communityId: YUYUAN }), expect: ADMIN_COMMUNITY },
  createMember: { params: async () => ({ gridId: YUYUAN_G1, role: 'resident_leader', name: '钱组长' }), expect: ADMIN_COMMUNITY },
  updateMember: { params: async () => ({ memberId: await freshMember(), onDuty: false }), expect: ['ok', 'MEMBER.NOT_FOUND', 'ok', F] },
  deactivateMember: { params: async () => ({ memberId: await freshMember() }), expect: ['ok', 'MEMBER.NOT_FOUND', 'ok', F] },
  createInvite: { params: async () => ({ memberId: await freshMember() }), expect: ['ok', 'MEMBER.NOT_FOUND', 'ok', F] },
  listDepartments: { params: none, expect: ADMIN_ANY },
  listCategories: { params: none, expect: ADMIN_ANY },
  createCategory: {
    params: async () => ({ name: `类${Math.random().toString(36).slice(2, 7)}`, role: 'grid_worker', kind: 'demand', defaultPublic: true }),
    expect: STREET,
  },
  updateCategory: { params: async () => ({ categoryId: 'cat-12', icon: '💬' }), expect: STREET },
  deactivateCategory: {
    params: async () => ({
      categoryId: (
        data(
          await w.admin(P.streetAdmin, 'createCategory', {
            name: `临${Math.random().toString(36).slice(2, 7)}`,
            role: 'grid_worker',
            kind: 'demand',
            defaultPublic: true,
          }),
        ) as { id: string }
      ).id,
    }),
    expect: STREET,
  },
  listPolicies: { params: none, expect: ADMIN_ANY },
  savePolicy: { params: async () => ({ policy: customPolicy({ communityId: YUYUAN }) }), expect: ADMIN_COMMUNITY },
  setCommunityPolicy: { params: async () => ({ communityId: YUYUAN, policyId: 'three-day' }), expect: ADMIN_COMMUNITY },
  setCategoryRole: { params: async () => ({ communityId: YUYUAN, categoryId: 'cat-12', role: null }), expect: ADMIN_COMMUNITY },
  listHolidays: { params: none, expect: ADMIN_ANY },

  setHoliday: { params: async () => ({ date: '2027-01-02', workday: false, note: '元旦' }), expect: STREET },
  // The 2026 notice's first item as published (the package has the same days, so nothing changes).
  previewHolidayNotice: { params: async () => ({ year: 2026, text: NOTICE_2026_ITEM }), expect: STREET },
  importHolidayNotice: { params: async () => ({ year: 2026, text: NOTICE_2026_ITEM }), expect: STREET },
  setHolidayRange: { params: async () => ({ from: '2027-01-02', to: '2027-01-03', workday: false, note: '元旦' }), expect: STREET },
  getTemplates: { params: none, expect: ADMIN_ANY },
  setTemplates: { params: async () => ({ templates: {} }), expect: STREET },
  setWeights: { params: async () => ({ weights: { response: 30, onTime: 35, satisfaction: 35 } }), expect: STREET },
  getWeights: { params: none, expect: ADMIN_ANY },
  previewWeights: {
    params: async () => ({ weights: { response: 30, onTime: 35, satisfaction: 35 }, care: 10, communityId: YUYUAN }),
    expect: ADMIN_COMMUNITY,
  },
  stats: { params: async () => ({ communityId: YUYUAN, period: '2026-11', groupBy: 'grid' }), expect: ADMIN_COMMUNITY },
  exportLedger: { params: async () => ({ kind: 'cases', communityId: YUYUAN }), expect: ADMIN_COMMUNITY },
  weeklyReport: { params: async () => ({ communityId: YUYUAN }), expect: ADMIN_COMMUNITY },
  openRectifications: { params: async () => ({ period: '2026-Q3' }), expect: STREET },
  listRectifications: { params: none, expect: ADMIN_ANY },
  routingHints: { params: async () => ({ communityId: YUYUAN }), expect: ADMIN_COMMUNITY },
  // A grid's task: its community's admin writes the report; the street sees it but does not write it.
  submitRectificationReport: {
    params: async () => {
      const unitId = `g${Math.random().toString(36).slice(2, 8)}`;
      const id = `2026-Q3_grid_${unitId}`;
      await w.store.putRef('rectifications', {
        id,
        period: '2026-Q3',
        unitKind: 'grid',
        unitId,
        unitName: '测试网格',
        streetId: 'shuangfu',
        communityId: YUYUAN,
        rate: 0.5,
        rated: 6,
        reason: '满意率低于80%',
        status: 'open',
        openedAt: NOW.toISOString(),
        openedBy: 'system',
        dueAt: new Date(NOW.getTime() + 30 * 86_400_000).toISOString(),
      });
      return { id, report: '逐户回访了不满意的居民，查明原因并建立了周巡查制度，问题均已整改到位。' };
    },
    expect: ['ok', 'RECTIFICATION.NOT_FOUND', F, F],
  },
  exportWeeklyReport: { params: async () => ({ communityId: YUYUAN }), expect: ADMIN_COMMUNITY },
  reviewQueue: { params: async () => ({ communityId: YUYUAN }), expect: ADMIN_COMMUNITY },
  reviewCount: { params: async () => ({ communityId: YUYUAN }), expect: ADMIN_COMMUNITY },
  reviewTexts: { params: onAssigned({ decisions: [{ key: 'description', approve: true }] }), expect: ADMIN_CASE },
  approveTexts: { params: async () => ({ caseIds: [(await assignedCase()).id] }), expect: ADMIN_CASE },
  setAutoPublish: { params: async () => ({ communityId: YUYUAN, on: false }), expect: ADMIN_COMMUNITY },
  // The case list's bulk actions (admin/case-list.ts): another community's admin reaches neither the member nor the case.
  bulkReassign: {
    params: async () => ({ caseIds: [(await assignedCase()).id], memberId: GRID_WORKER_MEMBER, reason: '原办理人休假', confirmed: true }),
    expect: ['ok', 'MEMBER.NOT_FOUND', 'ok', F],
  },
  bulkRemind: { params: async () => ({ caseIds: [(await assignedCase()).id] }), expect: ADMIN_CASE },
  exportSelected: { params: async () => ({ caseIds: [(await assignedCase()).id] }), expect: ADMIN_CASE },
};

/** The same callers against `community` (社区工作: 走访关爱, 民生微实事, 满意度测评, 公示牌 approval), moved out of `admin`. */
let tableDepartments = 0;
/** A department of the street made for one row (the street admin's own action), stopped when asked. */
async function freshDepartment(stopped = false): Promise<string> {
  const made = data<{ id: string }>(await w.community(P.streetAdmin, 'createDepartment', { name: `表内部门${++tableDepartments}` }));
  if (stopped) data(await w.community(P.streetAdmin, 'stopDepartment', { departmentId: made.id }));
  return made.id;
}
/** An account that logs in as 市场监管所, for one removal. */
async function marketAccount(): Promise<string> {
  const id = `table-dept-account-${++tableDepartments}`;
  await w.deps.store.putRef('accounts', {
    id,
    openid: id,
    name: '部门账号',
    roles: [{ role: 'department', streetId: 'shuangfu', departmentId: 'dept-market' }],
    createdAt: NOW.toISOString(),
  });
  return id;
}

const COMMUNITY_SCOPE_TABLE: Record<string, Row> = {
  // 院坝会 / 议事日: the members of the community record and read them too; residents never.
  meetingList: { params: async () => ({ communityId: YUYUAN }), expect: ADMIN_COMMUNITY, others: ['ok', F] },
  meetingRecord: { params: async () => meetingParams(), expect: ADMIN_COMMUNITY, others: ['ok', F] },
  meetingDetail: {
    params: async () => ({ meetingId: await yuyuanMeeting() }),
    expect: ['ok', 'MEETING.NOT_FOUND', 'ok', 'MEETING.NOT_FOUND'],
    others: ['ok', 'MEETING.NOT_FOUND'],
  },
  meetingFileIssues: {
    params: async () => ({ meetingId: await yuyuanMeeting(), issues: [{ index: 0, categoryId: 'cat-01' }] }),
    expect: ['ok', 'MEETING.NOT_FOUND', 'ok', 'MEETING.NOT_FOUND'],
    others: ['ok', 'MEETING.NOT_FOUND'],
  },
  // 职能部门 (../../backend/functions/departments.ts): admins of the street look, the street admin changes.
  departmentList: { params: none, expect: ADMIN_ANY },
  departmentCases: { params: async () => ({ departmentId: 'dept-police' }), expect: ADMIN_ANY },
  createDepartment: { params: async () => ({ name: `表内新部门${++tableDepartments}` }), expect: STREET },
  updateDepartment: { params: async () => ({ departmentId: 'dept-market', handles: `食品安全${++tableDepartments}` }), expect: STREET },
  stopDepartment: { params: async () => ({ departmentId: await freshDepartment() }), expect: STREET },
  restartDepartment: { params: async () => ({ departmentId: await freshDepartment(true) }), expect: STREET },
  departmentInvite: { params: async () => ({ departmentId: 'dept-market' }), expect: STREET },
  removeDepartmentAccount: {
    params: async () => ({ departmentId: 'dept-market', accountId: await marketAccount() }),
    expect: STREET,
  },
  careRegister: { params: async () => ({ communityId: YUYUAN }), expect: ADMIN_COMMUNITY },
  careSave: {
    params: async () => ({ gridId: YUYUAN_G1, name: '王秀英', groups: ['martyr_family'], address: '1栋2单元301' }),
    expect: ADMIN_COMMUNITY,
  },
  careSubject: { params: async () => ({ subjectId: await careSubject() }), expect: ['ok', 'CARE.NOT_FOUND', 'ok', F] },
  carePlan: { params: async () => ({ communityId: YUYUAN, group: 'lonely_elderly', days: 14 }), expect: ADMIN_COMMUNITY },
  careLedger: { params: async () => ({ kind: 'register', communityId: YUYUAN }), expect: ADMIN_COMMUNITY },
  meetingLedger: { params: async () => ({ communityId: YUYUAN, period: '2026-11' }), expect: ADMIN_COMMUNITY },
  pendingProfiles: { params: none, expect: ADMIN_ANY },
  reviewProfile: {
    params: async () => {
      const r = await member.handle({ action: 'setPublicProfile', commitment: '有事找我' }, 'demo-11-party-leader', w.deps);
      if (!r.ok) throw new Error(r.error.message);
      return { memberId: `${YUYUAN_G1}-party_leader`, commitment: true };
    },
    expect: ['ok', 'MEMBER.NOT_FOUND', 'ok', F],
  },
  voteRounds: { params: async () => ({ communityId: YUYUAN }), expect: ADMIN_COMMUNITY },
  voteRoundSave: {
    params: async () => ({
      communityId: YUYUAN,
      title: '民生微实事',
      opensOn: '2026-11-24',
      closesOn: '2026-11-30',
      votesPerPerson: 1,
      projects: [
        { title: '加装扶手', description: '楼道加装扶手', cost: 1000, provider: '社区' },
        { title: '充电棚', description: '建设充电棚', cost: 2000, provider: '物业' },
      ],
    }),
    expect: ADMIN_COMMUNITY,
  },
  projectDelivery: {
    // A round of 渝园社区 that closed before NOW.
    params: async () => {
      const id = `V-closed-${closedRounds++}`;
      await w.deps.store.putRef('voteRounds', {
        id,
        streetId: 'shuangfu',
        communityId: YUYUAN,
        title: '民生微实事',
        opensOn: '2026-11-01',
        closesOn: '2026-11-20',
        votesPerPerson: 1,
        projects: ['a', 'b'].map((p) => ({ id: p, title: p, description: p, cost: 1, provider: p, photos: [], delivery: [] })),
        createdBy: P.communityAdmin,
        createdAt: NOW.toISOString(),
      });
      return { roundId: id, projectId: 'a', stage: 'approved', on: '2026-11-22' };
    },
    expect: ['ok', 'VOTE.NOT_FOUND', 'ok', F],
  },
  surveyQuestions: { params: none, expect: ADMIN_ANY },
  setSurveyQuestions: {
    params: async () => ({ questions: [{ id: 'community', kind: 'rating', text: '您对社区的服务满意吗？', subject: 'community' }] }),
    expect: [F, F, 'ok', F],
  },
  surveyOpen: {
    // A later quarter each time: a community's quarter opens once.
    params: async () => {
      const n = futureQuarters++;
      const year = 2027 + Math.floor(n / 4);
      const month = String((n % 4) * 3 + 1).padStart(2, '0');
      return { communityId: YUYUAN, opensOn: `${year}-${month}-01`, closesOn: `${year}-${month}-20` };
    },
    expect: ADMIN_COMMUNITY,
  },
  surveyResults: { params: async () => ({ communityId: YUYUAN }), expect: ADMIN_COMMUNITY },
  reviewSuggestion: {
    params: async () => {
      // The default questionnaire (setSurveyQuestions above may have changed the street's).
      await w.deps.store.putRef('surveys', {
        id: 'sf-yuyuan_2026-Q4',
        streetId: 'shuangfu',
        communityId: YUYUAN,
        quarter: '2026-Q4',
        opensOn: '2026-11-23',
        closesOn: '2026-12-20',
        questions: [...DEFAULT_QUESTIONS],
        createdBy: P.communityAdmin,
        createdAt: NOW.toISOString(),
      });
      const openid = `table-resident-${futureQuarters++}`;
      const r = await resident.handle(
        {
          action: 'answerSurvey',
          surveyId: 'sf-yuyuan_2026-Q4',
          ratings: { community: 'satisfied', group: 'satisfied' },
          texts: { suggestion: '多组织活动' },
          gridId: YUYUAN_G1,
        },
        openid,
        w.deps,
      );
      if (!r.ok) throw new Error(r.error.message);
      return { answerId: answerId('sf-yuyuan_2026-Q4', openid), questionId: 'suggestion', approve: true };
    },
    expect: ['ok', 'SURVEY.NOT_FOUND', 'ok', F],
  },
};
let closedRounds = 0;
let futureQuarters = 0;

/** A 代登记 by the community admin, resolved by its holder: waiting for a 电话回访. */
async function resolvedProxyCase(): Promise<Case> {
  const { caseId } = data<{ caseId: string }>(
    await w.intake(P.communityAdmin, 'fileForResident', {
      requestId: `scope-proxy-${Math.random().toString(36).slice(2, 10)}`,
      channel: 'walk_in',
      contactName: '王师傅',
      contactPhone: '13800001111',
      categoryId: 'cat-01',
      gridId: YUYUAN_G1,
      description: '楼道灯坏了，晚上看不见',
    }),
  );
  const holder = (await w.getCase(caseId)).holder!.openid;
  data(await member.handle({ action: 'acceptCase', caseId }, holder, w.deps));
  data(await member.handle({ action: 'resolveCase', caseId, result: '已更换灯泡', photos: ['after-2.jpg'] }, holder, w.deps));
  return w.getCase(caseId);
}

/** A 院坝会 of 渝园社区's first grid with one issue raised, recorded by its grid worker. */
async function yuyuanMeeting(): Promise<string> {
  const r = await w.community(P.member, 'meetingRecord', meetingParams());
  return data<{ meeting: { id: string } }>(r).meeting.id;
}
const meetingParams = () => ({
  requestId: `scope-meeting-${Math.random().toString(36).slice(2, 10)}`,
  gridId: YUYUAN_G1,
  kind: 'courtyard',
  heldOn: '2026-11-20',
  place: '1栋院坝',
  topic: '停车',
  attendance: 20,
  issues: [{ text: '路灯不亮' }],
});

/** A person on 渝园社区's 走访关爱 register. */
async function careSubject(): Promise<string> {
  const r = await w.community(P.communityAdmin, 'careSave', {
    gridId: YUYUAN_G1,
    name: '刘婆婆',
    groups: ['lonely_elderly'],
    address: '2栋',
  });
  return data<{ id: string }>(r).id;
}

/**
 * 代登记 and 电话回访 (the `intake` function) for the same callers: its community's admin and the
 * street, and the members of the community's groups; never another community, a department or a
 * resident. Outcomes for inScope, otherCommunity, street, department, member, resident.
 */
const INTAKE_TABLE: Record<
  string,
  { params: () => Promise<Record<string, unknown>>; expect: [string, string, string, string, string, string] }
> = {
  fileForResident: {
    params: async () => ({
      requestId: `scope-proxy-${Math.random().toString(36).slice(2, 10)}`,
      channel: 'phone',
      contactName: '周大爷',
      contactPhone: '13877776666',
      categoryId: 'cat-01',
      gridId: YUYUAN_G1,
      description: '楼道灯坏了，晚上看不见',
    }),
    expect: ['ok', 'CASE.FORBIDDEN', 'ok', F, 'ok', F],
  },
  phoneVisit: {
    params: async () => ({ caseId: (await resolvedProxyCase()).id, rating: 'satisfied' }),
    expect: ['ok', NF, 'ok', F, NF, F],
  },
  phoneVisitQueue: { params: async () => ({ communityId: YUYUAN }), expect: ['ok', F, 'ok', F, 'ok', F] },
  // 12345 工单 sheets for 渝园社区: its admin and the street; 兴隆's admin is refused the community.
  hotlinePreview: { params: async () => ({ fileId: await sheetUpload(), communityId: YUYUAN }), expect: ['ok', F, 'ok', F, F, F] },
  hotlineCommit: {
    params: async () => ({ fileId: await sheetUpload(), communityId: YUYUAN, categoryId: 'cat-01' }),
    expect: ['ok', F, 'ok', F, F, F],
  },
  hotlineExport: { params: async () => ({ communityId: YUYUAN, period: '2026-11' }), expect: ['ok', F, 'ok', F, F, F] },
  hotlineImports: { params: async () => ({ communityId: YUYUAN }), expect: ['ok', F, 'ok', F, F, F] },
};

/** A one-row 12345 sheet every caller may read (ownership of uploads is tested in host-http). */
let sheetSeq = 0;
async function sheetUpload(): Promise<string> {
  const text = `工单号,诉求内容,地址,联系人,电话\r\nSCOPE-${++sheetSeq},楼道灯坏了晚上看不见,渝园社区1栋,周大爷,13877776666\r\n`;
  w.deps.readUpload = async () => new TextEncoder().encode(text);
  return '0123456789abcdef0123456789abcdef.csv';
}

describe('代登记云函数的权限表：每个操作 × 每类调用者', () => {
  it('covers every intake action, and the admin function has none of them', () => {
    expect(Object.keys(INTAKE_TABLE).sort()).toEqual(Object.keys(intake.actions).sort());
    for (const name of Object.keys(intake.actions)) expect(Object.keys(admin.actions)).not.toContain(name);
  });

  const rows = Object.entries(INTAKE_TABLE).flatMap(([action, row]) =>
    (Object.keys(WHO) as Who[]).map((who, i) => [action, who, row.expect[i]!] as const),
  );

  it.each(rows)('intake.%s by %s → %s', async (action, who, expected) => {
    const params = await INTAKE_TABLE[action]!.params();
    const before = typeof params.caseId === 'string' ? await w.getCase(params.caseId) : undefined;
    const cases = (await w.store.listCases({ communityId: YUYUAN, limit: 1000 })).items.length;
    const r = await w.intake(WHO[who], action, params);
    expect(outcome(r)).toBe(expected);
    if (!r.ok) {
      expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
      // A refusal leaves the case as it was and files nothing.
      if (before) expect((await w.getCase(before.id)).version).toBe(before.version);
      expect((await w.store.listCases({ communityId: YUYUAN, limit: 1000 })).items.length).toBe(cases);
    }
  });
});

describe('权限表：每个操作 × 每类调用者', () => {
  it('covers every admin action', () => {
    expect(Object.keys(SCOPE_TABLE).sort()).toEqual(Object.keys(admin.actions).sort());
  });

  it('covers every community action, none of them left in admin', () => {
    expect(Object.keys(COMMUNITY_SCOPE_TABLE).sort()).toEqual(Object.keys(community.actions).sort());
    expect(Object.keys(admin.actions).filter((a) => a in community.actions)).toEqual([]);
  });

  const tables = { admin: SCOPE_TABLE, community: COMMUNITY_SCOPE_TABLE } as const;
  const rows = (Object.keys(tables) as (keyof typeof tables)[]).flatMap((fn) =>
    Object.entries(tables[fn]).flatMap(([action, row]) =>
      (Object.keys(WHO) as Who[]).map((who, i) => [fn, action, who, i < 4 ? row.expect[i]! : (row.others?.[i - 4] ?? F)] as const),
    ),
  );

  it.each(rows)('%s.%s by %s → %s', async (fn, action, who, expected) => {
    const params = await tables[fn][action]!.params();
    const before = typeof params.caseId === 'string' ? await w.getCase(params.caseId) : undefined;
    const r = await w[fn](WHO[who], action, params);
    expect(outcome(r)).toBe(expected);
    if (!r.ok) {
      expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
      // A refusal leaves the case as it was.
      if (before) expect((await w.getCase(before.id)).version).toBe(before.version);
    }
  });
});
