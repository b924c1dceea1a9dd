import { mergePage } from './staff-deadline';

/** One page of a list as every list action of the API answers it. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** A list read page by page: what is shown, where the next page starts, and the first page as it came. */
export interface PagedState<T, P = Page<T>> {
  items: T[];
  nextCursor?: string;
  /** The latest first page (totals and other facts about the whole list come with it). */
  first?: P;
  loaded: boolean;
  loading: boolean;
  error?: string;
}

export function emptyPaged<T, P>(): PagedState<T, P> {
  return { items: [], loaded: false, loading: false };
}

/** A page arrived: the first replaces the list, a next one adds the items not shown yet. */
export function withPage<T extends { id: string }, P>(s: PagedState<T, P>, page: P & Page<T>, more: boolean): PagedState<T, P> {
  return {
    items: more ? mergePage(s.items, page.items) : page.items,
    nextCursor: page.nextCursor,
    first: more ? s.first : page,
    loaded: true,
    loading: false,
  };
}
