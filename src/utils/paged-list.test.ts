import { emptyPaged, withPage } from './paged-list';

type Item = { id: string };
const page = (ids: string[], nextCursor?: string, total?: number) => ({ items: ids.map((id) => ({ id })), nextCursor, total });

describe('withPage (usePagedList)', () => {
  it('the first page replaces what was shown and is kept for its totals', () => {
    const before = { ...emptyPaged<Item, ReturnType<typeof page>>(), items: [{ id: 'old' }], loading: true };
    const first = page(['a', 'b'], 'c2', 40);
    expect(withPage(before, first, false)).toEqual({
      items: [{ id: 'a' }, { id: 'b' }],
      nextCursor: 'c2',
      first,
      loaded: true,
      loading: false,
    });
  });

  it('a next page adds only items not shown yet, keeps the first page, and moves the cursor', () => {
    const first = page(['a', 'b'], 'c2', 40);
    const shown = withPage(emptyPaged<Item, ReturnType<typeof page>>(), first, false);
    const next = withPage(shown, page(['b', 'c'], undefined, 99), true);
    expect(next.items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(next.nextCursor).toBeUndefined();
    expect(next.first).toBe(first);
  });

  it('clears a previous error', () => {
    const failed = { ...emptyPaged<Item, ReturnType<typeof page>>(), error: '网络不稳定' };
    expect(withPage(failed, page(['a']), false).error).toBeUndefined();
  });
});
