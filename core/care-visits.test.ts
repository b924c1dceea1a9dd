import {
  careAccess,
  careCounts,
  checkVisit,
  intervalFor,
  keepsRegister,
  visitDue,
  type CareGroup,
  type VisitIntervals,
  type VisitState,
} from './care-visits';
import type { Actor } from './model';

describe('visit due dates', () => {
  const cases: [string, CareGroup[], string | undefined, string, VisitIntervals, string, VisitState, number][] = [
    ['never visited: a month after registration', ['martyr_family'], undefined, '2026-12-01', {}, '2026-12-31', 'ok', 30],
    ['due within a week', ['martyr_family'], '2026-11-10', '2026-12-05', {}, '2026-12-10', 'due', 5],
    ['due on the day itself', ['low_income'], '2026-11-10', '2026-12-10', {}, '2026-12-10', 'due', 0],
    ['overdue the day after', ['low_income'], '2026-11-10', '2026-12-11', {}, '2026-12-10', 'overdue', -1],
    [
      'the community sets a fortnight for 孤寡老人',
      ['lonely_elderly'],
      '2026-12-01',
      '2026-12-16',
      { lonely_elderly: 14 },
      '2026-12-15',
      'overdue',
      -1,
    ],
    ['the strictest group wins', ['disabled', 'lonely_elderly'], '2026-12-01', '2026-12-03', { lonely_elderly: 7 }, '2026-12-08', 'due', 5],
    [
      'a longer interval elsewhere does not loosen it',
      ['disabled', 'lonely_elderly'],
      '2026-12-01',
      '2026-12-03',
      { disabled: 90 },
      '2026-12-31',
      'ok',
      28,
    ],
    ['across the year end', ['extreme_poverty'], '2026-12-20', '2027-01-20', {}, '2027-01-19', 'overdue', -1],
  ];
  test.each(cases)('%s', (_name, groups, lastVisitOn, today, intervals, dueOn, state, daysLeft) => {
    const due = visitDue(lastVisitOn ? { groups, lastVisitOn } : { groups }, '2026-12-01', today, intervals);
    expect(due).toEqual({ dueOn, state, daysLeft });
  });

  test('a person with no group keeps the monthly default', () => {
    expect(intervalFor([])).toBe(30);
    expect(intervalFor(['martyr_family'], { low_income: 7 })).toBe(30);
  });
});

describe('who sees a person of the register', () => {
  const subject = { streetId: 's1', communityId: 'c1', memberId: 'm1' };
  const actor = (grants: Actor['grants']): Actor => ({ openid: 'o', name: '某', grants });
  const rows: [string, Actor['grants'], ReturnType<typeof careAccess>, boolean][] = [
    ['the assigned member', [{ role: 'party_leader', gridId: 'g1', communityId: 'c1', memberId: 'm1' }], 'member', false],
    ['another member of the same grid', [{ role: 'grid_worker', gridId: 'g1', communityId: 'c1', memberId: 'm2' }], undefined, false],
    ['the community admin', [{ role: 'community_admin', communityId: 'c1' }], 'admin', true],
    ['the admin of another community', [{ role: 'community_admin', communityId: 'c2' }], undefined, false],
    ['the street admin', [{ role: 'street_admin', streetId: 's1' }], 'admin', true],
    ['another street', [{ role: 'street_admin', streetId: 's2' }], undefined, false],
    ['a department', [{ role: 'department', departmentId: 'd1', streetId: 's1' }], undefined, false],
    ['a resident', [{ role: 'resident' }], undefined, false],
  ];
  test.each(rows)('%s', (_name, grants, access, keeps) => {
    expect(careAccess(actor(grants), subject)).toBe(access);
    expect(keepsRegister(actor(grants), subject)).toBe(keeps);
  });
});

describe('a visit record', () => {
  const rows: [string, { visitedOn: string; found: string; needs: string[] }, string | undefined][] = [
    ['a good one', { visitedOn: '2026-12-07', found: '身体还好', needs: ['想申请助餐'] }, undefined],
    ['no needs is fine', { visitedOn: '2026-12-01', found: '一切正常', needs: [] }, undefined],
    ['in the future', { visitedOn: '2026-12-08', found: '身体还好', needs: [] }, '走访日期不能晚于今天'],
    ['not a day', { visitedOn: '2026-02-30', found: '身体还好', needs: [] }, '走访日期格式不正确'],
    ['nothing found', { visitedOn: '2026-12-07', found: '  ', needs: [] }, '请填写走访发现的情况'],
    ['a blank need', { visitedOn: '2026-12-07', found: '好', needs: ['  '] }, '需求内容不能为空'],
    ['six needs', { visitedOn: '2026-12-07', found: '好', needs: ['1', '2', '3', '4', '5', '6'] }, '需求最多5条'],
  ];
  test.each(rows)('%s', (_name, visit, message) => {
    const r = checkVisit(visit, '2026-12-07');
    if (message === undefined) expect(r.ok).toBe(true);
    else expect(r).toEqual({ ok: false, error: { code: 'CARE.INVALID', message } });
  });
});

describe('the board counts', () => {
  test('counts visits this month and year, and people covered, never beyond today', () => {
    const visits = [
      { subjectId: 'a', visitedOn: '2026-12-01' },
      { subjectId: 'a', visitedOn: '2026-11-03' },
      { subjectId: 'b', visitedOn: '2026-12-06' },
      { subjectId: 'c', visitedOn: '2025-12-20' },
      { subjectId: 'd', visitedOn: '2026-12-09' },
    ];
    expect(careCounts(visits, [{ active: true }, { active: true }, { active: false }], '2026-12-07')).toEqual({
      visitsThisMonth: 2,
      visitsThisYear: 3,
      peopleCoveredThisYear: 2,
      peopleRegistered: 2,
    });
  });
});
