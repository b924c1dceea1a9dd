import { useState } from 'react';
import Taro from '@tarojs/taro';
import { errorMessage } from '../services/api-error';

/**
 * Runs one change at a time for a staff page: a toast on success, then a reload; on failure the
 * server's sentence is kept for the page to show. A second tap while one runs does nothing.
 */
export function useChange(reload: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async (change: () => Promise<unknown>, message: string): Promise<boolean> => {
    if (busy) return false;
    setBusy(true);
    setError(undefined);
    try {
      await change();
      Taro.showToast({ title: message, icon: 'success' });
      await reload();
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
