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

/** WeChat shows its dialog only from a tap, and at most three templates at a time. */
export function requestTaskSubscription(): void {
  const ids = (templateIds ?? []).slice(0, 3);
  if (ids.length === 0) return;
  // Taro's type wants entityIds, which WeChat's plain template subscription does not take.
  Taro.requestSubscribeMessage({ tmplIds: ids } as unknown as Parameters<typeof Taro.requestSubscribeMessage>[0])
    .then((res) => {
      const results: Record<string, string> = {};
      for (const id of ids) {
        const v = (res as unknown as Record<string, unknown>)[id];
        if (typeof v === 'string') results[id] = v;
      }
      if (Object.keys(results).length === 0) return undefined;
      return callFunction('resident', { action: 'recordSubscriptions', results });
    })
    .catch((e) => console.warn('[subscribe] not recorded', e));
}
