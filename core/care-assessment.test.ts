import { DEFAULT_CARE_WEIGHT, careFigures, carePraiseBar, personCare, scoreWithCare, sumCare, type CareFigures } from './care-assessment';
import type { CareGroup, CareSubject } from './care-visits';

const NOV = { firstDay: '2026-11-01', lastDay: '2026-11-30' };
const Q4 = { firstDay: '2026-10-01', lastDay: '2026-12-31' };
const YEAR = { firstDay: '2026-01-01', lastDay: '2026-12-31' };
const monthly: CareGroup[] = ['martyr_family'];

describe('one person over a period', () => {
  test.each<[string, string, string[], typeof NOV, string, { due: number; done: number; overdue: number }]>([
    ['a month, visited once', '2026-01-10', ['2026-11-12'], NOV, '2026-12-07', { due: 1, done: 1, overdue: 0 }],
    ['a month, not visited: due one, overdue at its end', '2026-01-10', ['2026-10-20'], NOV, '2026-12-07', { due: 1, done: 0, overdue: 1 }],
    [
      'a month, visited twice: done is capped at due',
      '2026-01-10',
      ['2026-11-02', '2026-11-28'],
      NOV,
      '2026-12-07',
      { due: 1, done: 1, overdue: 0 },
    ],
    [
      'a quarter holds three visits',
      '2026-01-10',
      ['2026-10-05', '2026-11-05', '2026-12-05'],
      Q4,
      '2027-01-10',
      { due: 3, done: 3, overdue: 0 },
    ],
    ['a year holds twelve', '2025-06-01', ['2026-03-01', '2026-09-01'], YEAR, '2027-01-10', { due: 12, done: 2, overdue: 1 }],
    ['registered ten days before the end: not due yet', '2026-11-21', [], NOV, '2026-12-07', { due: 0, done: 0, overdue: 0 }],
    ['registered after the period: nothing', '2026-12-02', [], NOV, '2026-12-07', { due: 0, done: 0, overdue: 0 }],
    [
      'the current month counts the days so far (7 of 30: none due yet)',
      '2026-01-10',
      ['2026-11-30'],
      { firstDay: '2026-12-01', lastDay: '2026-12-31' },
      '2026-12-07',
      { due: 0, done: 0, overdue: 0 },
    ],
    ['a visit after the period does not count in it', '2026-01-10', ['2026-12-01'], NOV, '2026-12-07', { due: 1, done: 0, overdue: 1 }],
  ])('%s', (_name, registeredOn, visits, period, today, expected) => {
    expect(personCare({ groups: monthly }, registeredOn, visits, period, today)).toEqual(expected);
  });

  test('the community’s own interval: a fortnight doubles the visits due', () => {
    expect(
      personCare({ groups: ['lonely_elderly'] }, '2026-01-10', ['2026-11-03', '2026-11-17'], NOV, '2026-12-07', { lonely_elderly: 14 }),
    ).toEqual({
      due: 2,
      done: 2,
      overdue: 0,
    });
  });
});

describe('units', () => {
  const subject = (id: string, memberId: string, gridId: string, active = true): CareSubject => ({
    id,
    streetId: 's1',
    communityId: 'c1',
    gridId,
    name: id,
    groups: monthly,
    address: '1栋',
    memberId,
    active,
    createdAt: '2026-01-10T02:00:00.000Z',
  });
  const subjects = [subject('p1', 'm1', 'g1'), subject('p2', 'm1', 'g1'), subject('p3', 'm2', 'g2'), subject('p4', 'm2', 'g2', false)];
  const visits = [
    { subjectId: 'p1', visitedOn: '2026-11-10' },
    { subjectId: 'p3', visitedOn: '2026-11-11' },
    { subjectId: 'p4', visitedOn: '2026-11-11' },
  ];
  const figures = (unitOf: (s: CareSubject) => string) =>
    careFigures(
      subjects,
      visits,
      () => '2026-01-10',
      NOV,
      '2026-12-07',
      () => ({}),
      unitOf,
    );

  test('per member: done against due, people overdue; a person taken off the register is not due', () => {
    const byMember = figures((s) => s.memberId);
    expect(byMember.get('m1')).toEqual({ people: 2, due: 2, done: 1, overdue: 1, rate: 0.5 });
    expect(byMember.get('m2')).toEqual({ people: 1, due: 1, done: 1, overdue: 0, rate: 1 });
  });
  test('per grid, and the total', () => {
    const byGrid = figures((s) => s.gridId);
    expect([...byGrid.keys()].sort()).toEqual(['g1', 'g2']);
    expect(sumCare(byGrid.values())).toEqual({ people: 3, due: 3, done: 2, overdue: 1, rate: 2 / 3 });
    expect(sumCare([])).toEqual({ people: 0, due: 0, done: 0, overdue: 0, rate: null });
  });
});

describe('the score with visits', () => {
  const care = (rate: number | null, overdue = 0): CareFigures => ({ people: 1, due: rate === null ? 0 : 10, done: 0, overdue, rate });
  test.each<[string, number | null, CareFigures | undefined, number, number | null]>([
    ['all visits done lifts a 90 towards 100', 90, care(1), DEFAULT_CARE_WEIGHT, 90.91],
    ['half the visits done lowers it', 90, care(0.5), DEFAULT_CARE_WEIGHT, 86.36],
    ['no visit done at all', 90, care(0), DEFAULT_CARE_WEIGHT, 81.82],
    ['nothing due: the case score stands', 90, care(null), DEFAULT_CARE_WEIGHT, 90],
    ['no register: the case score stands', 90, undefined, DEFAULT_CARE_WEIGHT, 90],
    ['weight 0 leaves visits out', 90, care(0), 0, 90],
    ['no case score: visits alone do not score a unit', null, care(1), DEFAULT_CARE_WEIGHT, null],
    ['equal weight to the cases', 80, care(1), 100, 90],
  ])('%s', (_name, score, figures, weight, expected) => {
    expect(scoreWithCare(score, 100, figures, weight)).toBe(expected);
  });

  test('a missed visit lowers the score strictly', () => {
    const all = scoreWithCare(95, 100, { people: 12, due: 12, done: 12, overdue: 0, rate: 1 }, DEFAULT_CARE_WEIGHT)!;
    const oneMissed = scoreWithCare(95, 100, { people: 12, due: 12, done: 11, overdue: 1, rate: 11 / 12 }, DEFAULT_CARE_WEIGHT)!;
    expect(oneMissed).toBeLessThan(all);
  });
});

describe('the praise', () => {
  test('overdue people bar the praise; none, or no register, do not', () => {
    expect(carePraiseBar({ people: 3, due: 3, done: 2, overdue: 2, rate: 2 / 3 })).toBe('有2人走访逾期，不予表扬');
    expect(carePraiseBar({ people: 3, due: 3, done: 3, overdue: 0, rate: 1 })).toBeUndefined();
    expect(carePraiseBar(undefined)).toBeUndefined();
  });
});
