import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../services/api-error';

export interface KeyedRemote<T> {
  data?: T;
  /** A Chinese sentence for people, when the last load failed. */
  error?: string;
  loading: boolean;
  /** The key `data` was loaded for: a page can tell fresh figures from ones still being replaced. */
  dataKey?: string;
  reload: () => Promise<void>;
}

/**
 * Loads at once and again whenever `key` changes (a new scope or period) or on `reload()`.
 * An older, slower answer never overwrites a newer one; while the next key loads, the figures
 * already shown stay (marked by `dataKey`) rather than flashing empty. `key` undefined: wait.
 */
export function useKeyedRemote<T>(fetcher: () => Promise<T>, key: string | undefined): KeyedRemote<T> {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean; dataKey?: string }>({ loading: key !== undefined });
  const latest = useRef(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;
  const keyRef = useRef(key);
  keyRef.current = key;

  const reload = useCallback(async () => {
    const mine = ++latest.current;
    const forKey = keyRef.current;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    try {
      const data = await fetcherRef.current();
      if (mine === latest.current) setState({ data, loading: false, dataKey: forKey });
    } catch (e) {
      if (mine === latest.current) setState((s) => ({ ...s, error: errorMessage(e), loading: false }));
    }
  }, []);

  useEffect(() => {
    if (key !== undefined) void reload();
  }, [key, reload]);

  return { ...state, reload };
}
