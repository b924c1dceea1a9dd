/**
 * 走访关爱 through the functions on the seeded demo street: the community admin keeps the register,
 * the assigned member sees only their own people and records visits, a need becomes a case linked
 * both ways, the board counts and never names anyone, and the ledger exports.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { board } from '../../backend/functions/board';
import type { Reply } from '../../backend/functions/define';
import { member } from '../../backend/functions/member';
import { resident } from '../../backend/functions/resident';
import { data, openAdminWorld, outcome, P, YUYUAN, YUYUAN_G1, type AdminWorld } from '../support/admin-world';

const PARTY_LEADER = 'demo-11-party-leader';
const PARTY_LEADER_MEMBER = `${YUYUAN_G1}-party_leader`;
const OTHER_GRID_LEADER = 'demo-12-party-leader';
const GRID_WORKER = P.member; // same grid, not assigned

jest.setTimeout(60_000); // each test seeds a demo street of its own

let w: AdminWorld;
const callMember = (openid: string | undefined, action: string, params: Record<string, unknown> = {}): Promise<Reply> =>
  member.handle({ action, ...params }, openid, w.deps);
const callBoard = (action: string, params: Record<string, unknown> = {}): Promise<Reply> =>
  board.handle({ action, ...params }, undefined, w.deps);

interface SubjectOut {
  id: string;
  name: string;
  memberId: string;
  dueState: string;
  dueOn: string;
  lastVisitOn?: string;
}

beforeEach(async () => {
  w = await openAdminWorld();
});
afterEach(async () => {
  await w.close();
});

async function register(params: Record<string, unknown> = {}): Promise<SubjectOut> {
  return data<SubjectOut>(
    await w.community(P.communityAdmin, 'careSave', {
      gridId: YUYUAN_G1,
      name: '王秀英',
      groups: ['martyr_family', 'lonely_elderly'],
      address: '1栋2单元301',
      phone: '13800001111',
      notes: '行动不便，上午在家',
      ...params,
    }),
  );
}

describe('the register', () => {
  test('the community admin registers a person; the party leader of the grid gets them by default', async () => {
    const s = await register();
    expect(s.memberId).toBe(PARTY_LEADER_MEMBER);
    // Registered today (2026-11-23), never visited: due a month later.
    expect(s.dueOn).toBe('2026-12-23');
    expect(s.dueState).toBe('ok');
    const disabled = await register({ name: '李明', groups: ['disabled'] });
    expect(disabled.memberId).toBe(`${YUYUAN_G1}-grid_worker`);
    const list = data<{ items: SubjectOut[] }>(await w.community(P.communityAdmin, 'careRegister', {}));
    expect(list.items.map((i) => i.name).sort()).toEqual(['李明', '王秀英']);
  });

  test('the assignment can be changed, but only to a member of the same grid', async () => {
    const s = await register({ memberId: `${YUYUAN_G1}-resident_leader` });
    expect(s.memberId).toBe(`${YUYUAN_G1}-resident_leader`);
    const bad = await w.community(P.communityAdmin, 'careSave', {
      subjectId: s.id,
      gridId: YUYUAN_G1,
      name: '王秀英',
      groups: ['martyr_family'],
      address: '1栋',
      memberId: 'sf-yuyuan-g2-party_leader',
    });
    expect(outcome(bad)).toBe('MEMBER.NOT_FOUND');
    expect((await w.store.getRef('careSubjects', s.id))?.memberId).toBe(`${YUYUAN_G1}-resident_leader`);
  });

  test('bad input is refused in Chinese and stores nothing', async () => {
    const r = await w.community(P.communityAdmin, 'careSave', { gridId: YUYUAN_G1, name: '王', groups: [], address: '1栋' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
    const r2 = await w.community(P.communityAdmin, 'careSave', { gridId: YUYUAN_G1, name: '王', groups: ['nobody'], address: '1栋' });
    expect(outcome(r2)).toBe('INPUT.INVALID');
    expect(await w.store.listRef('careSubjects')).toEqual([]);
  });

  test.each([
    ['another community admin', P.otherCommunityAdmin, 'AUTH.FORBIDDEN', 'CARE.NOT_FOUND'],
    ['the assigned member, in the admin function', PARTY_LEADER, 'AUTH.FORBIDDEN', 'AUTH.FORBIDDEN'],
    ['a department', P.department, 'AUTH.FORBIDDEN', 'AUTH.FORBIDDEN'],
    ['a resident', P.resident, 'AUTH.FORBIDDEN', 'AUTH.FORBIDDEN'],
    ['nobody', undefined, 'AUTH.REQUIRED', 'AUTH.REQUIRED'],
    ['the street admin', P.streetAdmin, 'ok', 'ok'],
  ])('%s and the register', async (_who, openid, expected, onePerson) => {
    const s = await register();
    expect(outcome(await w.community(openid, 'careRegister', { communityId: YUYUAN }))).toBe(expected);
    expect(outcome(await w.community(openid, 'careSubject', { subjectId: s.id }))).toBe(onePerson);
    const save = await w.community(openid, 'careSave', { gridId: YUYUAN_G1, name: '新人', groups: ['low_income'], address: '2栋' });
    expect(outcome(save)).toBe(expected);
  });

  test('residents never see the register: no resident or board action names a person', async () => {
    const s = await register();
    await callMember(PARTY_LEADER, 'careRecordVisit', {
      requestId: 'visit-req-0001',
      subjectId: s.id,
      visitedOn: '2026-11-20',
      found: '身体还好',
    });
    const replies = [
      await resident.handle({ action: 'listPlaces' }, P.resident, w.deps),
      await callBoard('summary', {}),
      await callBoard('careCounts', {}),
      await callMember(P.resident, 'careMine'),
      await callMember(P.resident, 'careSubject', { subjectId: s.id }),
    ];
    for (const r of replies) expect(JSON.stringify(r)).not.toContain('王秀英');
    expect(outcome(replies[3]!)).toBe('AUTH.FORBIDDEN');
    expect(outcome(replies[4]!)).toBe('CARE.NOT_FOUND');
  });
});

describe('visits', () => {
  test('members see only their own people; the assigned member records a visit and it moves the due date', async () => {
    const s = await register();
    const mine = data<{ items: SubjectOut[]; due: number; overdue: number }>(await callMember(PARTY_LEADER, 'careMine'));
    expect(mine.items.map((i) => i.id)).toEqual([s.id]);
    expect(data<{ items: unknown[] }>(await callMember(GRID_WORKER, 'careMine')).items).toEqual([]);
    expect(data<{ items: unknown[] }>(await callMember(OTHER_GRID_LEADER, 'careMine')).items).toEqual([]);
    for (const other of [GRID_WORKER, OTHER_GRID_LEADER, P.resident]) {
      expect(outcome(await callMember(other, 'careSubject', { subjectId: s.id }))).toBe('CARE.NOT_FOUND');
      expect(
        outcome(
          await callMember(other, 'careRecordVisit', {
            requestId: 'visit-req-x001',
            subjectId: s.id,
            visitedOn: '2026-11-22',
            found: '好',
          }),
        ),
      ).toBe('CARE.NOT_FOUND');
    }
    expect(await w.store.listRef('careVisits')).toEqual([]);

    const params = {
      requestId: 'visit-req-0002',
      subjectId: s.id,
      visitedOn: '2026-11-22',
      found: '老人独居，水管漏水',
      needs: ['厨房水管漏水需要维修'],
    };
    const first = data<{ visit: { id: string }; replayed: boolean }>(await callMember(PARTY_LEADER, 'careRecordVisit', params));
    const again = data<{ visit: { id: string }; replayed: boolean }>(await callMember(PARTY_LEADER, 'careRecordVisit', params));
    expect(again).toMatchObject({ visit: { id: first.visit.id }, replayed: true });
    expect(await w.store.listRef('careVisits')).toHaveLength(1);
    const detail = data<{ subject: SubjectOut; visits: { id: string }[] }>(
      await callMember(PARTY_LEADER, 'careSubject', { subjectId: s.id }),
    );
    expect(detail.subject.lastVisitOn).toBe('2026-11-22');
    expect(detail.subject.dueOn).toBe('2026-12-22');
    expect(detail.visits.map((v) => v.id)).toEqual([first.visit.id]);
  });

  test('a visit in the future or without findings is refused and changes nothing', async () => {
    const s = await register();
    const future = await callMember(PARTY_LEADER, 'careRecordVisit', {
      requestId: 'visit-req-0003',
      subjectId: s.id,
      visitedOn: '2026-11-24',
      found: '好',
    });
    expect(future).toMatchObject({ ok: false, error: { code: 'CARE.INVALID', message: '走访日期不能晚于今天' } });
    const blank = await callMember(PARTY_LEADER, 'careRecordVisit', {
      requestId: 'visit-req-0004',
      subjectId: s.id,
      visitedOn: '2026-11-20',
      found: ' ',
    });
    expect(outcome(blank)).toBe('INPUT.INVALID');
    expect(await w.store.listRef('careVisits')).toEqual([]);
    expect((await w.store.getRef('careSubjects', s.id))?.lastVisitOn).toBeUndefined();
  });

  test('an overdue person shows on the member’s list first, with the community’s own interval', async () => {
    const s = await register({ groups: ['lonely_elderly'] });
    await register({ name: '张大爷', groups: ['martyr_family'] });
    data(await w.community(P.communityAdmin, 'carePlan', { communityId: YUYUAN, group: 'lonely_elderly', days: 7 }));
    expect(outcome(await w.community(P.otherCommunityAdmin, 'carePlan', { communityId: YUYUAN, group: 'lonely_elderly', days: 3 }))).toBe(
      'AUTH.FORBIDDEN',
    );
    await callMember(PARTY_LEADER, 'careRecordVisit', {
      requestId: 'visit-req-0005',
      subjectId: s.id,
      visitedOn: '2026-11-10',
      found: '好',
    });
    const mine = data<{ items: SubjectOut[]; due: number; overdue: number }>(await callMember(PARTY_LEADER, 'careMine'));
    expect(mine.items[0]).toMatchObject({ id: s.id, dueOn: '2026-11-17', dueState: 'overdue' });
    expect(mine.overdue).toBe(1);
  });

  test('a need found on a visit becomes a case (channel 走访), linked both ways, once', async () => {
    const s = await register();
    const v = data<{ visit: { id: string } }>(
      await callMember(PARTY_LEADER, 'careRecordVisit', {
        requestId: 'visit-req-0006',
        subjectId: s.id,
        visitedOn: '2026-11-23',
        found: '水管漏水',
        needs: ['厨房水管漏水需要维修'],
      }),
    ).visit;
    expect(outcome(await callMember(GRID_WORKER, 'careNeedToCase', { visitId: v.id, needIndex: 0, categoryId: 'cat-01' }))).toBe(
      'CARE.NOT_FOUND',
    );
    expect(outcome(await callMember(PARTY_LEADER, 'careNeedToCase', { visitId: v.id, needIndex: 1, categoryId: 'cat-01' }))).toBe(
      'CARE.NOT_FOUND',
    );
    const made = data<{ caseId: string }>(
      await callMember(PARTY_LEADER, 'careNeedToCase', { visitId: v.id, needIndex: 0, categoryId: 'cat-01' }),
    );
    const again = data<{ caseId: string; replayed: boolean }>(
      await callMember(PARTY_LEADER, 'careNeedToCase', { visitId: v.id, needIndex: 0, categoryId: 'cat-01' }),
    );
    expect(again).toMatchObject({ caseId: made.caseId, replayed: true });
    const c = await w.getCase(made.caseId);
    expect(c.origin).toEqual({ channel: 'visit', refId: v.id });
    expect(c.source).toBe('patrol');
    expect(c.isPublic).toBe(false);
    expect(c.description).toContain('厨房水管漏水需要维修');
    expect(c.description).not.toContain('王秀英');
    const timeline = await w.store.getTimeline(c.id);
    expect(timeline[0]?.note).toBe('走访发现');
    expect((await w.store.getRef('careVisits', v.id))?.needs[0]?.caseId).toBe(made.caseId);
  });
});

describe('the board and the ledger', () => {
  test('the board counts visits and people, never a person', async () => {
    const a = await register();
    const b = await register({ name: '刘婆婆' });
    const visit = (subjectId: string, visitedOn: string, n: number) =>
      callMember(PARTY_LEADER, 'careRecordVisit', { requestId: `visit-req-1${n}00`, subjectId, visitedOn, found: '好' });
    await visit(a.id, '2026-11-02', 1);
    await visit(a.id, '2026-10-15', 2);
    await visit(b.id, '2026-11-20', 3);
    const counts = await callBoard('careCounts', { communityId: YUYUAN });
    expect(data(counts)).toEqual({ visitsThisMonth: 2, visitsThisYear: 3, peopleCoveredThisYear: 2, peopleRegistered: 2 });
    expect(JSON.stringify(counts)).not.toMatch(/王秀英|刘婆婆|1栋/);
    expect(data(await callBoard('careCounts', { communityId: 'sf-xinglong' }))).toMatchObject({ visitsThisYear: 0 });
    expect(outcome(await callBoard('careCounts', { communityId: 'nowhere' }))).toBe('PLACE.NOT_FOUND');
  });

  test('the register and the visits export as .xlsx for admins only', async () => {
    const s = await register();
    await callMember(PARTY_LEADER, 'careRecordVisit', {
      requestId: 'visit-req-2000',
      subjectId: s.id,
      visitedOn: '2026-11-20',
      found: '身体还好',
    });
    expect(outcome(await w.community(PARTY_LEADER, 'careLedger', { kind: 'register' }))).toBe('AUTH.FORBIDDEN');
    for (const [kind, expected] of [
      ['register', '王秀英'],
      ['visits', '身体还好'],
    ] as const) {
      const out = data<{ url: string; rowCount: number }>(await w.community(P.communityAdmin, 'careLedger', { kind }));
      expect(out.rowCount).toBe(1);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(readFileSync(w.exports.get(out.url)!) as unknown as ArrayBuffer);
      const cells = JSON.stringify(book.worksheets[0]!.getSheetValues());
      expect(cells).toContain(expected);
    }
  });
});
