/**
 * Submits that ask for a case number in the same event-loop turn share one claim on the store
 * (`backend/services/case-numbers.ts`): on SQLite each claim is a write of its own, so a burst
 * parsed together makes one, and the numbers are still distinct, in order and without gaps.
 */
import { SqliteStore } from '../../backend/store/sqlite-store';
import { nextCaseNumber } from '../../backend/services/case-numbers';

describe('case numbers asked for together', () => {
  it('are served by one claim, distinct and consecutive', async () => {
    const store = SqliteStore.open(':memory:');
    const claim = jest.spyOn(store, 'claimCaseNumbers');
    const at = new Date('2026-12-07T02:00:00.000Z');
    const burst = await Promise.all(Array.from({ length: 12 }, () => nextCaseNumber(store, 'st-1', at)));
    expect(claim).toHaveBeenCalledTimes(1);
    expect(claim.mock.calls[0]![1]).toBe(12);
    expect(burst.map((r) => (r.ok ? r.value : r.error.code))).toEqual(
      Array.from({ length: 12 }, (_, i) => `2612-${String(i + 1).padStart(4, '0')}`),
    );
    // One asked for later gets the next number, by a claim of its own.
    const later = await nextCaseNumber(store, 'st-1', at);
    expect(later.ok && later.value).toBe('2612-0013');
    expect(claim).toHaveBeenCalledTimes(2);
    await store.close();
  });
});
