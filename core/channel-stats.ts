/**
 * 渠道统计: how many cases came by each channel (the mini-program, a patrol, a 走访, and each channel
 * of a 代登记: 来电, 来访, 院坝会, 意见箱, 12345热线), and how satisfied their residents were. The
 * channel of a case is `intakeChannelOf` (core/intake.ts); its name comes from the same table the
 * ledgers use. Every channel is listed, an empty one with zero, so a silent channel shows as such.
 * Pure.
 */
import { INTAKE_CHANNELS, INTAKE_CHANNEL_NAMES, intakeChannelOf, type IntakeChannel } from './intake';
import { describeRate, emptyTally, addTally, tallyCase, type CaseTally } from './metrics';
import type { Case } from './model';

export interface ChannelRow {
  channel: IntakeChannel;
  channelName: string;
  /** Cases received (a duplicate merged into another is not a new demand). */
  received: number;
  closed: number;
  /** Rated by the resident or by a 电话回访. */
  rated: number;
  /** Of the rated, those a 电话回访 recorded. */
  phoneRated: number;
  /** 满意 + 基本满意 out of `rated`; null when nothing was rated. */
  satisfactionRate: number | null;
  /** '满意率 80.0%（已评价 5 件）'. */
  satisfactionLabel: string;
}

/** One row per channel, in the order of INTAKE_CHANNELS, with the satisfaction of each. */
export function tallyByChannel(cases: Iterable<Case>): ChannelRow[] {
  const sums = new Map<IntakeChannel, CaseTally>();
  for (const c of cases) {
    const ch = intakeChannelOf(c);
    sums.set(ch, addTally(sums.get(ch) ?? emptyTally(), tallyCase(c)));
  }
  return INTAKE_CHANNELS.map((channel) => {
    const t = sums.get(channel) ?? emptyTally();
    const satisfactionRate = t.rated > 0 ? (t.satisfied + t.basicallySatisfied) / t.rated : null;
    return {
      channel,
      channelName: INTAKE_CHANNEL_NAMES[channel],
      received: t.received,
      closed: t.closed,
      rated: t.rated,
      phoneRated: t.phoneRated,
      satisfactionRate,
      satisfactionLabel: describeRate('满意率', satisfactionRate, t.rated, '已评价'),
    };
  });
}
