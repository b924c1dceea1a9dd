import { shortCase } from '../tests/support/case-factory';
import type { Case, Rating } from './model';
import { tallyByChannel } from './channel-stats';
import { INTAKE_CHANNELS } from './intake';

let seq = 0;
function makeCase(over: Partial<Case> = {}): Case {
  seq++;
  return shortCase({ id: `c${seq}`, ...over });
}

const rated = (value: Rating, over: Partial<Case> = {}, phone = false): Case =>
  makeCase({
    status: 'closed',
    result: '已修好',
    resolvedAt: '2026-10-09T01:00:00.000Z',
    closedAt: '2026-10-10T01:00:00.000Z',
    rating: { value, at: '2026-10-10T01:00:00.000Z', ...(phone ? { phone: { role: 'community_admin', name: '张书记' } } : {}) },
    ...over,
  });

const hotline = { source: 'proxy' as const, origin: { channel: 'hotline' as const, refId: 'GD-0001' } };
const phone = { source: 'proxy' as const, origin: { channel: 'phone' as const } };

describe('渠道统计 tallyByChannel', () => {
  it('lists every channel once, in order, an empty one with zero and no rate', () => {
    const rows = tallyByChannel([]);
    expect(rows.map((r) => r.channel)).toEqual([...INTAKE_CHANNELS]);
    expect(rows.find((r) => r.channel === 'mailbox')).toMatchObject({
      channelName: '意见箱',
      received: 0,
      rated: 0,
      satisfactionRate: null,
      satisfactionLabel: '满意率 —（已评价 0 件）',
    });
  });

  it.each([
    ['the mini-program', makeCase(), 'app', '小程序'],
    ['a patrol', makeCase({ source: 'patrol' }), 'patrol', '巡查'],
    ['a 12345 工单', makeCase(hotline), 'hotline', '12345热线'],
    ['a phone call', makeCase(phone), 'phone', '来电'],
    ['a 院坝会', makeCase({ source: 'proxy', origin: { channel: 'meeting', refId: 'm1' } }), 'meeting', '院坝会'],
    ['a visit', makeCase({ source: 'patrol', origin: { channel: 'visit', refId: 'v1' } }), 'visit', '走访'],
  ])('a case from %s counts under its channel only', (_name, c, channel, channelName) => {
    const rows = tallyByChannel([c]);
    const hit = rows.filter((r) => r.received > 0);
    expect(hit).toHaveLength(1);
    expect(hit[0]).toMatchObject({ channel, channelName, received: 1 });
  });

  it('satisfaction per channel: 满意 and 基本满意 over the rated, phone 回访 counted apart, a merged duplicate not received', () => {
    const rows = tallyByChannel([
      rated('satisfied', hotline, true),
      rated('basically_satisfied', hotline, true),
      rated('unsatisfied', hotline, true),
      makeCase({ ...hotline, status: 'merged', mergedInto: 'c1' }),
      rated('unsatisfied'),
      makeCase(),
    ]);
    const h = rows.find((r) => r.channel === 'hotline')!;
    expect(h).toMatchObject({ received: 3, closed: 3, rated: 3, phoneRated: 3, satisfactionLabel: '满意率 66.7%（已评价 3 件）' });
    expect(h.satisfactionRate).toBeCloseTo(2 / 3);
    const app = rows.find((r) => r.channel === 'app')!;
    expect(app).toMatchObject({ received: 2, closed: 1, rated: 1, phoneRated: 0, satisfactionRate: 0 });
    expect(rows.reduce((n, r) => n + r.received, 0)).toBe(5);
  });
});
