import { useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { errorMessage } from '../services/api-error';
import { emptyPaged, withPage, type Page, type PagedState } from './paged-list';

type ItemOf<P extends Page<{ id: string }>> = P['items'][number];

export interface PagedList<T, P> extends PagedState<T, P> {
  /** Loads the first page again (`more` false) or the next one; an older answer never wins. */
  load: (more: boolean) => Promise<void>;
  /** Changes the items shown (one taken off after an action) without a reload. */
  setItems: (change: (items: T[]) => T[]) => void;
}

/**
 * A list read page by page, as every paged list of the app reads it: the first page when `enabled`
 * and whenever one of `deps` (the filter, the person) changes; the next page on reaching the
 * bottom; again on pull-down, and on coming back to the page unless `reloadOnShow` is false.
 */
export function usePagedList<P extends Page<{ id: string }>>(
  fetchPage: (cursor: string | undefined) => Promise<P>,
  { enabled, deps, reloadOnShow = true }: { enabled: boolean; deps: readonly unknown[]; reloadOnShow?: boolean },
): PagedList<ItemOf<P>, P> {
  type T = ItemOf<P>;
  const [state, setState] = useState<PagedState<T, P>>(emptyPaged);
  const latest = useRef(0);
  const shown = useRef(false);
  // The newest state and fetcher, for loads started by hooks that captured older ones.
  const current = useRef({ state, fetchPage });
  current.current = { state, fetchPage };

  const load = async (more: boolean): Promise<void> => {
    const cursor = more ? current.current.state.nextCursor : undefined;
    if (more && !cursor) return;
    const mine = ++latest.current;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    try {
      const page = await current.current.fetchPage(cursor);
      if (mine === latest.current) setState((s) => withPage<T, P>(s, page as P & Page<T>, more));
    } catch (e) {
      if (mine === latest.current) setState((s) => ({ ...s, loading: false, error: errorMessage(e) }));
    }
  };

  useEffect(() => {
    if (!enabled) return;
    setState(emptyPaged<T, P>());
    void load(false);
    // Only a new filter or a new person starts the list again.
  }, [enabled, ...deps]);
  useDidShow(() => {
    if (reloadOnShow && shown.current && enabled) void load(false);
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void load(false).finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    if (!current.current.state.loading && current.current.state.nextCursor) void load(true);
  });

  return { ...state, load, setItems: (change) => setState((s) => ({ ...s, items: change(s.items) })) };
}
