/**
 * 民生微实事 through the functions on the demo street: the community admin posts a round, residents
 * of the community vote once (also when one person fires 50 votes at once, on SQLite and on the
 * cloud database double), the board shows live and final results and the delivery of the projects
 * taken up, and nobody outside the community or the admins may do what is theirs.
 */
import { makeEnv, type TestEnv } from '../support/env';
import { makeCloudWorld } from '../support/cloud-world';
import { ballotId, type RoundView } from '../../backend/functions/micro-projects';
import type { Reply } from '../../backend/functions/define';
import { FUNCTIONS } from '../../backend/functions';
import type { Deps } from '../../backend/deps';

jest.setTimeout(60_000);

const YUYUAN = 'sf-yuyuan';
const BUILDING = 'sf-yuyuan-g1-b1';
const OTHER_BUILDING = 'sf-xinglong-g1-b1';
const ADMIN = 'demo-admin-1';
const OTHER_ADMIN = 'demo-admin-2';
const STREET = 'demo-street-admin';
const DAY = 86_400_000;

const plan = (over: Record<string, unknown> = {}) => ({
  communityId: YUYUAN,
  title: '2026年冬季民生微实事',
  opensOn: '2026-11-23',
  closesOn: '2026-11-30',
  votesPerPerson: 2,
  projects: [
    { title: '楼道加装扶手', description: '为1至4栋楼道加装不锈钢扶手，方便老人上下楼', cost: 18000, provider: '社区服务中心' },
    { title: '小区充电棚', description: '在2栋旁建设电动车集中充电棚，消除飞线充电隐患', cost: 45000, provider: '物业公司' },
    { title: '老年助餐点', description: '在党群服务中心开设老年助餐点，每日午餐', cost: 30000, provider: '社会组织' },
  ],
  ...over,
});

type Mine = { items: (RoundView & { myBallot: { projectIds: string[] } | null; canVote: boolean })[] };

let env: TestEnv;
beforeEach(async () => {
  env = await makeEnv();
});
afterEach(async () => {
  await env.close();
});

const code = (r: Reply): string => (r.ok ? 'ok' : r.error.code);
const post = (over: Record<string, unknown> = {}) => env.ok<RoundView>('community', ADMIN, 'voteRoundSave', plan(over));

describe('posting a round', () => {
  test('the community admin posts a round; the board shows it open with every project at zero', async () => {
    const round = await post();
    expect(round.state).toBe('open');
    expect(round.projects.map((p) => [p.title, p.votes, p.stage])).toEqual([
      ['楼道加装扶手', 0, null],
      ['小区充电棚', 0, null],
      ['老年助餐点', 0, null],
    ]);
    const onBoard = await env.ok<{ items: RoundView[] }>('board', undefined, 'microProjects', { communityId: YUYUAN });
    expect(onBoard.items.map((r) => [r.id, r.stateName, r.final])).toEqual([[round.id, '投票中', false]]);
  });

  test('only the community admin or the street admin posts; another community, a member or a resident is refused and nothing is stored', async () => {
    expect(code(await env.call('community', OTHER_ADMIN, 'voteRoundSave', plan()))).toBe('AUTH.FORBIDDEN');
    expect(code(await env.call('community', 'demo-11-grid-worker', 'voteRoundSave', plan()))).toBe('AUTH.FORBIDDEN');
    expect(code(await env.call('community', 'demo-resident-1', 'voteRoundSave', plan()))).toBe('AUTH.FORBIDDEN');
    expect(await env.store.listRef('voteRounds')).toEqual([]);
    await env.ok('community', STREET, 'voteRoundSave', plan());
    expect(await env.store.listRef('voteRounds')).toHaveLength(1);
  });

  test('bad plans get a Chinese message and change nothing', async () => {
    for (const bad of [
      plan({ closesOn: '2026-11-20' }),
      plan({ opensOn: '2026-11-01' }),
      plan({ votesPerPerson: 3 }),
      plan({ projects: plan().projects.slice(0, 1) }),
      plan({ opensOn: '2026-02-30' }),
      plan({ projects: [{ ...plan().projects[0], cost: -1 }, plan().projects[1]] }),
    ]) {
      const r = await env.call('community', ADMIN, 'voteRoundSave', bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await env.store.listRef('voteRounds')).toEqual([]);
  });

  test('a round may be changed until it opens, not after', async () => {
    const later = await post({ opensOn: '2026-11-25', closesOn: '2026-12-02' });
    const changed = await env.ok<RoundView>(
      'community',
      ADMIN,
      'voteRoundSave',
      plan({ roundId: later.id, opensOn: '2026-11-25', closesOn: '2026-12-02', votesPerPerson: 1 }),
    );
    expect(changed.votesPerPerson).toBe(1);
    env.advance(2 * DAY);
    const r = await env.call(
      'community',
      ADMIN,
      'voteRoundSave',
      plan({ roundId: later.id, opensOn: '2026-11-25', closesOn: '2026-12-02' }),
    );
    expect(code(r)).toBe('VOTE.STARTED');
    expect((await env.store.getRef('voteRounds', later.id))?.votesPerPerson).toBe(1);
  });
});

describe('voting', () => {
  test('a resident of the community votes once, within the limit; the board counts it live and final after the close', async () => {
    const round = await post();
    const [a, b, c] = round.projects.map((p) => p.id);
    const mine = await env.ok<Mine>('resident', 'demo-resident-1', 'myVoteRounds', { buildingId: BUILDING });
    expect(mine.items.map((r) => [r.id, r.canVote, r.myBallot])).toEqual([[round.id, true, null]]);

    expect(
      code(await env.call('resident', 'demo-resident-1', 'castVote', { roundId: round.id, projectIds: [a, b, c], buildingId: BUILDING })),
    ).toBe('VOTE.TOO_MANY');
    expect(
      code(await env.call('resident', 'demo-resident-1', 'castVote', { roundId: round.id, projectIds: [a, a], buildingId: BUILDING })),
    ).toBe('INPUT.INVALID');
    await env.ok('resident', 'demo-resident-1', 'castVote', { roundId: round.id, projectIds: [a, b], buildingId: BUILDING });
    const again = await env.call('resident', 'demo-resident-1', 'castVote', { roundId: round.id, projectIds: [c], buildingId: BUILDING });
    expect(code(again)).toBe('VOTE.ALREADY_VOTED');
    await env.ok('resident', 'demo-resident-2', 'castVote', { roundId: round.id, projectIds: [b], buildingId: BUILDING });

    const after = await env.ok<Mine>('resident', 'demo-resident-1', 'myVoteRounds', { buildingId: BUILDING });
    expect(after.items[0]).toMatchObject({ canVote: false, myBallot: { projectIds: [a, b] } });
    const live = (await env.ok<{ items: RoundView[] }>('board', undefined, 'microProjects', { communityId: YUYUAN })).items[0]!;
    expect(live).toMatchObject({ voters: 2, votes: 3, final: false });
    expect(live.projects.map((p) => [p.id, p.votes])).toEqual([
      [b, 2],
      [a, 1],
      [c, 0],
    ]);
    // The board never names a voter.
    expect(JSON.stringify(live)).not.toMatch(/demo-resident|openid|buildingId/);

    env.advance(8 * DAY); // 2026-12-01: closed
    const late = await env.call('resident', 'demo-resident-3', 'castVote', { roundId: round.id, projectIds: [c], buildingId: BUILDING });
    expect(code(late)).toBe('VOTE.CLOSED');
    const final = (await env.ok<{ items: RoundView[] }>('board', undefined, 'microProjects', {})).items[0]!;
    expect(final).toMatchObject({ voters: 2, votes: 3, final: true, stateName: '已结束' });
    expect(await env.store.listRef('ballots', { roundId: round.id })).toHaveLength(2);
  });

  test('only residents of the community vote: a bound building elsewhere, or none and no report here, is refused', async () => {
    const round = await post();
    const one = [round.projects[0]!.id];
    expect(
      code(await env.call('resident', 'demo-resident-1', 'castVote', { roundId: round.id, projectIds: one, buildingId: OTHER_BUILDING })),
    ).toBe('VOTE.NOT_RESIDENT');
    expect(code(await env.call('resident', 'demo-resident-1', 'castVote', { roundId: round.id, projectIds: one }))).toBe(
      'VOTE.NOT_RESIDENT',
    );
    expect(code(await env.call('resident', undefined, 'castVote', { roundId: round.id, projectIds: one, buildingId: BUILDING }))).toBe(
      'AUTH.REQUIRED',
    );
    expect(
      code(await env.call('resident', 'demo-resident-1', 'castVote', { roundId: round.id, projectIds: one, gridId: 'sf-xinglong-g1' })),
    ).toBe('VOTE.NOT_RESIDENT');
    expect(code(await env.call('resident', 'demo-resident-1', 'castVote', { roundId: round.id, projectIds: one, gridId: 'nowhere' }))).toBe(
      'PLACE.NOT_FOUND',
    );
    expect((await env.ok<Mine>('resident', 'demo-resident-1', 'myVoteRounds', { buildingId: OTHER_BUILDING })).items).toEqual([]);
    expect(await env.store.listRef('ballots')).toEqual([]);

    // A resident who reported from a building of the community counts for it without a bound place.
    await env.ok('resident', 'demo-resident-4', 'submitCase', {
      requestId: 'vote-test-0001',
      categoryId: 'cat-01',
      buildingId: BUILDING,
      description: '楼道灯坏了好几天',
      isPublic: false,
    });
    await env.ok('resident', 'demo-resident-4', 'castVote', { roundId: round.id, projectIds: one });
    expect((await env.store.getRef('ballots', ballotId(round.id, 'demo-resident-4')))?.gridId).toBe('sf-yuyuan-g1');
    // The grid chosen on the home page is enough (the app binds a grid there).
    await env.ok('resident', 'demo-resident-5', 'castVote', { roundId: round.id, projectIds: one, gridId: 'sf-yuyuan-g2' });
    expect((await env.store.getRef('ballots', ballotId(round.id, 'demo-resident-5')))?.gridId).toBe('sf-yuyuan-g2');
  });

  test('no vote before the round opens', async () => {
    const round = await post({ opensOn: '2026-11-25', closesOn: '2026-11-30' });
    const r = await env.call('resident', 'demo-resident-1', 'castVote', {
      roundId: round.id,
      projectIds: [round.projects[0]!.id],
      buildingId: BUILDING,
    });
    expect(code(r)).toBe('VOTE.NOT_OPEN');
  });
});

describe('50 votes at once from one person leave exactly one ballot', () => {
  async function fire(deps: Deps, roundId: string, projectIds: string[]): Promise<Reply[]> {
    return Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        FUNCTIONS.resident!.handle(
          { action: 'castVote', roundId, projectIds: [projectIds[i % projectIds.length]!], buildingId: BUILDING },
          'demo-resident-1',
          deps,
        ),
      ),
    );
  }

  test('on SQLite', async () => {
    const round = await post();
    const replies = await fire(
      env.deps,
      round.id,
      round.projects.map((p) => p.id),
    );
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.filter((r) => !r.ok).map(code)).toEqual(Array(49).fill('VOTE.ALREADY_VOTED'));
    expect(await env.store.listRef('ballots')).toHaveLength(1);
    const board = (await env.ok<{ items: RoundView[] }>('board', undefined, 'microProjects', {})).items[0]!;
    expect([board.voters, board.votes]).toEqual([1, 1]);
  });

  test('on the cloud database', async () => {
    const world = await makeCloudWorld({ latencyMs: 0, start: env.clock.now });
    const round = await world.ok<RoundView>('community', ADMIN, 'voteRoundSave', plan());
    const replies = await fire(
      world.deps,
      round.id,
      round.projects.map((p) => p.id),
    );
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.filter((r) => !r.ok).map(code)).toEqual(Array(49).fill('VOTE.ALREADY_VOTED'));
    expect(await world.store.listRef('ballots')).toHaveLength(1);
    const board = (await world.ok<{ items: RoundView[] }>('board', undefined, 'microProjects', {})).items[0]!;
    expect([board.voters, board.votes]).toEqual([1, 1]);
  });
});

describe('delivery on the board', () => {
  test('after the close the admin takes a project up and records it to completion; the board follows', async () => {
    const round = await post();
    const p = round.projects[1]!.id;
    await env.ok('resident', 'demo-resident-1', 'castVote', { roundId: round.id, projectIds: [p], buildingId: BUILDING });
    const early = await env.call('community', ADMIN, 'projectDelivery', {
      roundId: round.id,
      projectId: p,
      stage: 'approved',
      on: '2026-11-23',
    });
    expect(code(early)).toBe('VOTE.NOT_CLOSED');
    env.advance(8 * DAY); // 2026-12-01
    expect(
      code(
        await env.call('community', OTHER_ADMIN, 'projectDelivery', {
          roundId: round.id,
          projectId: p,
          stage: 'approved',
          on: '2026-12-01',
        }),
      ),
    ).toBe('VOTE.NOT_FOUND');
    expect(
      code(
        await env.call('community', 'demo-resident-1', 'projectDelivery', {
          roundId: round.id,
          projectId: p,
          stage: 'approved',
          on: '2026-12-01',
        }),
      ),
    ).toBe('AUTH.FORBIDDEN');
    await env.ok('community', ADMIN, 'projectDelivery', {
      roundId: round.id,
      projectId: p,
      stage: 'approved',
      on: '2026-12-01',
      note: '居民投票第一，立项实施',
    });
    expect(
      code(
        await env.call('community', ADMIN, 'projectDelivery', {
          roundId: round.id,
          projectId: p,
          stage: 'done',
          on: '2026-12-01',
          photos: [],
        }),
      ),
    ).toBe('PROJECT.ORDER');
    await env.ok('community', ADMIN, 'projectDelivery', { roundId: round.id, projectId: p, stage: 'in_progress', on: '2026-12-01' });
    const board = await env.ok<{
      delivering: { id: string; stageName: string; delivery: { stageName: string; on: string; note?: string }[] }[];
    }>('board', undefined, 'microProjects', { communityId: YUYUAN });
    expect(board.delivering).toHaveLength(1);
    expect(board.delivering[0]).toMatchObject({
      id: p,
      stageName: '实施中',
      delivery: [
        { stageName: '立项', on: '2026-12-01', note: '居民投票第一，立项实施' },
        { stageName: '实施中', on: '2026-12-01' },
      ],
    });
  });
});
