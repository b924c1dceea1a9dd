/**
 * WeChat's subscribe messages come in two kinds: one-time (一次性订阅, one message per "allow")
 * and long-term (长期订阅, for public services). `wx.requestSubscribeMessage` refuses a list that
 * mixes them, so the app could never ask for the configured templates: a configuration that mixes
 * them is refused when it is saved.
 */
import type { TemplateConfig } from './dispatcher';

const kindOf = (longTerm: boolean | undefined): string => (longTerm ? '长期订阅' : '一次性订阅');

/** Why these templates cannot be asked for together, in Chinese; undefined when they can. */
export function subscribeTypeProblem(templates: TemplateConfig): string | undefined {
  const byId = new Map<string, boolean>();
  for (const def of Object.values(templates)) {
    if (!def) continue;
    const long = def.longTerm === true;
    const seen = byId.get(def.templateId);
    if (seen !== undefined && seen !== long)
      return `模板 ${def.templateId} 既被标为${kindOf(seen)}又被标为${kindOf(long)}，同一模板只能是一种`;
    byId.set(def.templateId, long);
  }
  const once = [...byId].filter(([, l]) => !l).map(([id]) => id);
  const long = [...byId].filter(([, l]) => l).map(([id]) => id);
  if (once.length > 0 && long.length > 0)
    return `一次性订阅模板（${once.slice(0, 3).join('、')}）与长期订阅模板（${long.slice(0, 3).join('、')}）不能混用：微信一次只能申请同一类模板，请全部改为同一类`;
  return undefined;
}
