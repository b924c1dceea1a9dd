import {
  advanceDelivery,
  checkBallot,
  checkRoundPlan,
  residentCommunities,
  roundState,
  tallyRound,
  type Ballot,
  type MicroProject,
  type VoteRound,
} from './micro-projects';

const project = (id: string, delivery: MicroProject['delivery'] = []): MicroProject => ({
  id,
  title: `项目${id}`,
  description: '加装楼道扶手',
  cost: 12000,
  provider: '社区服务中心',
  photos: [],
  delivery,
});

const round: VoteRound = {
  id: 'V1',
  streetId: 's',
  communityId: 'c1',
  title: '2026年第四季度民生微实事',
  opensOn: '2026-12-01',
  closesOn: '2026-12-10',
  votesPerPerson: 2,
  projects: [project('a'), project('b'), project('c')],
  createdBy: 'admin',
  createdAt: '2026-11-20T01:00:00.000Z',
};

const ballot = (openid: string, projectIds: string[], roundId = 'V1'): Ballot => ({
  id: `${roundId}_${openid}`,
  roundId,
  communityId: 'c1',
  openid,
  projectIds,
  gridId: 'g1',
  at: '2026-12-02T01:00:00.000Z',
});

const codeOf = (r: { ok: boolean; error?: { code: string } }): string => (r.ok ? 'ok' : r.error!.code);

describe('round dates', () => {
  test.each([
    ['2026-11-30', 'upcoming'],
    ['2026-12-01', 'open'],
    ['2026-12-05', 'open'],
    ['2026-12-10', 'open'],
    ['2026-12-11', 'closed'],
    ['2027-01-01', 'closed'],
  ])('on %s the round is %s', (today, state) => {
    expect(roundState(round, today)).toBe(state);
  });

  const plan = { opensOn: '2026-12-01', closesOn: '2026-12-10', votesPerPerson: 2, projects: [1, 2, 3] };
  test.each([
    ['a good plan', plan, true, 'ok'],
    ['closing before it opens', { ...plan, closesOn: '2026-11-30' }, true, 'INPUT.INVALID'],
    ['a one-day round', { ...plan, closesOn: '2026-12-01' }, true, 'ok'],
    ['a new round opening in the past', { ...plan, opensOn: '2026-11-20' }, true, 'INPUT.INVALID'],
    ['a changed round keeping its past opening', { ...plan, opensOn: '2026-11-20' }, false, 'ok'],
    ['92 days', { ...plan, closesOn: '2027-03-02' }, true, 'ok'],
    ['93 days', { ...plan, closesOn: '2027-03-03' }, true, 'INPUT.INVALID'],
    ['one project', { ...plan, projects: [1], votesPerPerson: 1 }, true, 'INPUT.INVALID'],
    ['13 projects', { ...plan, projects: Array.from({ length: 13 }, (_, i) => i) }, true, 'INPUT.INVALID'],
    ['as many votes as projects', { ...plan, votesPerPerson: 3 }, true, 'INPUT.INVALID'],
    ['no votes', { ...plan, votesPerPerson: 0 }, true, 'INPUT.INVALID'],
    ['six votes of twelve', { ...plan, votesPerPerson: 6, projects: Array.from({ length: 12 }, (_, i) => i) }, true, 'INPUT.INVALID'],
  ])('%s → %s', (_name, p, isNew, code) => {
    const r = checkRoundPlan(p, '2026-11-23', isNew);
    expect(codeOf(r)).toBe(code);
    if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('vote limits', () => {
  test.each([
    ['one project', ['a'], '2026-12-05', 'ok'],
    ['two projects (the limit)', ['a', 'b'], '2026-12-05', 'ok'],
    ['three projects', ['a', 'b', 'c'], '2026-12-05', 'VOTE.TOO_MANY'],
    ['the same project twice', ['a', 'a'], '2026-12-05', 'INPUT.INVALID'],
    ['no project', [], '2026-12-05', 'INPUT.INVALID'],
    ['a project of another round', ['x'], '2026-12-05', 'INPUT.INVALID'],
    ['before the round opens', ['a'], '2026-11-30', 'VOTE.NOT_OPEN'],
    ['on the last day', ['a'], '2026-12-10', 'ok'],
    ['after the round closed', ['a'], '2026-12-11', 'VOTE.CLOSED'],
  ])('%s → %s', (_name, ids, today, code) => {
    const r = checkBallot(round, ids, today);
    expect(codeOf(r)).toBe(code);
    if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('tally', () => {
  test('counts voters and votes per project, most votes first, ties sharing a place', () => {
    const t = tallyRound(round, [
      ballot('o1', ['a', 'b']),
      ballot('o2', ['b']),
      ballot('o3', ['b', 'c']),
      ballot('o4', ['c', 'a']),
      ballot('o5', ['a'], 'V2'), // another round
      ballot('o6', ['zz']), // unknown project: the voter counts, the vote does not
    ]);
    expect(t.voters).toBe(5);
    expect(t.votes).toBe(7);
    expect(t.projects).toEqual([
      { projectId: 'b', votes: 3, share: 3 / 5, rank: 1 },
      { projectId: 'a', votes: 2, share: 2 / 5, rank: 2 },
      { projectId: 'c', votes: 2, share: 2 / 5, rank: 2 },
    ]);
  });

  test('a round without ballots has every project at zero', () => {
    const t = tallyRound(round, []);
    expect(t).toEqual({
      voters: 0,
      votes: 0,
      projects: ['a', 'b', 'c'].map((projectId) => ({ projectId, votes: 0, share: 0, rank: 1 })),
    });
  });
});

describe('delivery: 立项 → 实施中 → 已完成', () => {
  const step = (stage: 'approved' | 'in_progress' | 'done', on: string, photos: string[] = []) => ({ stage, on, photos });
  const approved = project('a', [step('approved', '2026-12-12')]);
  const started = project('a', [step('approved', '2026-12-12'), step('in_progress', '2026-12-15')]);
  const done = project('a', [...started.delivery, step('done', '2026-12-20', ['p.jpg'])]);
  test.each([
    ['立项 after the round closed', project('a'), step('approved', '2026-12-12'), '2026-12-12', 'ok'],
    ['立项 while the round is open', project('a'), step('approved', '2026-12-05'), '2026-12-05', 'VOTE.NOT_CLOSED'],
    ['立项 dated before the round closed', project('a'), step('approved', '2026-12-09'), '2026-12-12', 'INPUT.INVALID'],
    ['a date in the future', project('a'), step('approved', '2026-12-13'), '2026-12-12', 'INPUT.INVALID'],
    ['实施中 before 立项', project('a'), step('in_progress', '2026-12-12'), '2026-12-12', 'PROJECT.ORDER'],
    ['实施中 after 立项', approved, step('in_progress', '2026-12-15'), '2026-12-15', 'ok'],
    ['实施中 dated before 立项', approved, step('in_progress', '2026-12-11'), '2026-12-15', 'INPUT.INVALID'],
    ['已完成 skipping 实施中', approved, step('done', '2026-12-15', ['p.jpg']), '2026-12-15', 'PROJECT.ORDER'],
    ['已完成 without a photo', started, step('done', '2026-12-20'), '2026-12-20', 'INPUT.INVALID'],
    ['已完成 with a photo', started, step('done', '2026-12-20', ['p.jpg']), '2026-12-20', 'ok'],
    ['anything after 已完成', done, step('done', '2026-12-21', ['p.jpg']), '2026-12-21', 'PROJECT.DONE'],
    ['back to 立项', started, step('approved', '2026-12-21'), '2026-12-21', 'PROJECT.ORDER'],
  ])('%s → %s', (_name, p, s, today, code) => {
    const r = advanceDelivery(round, p, s, today);
    expect(codeOf(r)).toBe(code);
    if (r.ok) expect(r.value.delivery[r.value.delivery.length - 1]).toEqual(s);
  });
});

describe('which communities a resident counts for', () => {
  test.each([
    [[], undefined, []],
    [['c1'], undefined, ['c1']],
    [[], 'c2', ['c2']],
    [['c1', 'c1'], 'c2', ['c1', 'c2']],
  ])('reported from %j, bound %s → %j', (reported, bound, expected) => {
    expect([...residentCommunities(reported, bound)].sort()).toEqual(expected);
  });
});
