import Taro from '@tarojs/taro';
import { callFunction } from '../services/cloud';
import { memberApi } from '../services/member-api';

let templateIds: string[] | undefined;

/** The ids come from the street's configuration (配置 → 订阅消息模板); none configured, nothing is asked. */
export async function prefetchTaskTemplates(): Promise<void> {
  try {
    templateIds = (await memberApi.subscribeTemplates()).templateIds;
  } catch {
    templateIds = undefined;
  }
}

/**
 * WeChat shows its dialog only from a tap, and at most three templates at a time. `then` runs
 * from the request's `complete` (after the person answered the dialog), or at once when there is
 * nothing to ask: navigating in the same tick as the ask would close the dialog unseen.
 */
export function requestTaskSubscription(then?: () => void): void {
  const ids = (templateIds ?? []).slice(0, 3);
  if (ids.length === 0) {
    then?.();
    return;
  }
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    then?.();
  };
  const record = (res: unknown) => {
    const results: Record<string, string> = {};
    for (const id of ids) {
      const v = (res as Record<string, unknown>)[id];
      if (typeof v === 'string') results[id] = v;
    }
    if (Object.keys(results).length === 0) return;
    void Promise.resolve(callFunction('resident', { action: 'recordSubscriptions', results })).catch((e) =>
      console.warn('[subscribe] not recorded', e),
    );
  };
  try {
    // Taro's type wants entityIds, which WeChat's plain template subscription does not take.
    const pending = Taro.requestSubscribeMessage({
      tmplIds: ids,
      success: record,
      fail: (e: unknown) => console.warn('[subscribe] not asked', e),
      complete: finish,
    } as unknown as Parameters<typeof Taro.requestSubscribeMessage>[0]);
    // With callbacks given Taro still returns a promise; its rejection is the `fail` above.
    void Promise.resolve(pending).catch(() => undefined);
  } catch (e) {
    console.warn('[subscribe] not asked', e);
    finish();
  }
}
