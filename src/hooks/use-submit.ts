import { useCallback, useRef, useState } from 'react';
import { errorMessage } from '../services/api-error';

export interface SubmitOptions<T> {
  /** A problem found on the page before the call (a Chinese sentence): shown, and nothing is sent. */
  problem?: string;
  /** Runs once after the call succeeded, with its answer (inside the busy time: a throw is shown). */
  done?: (result: T) => void | Promise<void>;
}

export interface Submit {
  /** A call is under way: the button shows its busy words and is disabled. */
  busy: boolean;
  /** The last failure in Chinese (the server's sentence, or the page's own problem). */
  error?: string;
  /** Shows a problem found on the page (or clears it with no argument). */
  fail: (message?: string) => void;
  /**
   * Runs one call: clears the error, marks busy, and on failure keeps `errorMessage(e)`. A second
   * run while one is under way does nothing and answers false (a double tap sends once).
   * Answers true when the call (and `done`) succeeded.
   */
  run: <T>(call: () => Promise<T>, options?: SubmitOptions<T>) => Promise<boolean>;
}

/**
 * The busy flag, the error line and double-tap protection of one staff form's submit button. The
 * guard is a ref, not the `busy` state: two taps in the same render both see `busy` false.
 */
export function useSubmit(): Submit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const running = useRef(false);

  const fail = useCallback((message?: string) => setError(message), []);

  // Promise chains, not async/await: the weapp build turns each async function into a state
  // machine, and this hook is copied into every subpackage that uses it.
  const run = useCallback(<T>(call: () => Promise<T>, options: SubmitOptions<T> = {}): Promise<boolean> => {
    if (running.current) return Promise.resolve(false);
    if (options.problem) {
      setError(options.problem);
      return Promise.resolve(false);
    }
    running.current = true;
    setBusy(true);
    setError(undefined);
    const end = (ok: boolean) => {
      running.current = false;
      setBusy(false);
      return ok;
    };
    return Promise.resolve()
      .then(call)
      .then((result) => options.done?.(result))
      .then(
        () => end(true),
        (e: unknown) => {
          setError(errorMessage(e));
          return end(false);
        },
      );
  }, []);

  return { busy, error, fail, run };
}
