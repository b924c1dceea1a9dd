/**
 * Asking a member to accept new-task messages (WeChat subscribe messages). Only WeChat has them:
 * `staff-subscribe.weapp.ts` asks; everywhere else nothing happens.
 */

/** Fetches the configured template ids ahead of the tap that asks (the ask must run inside a tap). */
export async function prefetchTaskTemplates(): Promise<void> {}

/** Asks, inside a tap, to accept the task templates, records what was accepted, then runs `then`. Never throws. */
export function requestTaskSubscription(then?: () => void): void {
  then?.();
}
