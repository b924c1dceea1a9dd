import { channelName, channelOf, LIST_CHANNELS } from './case-channel';
import { CASE_CHANNELS } from './model';

test.each([
  [{ source: 'resident' as const }, 'app', '小程序'],
  [{ source: 'proxy' as const, origin: { channel: 'hotline' as const, refId: 'GD1' } }, 'hotline', '12345热线'],
  [{ source: 'proxy' as const, origin: { channel: 'walk_in' as const } }, 'walk_in', '来访'],
  [{ source: 'patrol' as const, origin: { channel: 'visit' as const, refId: 'v1' } }, 'visit', '走访'],
])('%j → %s %s', (c, channel, name) => {
  expect(channelOf(c)).toBe(channel);
  expect(channelName(channelOf(c)!)).toBe(name);
});

test('a patrol report without an origin has no channel; every origin channel is listed', () => {
  expect(channelOf({ source: 'patrol' })).toBeUndefined();
  expect(LIST_CHANNELS).toEqual(['app', ...CASE_CHANNELS]);
});
