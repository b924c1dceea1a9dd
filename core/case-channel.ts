/**
 * The channel a case came by, as the admin's case list filters and shows it: the resident's own
 * report in the mini-program (`app`), or the channel of its origin (core/model.ts `CASE_CHANNELS`,
 * named by `CHANNEL_NAMES`: 走访, 院坝会, 来电, 来访, 意见箱, 12345热线). A member's patrol report
 * without an origin has no channel.
 */
import { CASE_CHANNELS, CHANNEL_NAMES, type Case } from './model';

export const LIST_CHANNELS = ['app', ...CASE_CHANNELS] as const;
export type ListChannel = (typeof LIST_CHANNELS)[number];

/** The one name not in `CHANNEL_NAMES`: the resident reported in the app. */
export const APP_CHANNEL_NAME = '小程序';

export const channelName = (ch: ListChannel): string => (ch === 'app' ? APP_CHANNEL_NAME : CHANNEL_NAMES[ch]);

export function channelOf(c: Pick<Case, 'source' | 'origin'>): ListChannel | undefined {
  if (c.origin) return c.origin.channel;
  return c.source === 'resident' ? 'app' : undefined;
}
