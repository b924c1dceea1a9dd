import { residentApi } from '../services/resident-api';
import { createStore } from './store';

/**
 * Unread messages of the message centre. The tab bar (custom, in WeChat and H5 alike) shows it
 * as a badge on 消息, and 首页 says how many are new.
 */
export const unreadStore = createStore<number>(0);

const MIN_INTERVAL_MS = 10_000;
let lastAsked = 0;

/** `3`, `99+`; empty for none. */
export const badgeText = (n: number): string => (n <= 0 ? '' : n > 99 ? '99+' : String(n));

export function setUnread(n: number): void {
  if (n !== unreadStore.get()) unreadStore.set(n);
}

/** Asks the server how many are unread; at most once in ten seconds unless `force`. */
export async function refreshUnread(force = false): Promise<void> {
  const now = Date.now();
  if (!force && now - lastAsked < MIN_INTERVAL_MS) return;
  lastAsked = now;
  try {
    const page = await residentApi.listMessages({ limit: 1 });
    setUnread(page.unread);
  } catch {
    // A hint only; the message page shows errors itself.
    lastAsked = 0;
  }
}
