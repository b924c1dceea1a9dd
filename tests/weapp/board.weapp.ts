/**
 * The public board in the weapp: opened from 首页 → 公示栏 (its own subpackage), its figures are
 * exactly what `board.summary` answers for the same scope and period, for the whole street and
 * for one community.
 */
import { MiniProgram } from './harness/mini-program';
import { sqliteWorld, type World } from './harness/world';
import { formatRate, formatScore } from '../../src/utils/board-format';

let world: World;
let mp: MiniProgram;

beforeAll(async () => {
  world = await sqliteWorld({ seedCases: 120 });
});
afterAll(async () => {
  await mp?.close();
  await world?.close();
});

interface Summary {
  scope: { name: string };
  metrics: Record<'received' | 'open' | 'closed' | 'overdue', number> &
    Record<'responseRate' | 'onTimeRate' | 'resolutionRate' | 'satisfactionRate' | 'score', number | null>;
}

/** What `board.summary` answers for the request the page itself sent last. */
async function expectedSummary(): Promise<Summary> {
  const sent = mp.wx.callsOf('cloud.callFunction').filter((c) => (c.args.data as { action?: string }).action === 'summary');
  expect(sent.length).toBeGreaterThan(0);
  const data = sent[sent.length - 1]!.args.data as Record<string, unknown>;
  const r = (await world.call('board', data, 'demo-resident-1')) as { ok: boolean; data: Summary };
  expect(r.ok).toBe(true);
  return r.data;
}

function expectFigures(text: string, s: Summary): void {
  const m = s.metrics;
  for (const [label, value] of [
    ['受理', m.received],
    ['办理中', m.open],
    ['已办结', m.closed],
    ['超时', m.overdue],
  ] as const) {
    expect(text).toContain(`${label}\n${value}\n件`);
  }
  for (const [label, value] of [
    ['响应率', m.responseRate],
    ['按时办结率', m.onTimeRate],
    ['解决率', m.resolutionRate],
    ['满意率', m.satisfactionRate],
  ] as const) {
    expect(text).toContain(`${label}\n依据 ›\n${formatRate(value)}`);
  }
  expect(text).toContain(`综合得分（满分100）\n依据 ›\n${formatScore(m.score)}`);
}

describe('公示栏（小程序）', () => {
  it('首页 → 公示栏：全街道的数字与 board.summary 一致', async () => {
    mp = await MiniProgram.launch(world, 'demo-resident-1');
    await mp.see('公示栏');
    await mp.tap('公示栏');
    await mp.on('pages-board/index/index');
    await mp.see('响应率');
    const s = await expectedSummary();
    expect(s.metrics.received).toBeGreaterThan(0);
    expectFigures(mp.text(), s);
  });

  it('选一个社区：数字换成该社区的，仍与 board.summary 一致', async () => {
    const before = mp.wx.callsOf('cloud.callFunction').length;
    await mp.tap('渝园社区');
    await mp.waitFor(
      () =>
        mp.wx
          .callsOf('cloud.callFunction')
          .slice(before)
          .some((c) => (c.args.data as { action?: string }).action === 'summary'),
      '按社区重新读取',
    );
    const s = await expectedSummary();
    expect(s.scope.name).toBe('渝园社区');
    await mp.waitFor(() => mp.text().includes(`受理\n${s.metrics.received}\n件`), '显示渝园社区的受理数');
    expectFigures(mp.text(), s);
    expect(mp.console.filter((c) => c.level === 'error')).toEqual([]);
  });
});
