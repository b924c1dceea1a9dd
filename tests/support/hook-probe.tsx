import { act } from 'react';
import { createRoot } from 'react-dom/client';

// React warns unless it knows updates are wrapped in act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/**
 * Renders a hook in a component of its own (jsdom test files only) and keeps every render's value;
 * `latest()` is the newest (keep an older one to call a stale closure, as a double tap does).
 * `unmount` in afterEach.
 */
export function probeHook<T>(use: () => T) {
  const seen: T[] = [];
  function Probe() {
    seen.push(use());
    return null;
  }
  const root = createRoot(document.createElement('div'));
  act(() => root.render(<Probe />));
  return {
    latest: (): T => seen[seen.length - 1]!,
    /** Renders again (after the test changed what the hook reads). */
    rerender: () => act(() => root.render(<Probe />)),
    unmount: () => act(() => root.unmount()),
  };
}
