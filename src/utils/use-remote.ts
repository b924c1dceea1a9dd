import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../services/api-error';

export interface Remote<T> {
  data?: T;
  /** A Chinese sentence for people, when the last load failed. */
  error?: string;
  loading: boolean;
  reload: () => Promise<void>;
}

/**
 * Loads once `enabled` turns true, again whenever `key` changes (a page number, a filter: what the
 * fetcher reads) and on `reload()`. A slower, older answer never overwrites a newer one; a failed
 * reload keeps the data already shown.
 */
export function useRemote<T>(fetcher: () => Promise<T>, enabled: boolean, key?: string | number): Remote<T> {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: enabled });
  const latest = useRef(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;

  const reload = useCallback(async () => {
    const mine = ++latest.current;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    try {
      const data = await fetcherRef.current();
      if (mine === latest.current) setState({ data, loading: false });
    } catch (e) {
      if (mine === latest.current) setState((s) => ({ data: s.data, error: errorMessage(e), loading: false }));
    }
  }, []);

  useEffect(() => {
    if (enabled) void reload();
  }, [enabled, reload, key]);

  return { ...state, reload };
}
