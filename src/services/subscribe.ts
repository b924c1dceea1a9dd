import Taro from '@tarojs/taro';

/**
 * WeChat subscribe messages for a resident's notices (受理, 请评价, 回炉整改 …).
 *
 * The template ids come from the server (`resident.subscribeTemplates`, set by admins in 管理 →
 * 配置 → 订阅消息模板); this list is the fallback for a deployment whose server does not have
 * them yet. Empty means nothing is asked. WeChat takes at most 3 per request.
 */
export const RESIDENT_TEMPLATE_IDS: readonly string[] = [];

/** WeChat's answers per template (what `resident.recordSubscriptions` takes; any other value is dropped). */
const ANSWERS = ['accept', 'reject', 'ban', 'filter'] as const;
export type SubscribeResults = Record<string, (typeof ANSWERS)[number]>;
const isAnswer = (v: unknown): v is (typeof ANSWERS)[number] => (ANSWERS as readonly unknown[]).includes(v);

/**
 * Shows WeChat's subscribe dialog. Must be called synchronously inside a tap handler (WeChat
 * refuses it otherwise), so it starts at once and its answer is awaited later. Resolves to
 * template id → accept / reject / ban / filter; undefined in H5, with no ids, or on failure.
 */
export function askSubscriptions(templateIds: readonly string[]): Promise<SubscribeResults | undefined> {
  const tmplIds = templateIds.slice(0, 3);
  if (process.env.TARO_ENV !== 'weapp' || tmplIds.length === 0) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    try {
      // Taro's type wants entityIds too (an Alipay field); WeChat takes tmplIds alone.
      Taro.requestSubscribeMessage({
        tmplIds,
        success: (res: Taro.requestSubscribeMessage.SuccessCallbackResult) => {
          const out: SubscribeResults = {};
          for (const id of tmplIds) {
            const v = (res as unknown as Record<string, unknown>)[id];
            if (isAnswer(v)) out[id] = v;
          }
          resolve(Object.keys(out).length ? out : undefined);
        },
        fail: () => resolve(undefined),
      } as unknown as Taro.requestSubscribeMessage.Option);
    } catch {
      resolve(undefined);
    }
  });
}

/**
 * Whether the tap that asks may happen yet: in WeChat only once the template ids are known, so a
 * tap never asks for an empty list (the ask must run inside the tap and cannot wait for them).
 */
export function subscribeReady(isWeapp: boolean, templateIds: readonly string[] | undefined): boolean {
  return !isWeapp || templateIds !== undefined;
}
