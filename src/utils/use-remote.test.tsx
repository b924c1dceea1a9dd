/**
 * @jest-environment jsdom
 */
import { act } from 'react';
import { probeHook } from '../../tests/support/hook-probe';
import { useRemote, type Remote } from './use-remote';

let probe: ReturnType<typeof probeHook<Remote<string>>>;
afterEach(() => probe.unmount());

/** Answers at once with what was asked for, and counts the reads. */
function reader() {
  const asked: number[] = [];
  return { asked, fetch: (page: number) => (asked.push(page), Promise.resolve(`第${page}页`)) };
}

const settle = () => act(async () => undefined);

describe('useRemote', () => {
  test('reads once when enabled, again when the key changes, not again on a plain re-render', async () => {
    const r = reader();
    let page = 1;
    probe = probeHook(() => useRemote(() => r.fetch(page), true, page));
    await settle();
    expect(r.asked).toEqual([1]);
    expect(probe.latest().data).toBe('第1页');
    probe.rerender();
    await settle();
    expect(r.asked).toEqual([1]);
    page = 2;
    probe.rerender();
    await settle();
    expect(r.asked).toEqual([1, 2]);
    expect(probe.latest().data).toBe('第2页');
  });

  test('does not read while disabled, whatever the key does; reads once enabled', async () => {
    const r = reader();
    let page = 1;
    let enabled = false;
    probe = probeHook(() => useRemote(() => r.fetch(page), enabled, page));
    page = 2;
    probe.rerender();
    await settle();
    expect(r.asked).toEqual([]);
    enabled = true;
    probe.rerender();
    await settle();
    expect(r.asked).toEqual([2]);
  });
});
