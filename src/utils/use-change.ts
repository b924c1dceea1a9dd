import Taro from '@tarojs/taro';
import { useSubmit } from '../hooks/use-submit';

/**
 * Runs one change at a time for a staff page: a toast on success, then a reload; on failure the
 * server's sentence is kept for the page to show. A second tap while one runs does nothing
 * (`useSubmit` underneath).
 */
export function useChange(reload: () => Promise<void>) {
  const { busy, error, fail, run: submit } = useSubmit();
  const run = (change: () => Promise<unknown>, message: string): Promise<boolean> =>
    submit(change, {
      done: () => {
        Taro.showToast({ title: message, icon: 'success' });
        return reload();
      },
    });
  return { busy, error, setError: fail, run };
}
