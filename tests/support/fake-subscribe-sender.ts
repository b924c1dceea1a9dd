/**
 * A stand-in for WeChat's `subscribeMessage.send` that applies WeChat's rules for keyword values
 * (订阅消息参数值内容限制) and answers 47003 (argument invalid) when a value breaks its type's rule,
 * as WeChat does. Written from WeChat's table, independently of the dispatcher's fitting, so that a
 * value the dispatcher gets wrong is caught here. Every call is recorded.
 */
import type { SendOutcome, SubscribeSender } from '../../backend/notify/dispatcher';

type Msg = Parameters<SubscribeSender['send']>[0];

const len = (v: string): number => Array.from(v).length;
const noControl = (v: string): boolean => !/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(v);
const TIME = String.raw`(?:\d{4}年\d{1,2}月\d{1,2}日 )?(?:[01]?\d|2[0-3]):[0-5]\d`;
const DATE = String.raw`\d{4}年\d{1,2}月\d{1,2}日(?: (?:[01]?\d|2[0-3]):[0-5]\d)?`;

/** Each keyword type's rule: whether WeChat accepts the value. */
export const WECHAT_KEYWORD_RULES: Record<string, (v: string) => boolean> = {
  thing: (v) => len(v) >= 1 && len(v) <= 20 && noControl(v),
  number: (v) => /^\d{1,32}(?:\.\d+)?$/.test(v),
  letter: (v) => /^[A-Za-z]{1,32}$/.test(v),
  symbol: (v) => /^[\p{P}\p{S}]{1,5}$/u.test(v),
  character_string: (v) => /^[\x21-\x7e]{1,32}$/.test(v),
  time: (v) => new RegExp(`^${TIME}(?:~${TIME})?$`).test(v),
  date: (v) => new RegExp(`^${DATE}(?:~${DATE})?$`).test(v),
  amount: (v) => /^[¥$€£]?\d{1,10}(?:\.\d{1,2})?元?$/.test(v),
  phone_number: (v) => /^[\d+\-() ]{1,17}$/.test(v),
  car_number: (v) => /^[\p{Script=Han}A-Za-z0-9][A-Za-z0-9]{0,6}[\p{Script=Han}A-Za-z0-9]?$/u.test(v) && len(v) <= 8,
  // Ten Chinese characters (letters mixed in count as Chinese), or twenty letters and symbols.
  name: (v) =>
    noControl(v) &&
    (/\p{Script=Han}/u.test(v) ? len(v) <= 10 && /^[\p{Script=Han}A-Za-z·]+$/u.test(v) : /^[A-Za-z\p{P}\p{S} ]{1,20}$/u.test(v)),
  phrase: (v) => /^\p{Script=Han}{1,5}$/u.test(v),
};

export interface SendCall {
  msg: Msg;
  outcome: SendOutcome;
}

export class FakeSubscribeSender implements SubscribeSender {
  readonly calls: SendCall[] = [];

  /** Messages WeChat accepted. */
  get delivered(): Msg[] {
    return this.calls.filter((c) => c.outcome.ok).map((c) => c.msg);
  }

  async send(msg: Msg): Promise<SendOutcome> {
    await new Promise((r) => setImmediate(r));
    const outcome = this.check(msg);
    this.calls.push({ msg: structuredClone(msg), outcome });
    return outcome;
  }

  private check(msg: Msg): SendOutcome {
    const entries = Object.entries(msg.data);
    if (!msg.templateId || entries.length === 0) return { ok: false, errCode: 47003, errMsg: 'argument invalid! data is empty' };
    for (const [keyword, { value }] of entries) {
      const rule = WECHAT_KEYWORD_RULES[keyword.replace(/\d+$/, '')];
      if (!rule) return { ok: false, errCode: 47003, errMsg: `argument invalid! data.${keyword} unknown keyword type` };
      if (typeof value !== 'string' || !rule(value))
        return { ok: false, errCode: 47003, errMsg: `argument invalid! data.${keyword}.value invalid` };
    }
    return { ok: true };
  }
}
