/**
 * Delivering the outbox. Every notice always lands in the in-app message centre; where a
 * subscribe-message template is configured and the user has quota, it is also sent as a WeChat
 * subscribe message. Each channel is recorded as done before the item moves on, so a retry never
 * repeats a channel that succeeded; failures back off and end as undeliverable with their reason.
 * A subscribe message is sent at most once: the send is claimed in the store (with a lease) before
 * it goes out and recorded after; a claim found unrecorded means the sender died in between, and
 * the channel ends as `unknown` instead of sending again. Values are fitted to WeChat's rules for
 * their keyword types; a refusal of the values (47003) is final.
 */
import type { Notice } from '../../core/model';
import { STATUS_NAMES } from '../../core/model';
import type { InboxMessage, OutboxItem, Store } from '../store/store.port';

export type SendOutcome = { ok: true } | { ok: false; errCode: number; errMsg: string };

/** The port to WeChat's `subscribeMessage.send`; a no-op or a fake elsewhere. */
export interface SubscribeSender {
  send(msg: { touser: string; templateId: string; page: string; data: Record<string, { value: string }> }): Promise<SendOutcome>;
}

/** Which template a kind of notice uses, and which of our fields fill its keywords. */
export interface TemplateDef {
  templateId: string;
  /** keyword name (thing1, phrase2, character_string3, time4 …) → our field. */
  fields: Record<string, 'title' | 'body' | 'caseId' | 'time' | 'status'>;
  /** A long-term (长期订阅) template; one-time when absent. All configured templates are of one kind. */
  longTerm?: boolean;
}
export type TemplateConfig = Partial<Record<Notice['kind'], TemplateDef>>;

export const TEMPLATE_SETTING_ID = 'subscribeTemplates';
export const MAX_ATTEMPTS = 6;
/** WeChat: the user has no subscription quota left for the template. */
export const ERR_NO_QUOTA = 43101;
/** WeChat: an argument is invalid (a keyword value breaks its type's rule, a bad template id …). */
export const ERR_ARGUMENT_INVALID = 47003;
/** How long a claimed send may take before a later dispatcher takes its outcome as unknown. */
export const DELIVERY_LEASE_MS = 60_000;

const CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu;
const HAN = /\p{Script=Han}/u;

/** A value's characters without control characters, runs of white space as one space. */
function clean(value: string): string {
  return value.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

function cut(value: string, n: number): string {
  const chars = Array.from(value);
  return chars.length <= n ? value : `${chars.slice(0, n - 1).join('')}…`;
}

/** WeChat's time format: `2019年10月1日 15:01`, China time. */
export function wechatTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hh}:${mm}`;
}

/** A keyword's type: its name without the number (`thing2` → `thing`). */
export const keywordType = (keyword: string): string => keyword.replace(/\d+$/, '');

/**
 * A value fitted to its keyword type's rule (WeChat's 订阅消息参数值内容限制): `thing` ≤ 20
 * characters without control characters; `phrase` ≤ 5 Chinese characters only; `name` ≤ 10
 * Chinese characters and letters, or ≤ 20 letters and symbols; `character_string` ≤ 32 printable ASCII; `number` ≤ 32
 * digits; `letter` ≤ 32 letters. Never empty: WeChat refuses an empty value too. Times are made by
 * `templateData` in WeChat's format.
 */
export function fitKeyword(keyword: string, value: string): string {
  const v = clean(value);
  switch (keywordType(keyword)) {
    case 'phrase':
      return (
        Array.from(v.replace(/[^\p{Script=Han}]/gu, ''))
          .slice(0, 5)
          .join('') || '有更新'
      );
    case 'name': {
      // Ten Chinese characters (letters mixed in count as Chinese), or twenty letters and symbols.
      if (HAN.test(v))
        return Array.from(v.replace(/[^\p{Script=Han}A-Za-z·]/gu, ''))
          .slice(0, 10)
          .join('');
      return (
        Array.from(v.replace(/[^A-Za-z\p{P}\p{S} ]/gu, '').trim())
          .slice(0, 20)
          .join('') || '无'
      );
    }
    case 'character_string':
      return v.replace(/[^\x21-\x7e]/g, '').slice(0, 32) || '-';
    case 'number':
      return v.replace(/\D/g, '').slice(0, 32) || '0';
    case 'letter':
      return v.replace(/[^A-Za-z]/g, '').slice(0, 32) || 'x';
    default:
      return cut(v, 20) || '无';
  }
}

export function templateData(def: TemplateDef, n: Notice): Record<string, { value: string }> {
  const field = (f: TemplateDef['fields'][string]): string => {
    switch (f) {
      case 'title':
        return n.title;
      case 'body':
        return n.body;
      case 'caseId':
        return n.caseId;
      case 'time':
        return wechatTime(n.at);
      case 'status':
        // The case's status after the change; a notice queued before it was recorded says its title.
        return n.caseStatus ? STATUS_NAMES[n.caseStatus] : n.title;
    }
  };
  return Object.fromEntries(
    Object.entries(def.fields).map(([k, f]) => {
      const type = keywordType(k);
      // A time or date keyword only takes a time: the notice's, whatever field was configured.
      const value = type === 'time' || type === 'date' ? wechatTime(n.at) : fitKeyword(k, field(f));
      return [k, { value }];
    }),
  );
}

const backoffMs = (attempts: number): number => Math.min(60_000 * 2 ** (attempts - 1), 3_600_000);

export interface DispatchReport {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

/** A notice as a message in its recipient's in-app message centre. */
export function inboxMessageOf(n: Notice, read = false): InboxMessage {
  return {
    id: n.key,
    openid: n.recipientOpenid,
    caseId: n.caseId,
    ...(n.caseNo ? { caseNo: n.caseNo } : {}),
    kind: n.kind,
    title: n.title,
    body: n.body,
    at: n.at,
    read,
  };
}

export interface DispatchOptions {
  /** Items claimed at most. */
  limit?: number;
  /** Whether there is time left to start on another item; the rest waits for the next run. */
  timeLeft?: () => boolean;
  /** Runs each claim and each delivery (a timer measures them). */
  step?: <T>(deliver: () => Promise<T>) => Promise<T>;
}

/** Items claimed at a time, so that a run out of time leaves few claimed and untouched. */
const CLAIM_BATCH = 25;

export async function dispatchOutbox(
  store: Store,
  now: Date,
  sender: SubscribeSender | undefined,
  templates: TemplateConfig,
  options: DispatchOptions | number = {},
): Promise<DispatchReport> {
  const opts: DispatchOptions = typeof options === 'number' ? { limit: options } : options;
  const { limit = 100, timeLeft = () => true } = opts;
  const step = opts.step ?? (<T>(d: () => Promise<T>) => d());
  const report: DispatchReport = { claimed: 0, sent: 0, retried: 0, failed: 0 };
  while (report.claimed < limit && timeLeft()) {
    const items = await step(() => store.claimOutbox(now.toISOString(), Math.min(CLAIM_BATCH, limit - report.claimed), DELIVERY_LEASE_MS));
    report.claimed += items.length;
    // Out of time: what was claimed was only leased, and comes back when the lease ends.
    if (items.length === 0 || !timeLeft()) return report;
    // The items of a batch are delivered together: each touches its own documents (its outbox
    // item, its message, its claim), so a batch takes about one delivery's round trips.
    const outcomes = await step(() => Promise.all(items.map((item) => deliver(store, item, now, sender, templates))));
    for (const outcome of outcomes) if (outcome !== 'busy') report[outcome]++;
    if (items.length < CLAIM_BATCH) break;
  }
  return report;
}

/** The item as recorded: never with a claim, which recording ends. */
function record(item: OutboxItem): OutboxItem {
  const { sending: _s, ...rest } = item;
  return rest;
}

async function deliver(
  store: Store,
  item: OutboxItem,
  now: Date,
  sender: SubscribeSender | undefined,
  templates: TemplateConfig,
): Promise<'sent' | 'retried' | 'failed' | 'busy'> {
  const n = item.notice;
  const next: OutboxItem = { ...item, done: { ...item.done }, attempts: item.attempts + 1 };
  if (!next.done.subscribe && next.sending) {
    // Still within another dispatcher's lease: its send may be under way.
    if (next.sending.until > now.toISOString()) return 'busy';
    // A send was claimed and never recorded: whether WeChat delivered it is unknown. Sending it
    // again could repeat it (and spend quota again), so the channel ends here.
    next.done.subscribe = 'unknown';
    next.attempts = item.attempts;
    next.lastError = '订阅消息发送中断，结果未知，为免重复不再发送';
  }
  if (!next.done.inbox) {
    await store.addInboxMessage(inboxMessageOf(n));
    next.done.inbox = true;
    // Record it before anything else can fail, so the message centre never gets it twice.
    await store.saveOutbox(record({ ...next, status: 'queued' }));
  }
  if (!next.done.subscribe) {
    const def = templates[n.kind];
    if (!sender || !def) next.done.subscribe = 'skipped';
    else if (!(await store.takeSubscriptionQuota(n.recipientOpenid, def.templateId))) next.done.subscribe = 'skipped';
    else if (!(await store.claimDelivery(n.key, 'subscribe', new Date(now.getTime() + DELIVERY_LEASE_MS).toISOString()))) {
      // Claimed by someone else meanwhile: theirs to send.
      await store.addSubscriptionQuota(n.recipientOpenid, def.templateId, 1);
      return 'busy';
    } else {
      // Claimed: from here until the outcome is recorded, a death means the send is never repeated.
      let outcome: SendOutcome;
      try {
        outcome = await sender.send({
          touser: n.recipientOpenid,
          templateId: def.templateId,
          // A notice about no case (the holiday-calendar warning) opens the work tab.
          page: n.caseId ? `pages-resident/case/index?id=${encodeURIComponent(n.caseId)}` : 'pages/workbench/index',
          data: templateData(def, n),
        });
      } catch (err) {
        outcome = { ok: false, errCode: -1, errMsg: err instanceof Error ? err.message : String(err) };
      }
      if (outcome.ok) next.done.subscribe = 'sent';
      else if (outcome.errCode === ERR_NO_QUOTA) {
        await store.clearSubscriptionQuota(n.recipientOpenid, def.templateId);
        next.done.subscribe = 'undeliverable';
        next.lastError = `${outcome.errCode} 用户订阅次数已用完`;
      } else if (outcome.errCode === ERR_ARGUMENT_INVALID) {
        // The message itself is refused: sending it again gets the same answer. The grant was not used.
        await store.addSubscriptionQuota(n.recipientOpenid, def.templateId, 1);
        next.done.subscribe = 'undeliverable';
        next.lastError = `${outcome.errCode} 订阅消息参数不合规：${outcome.errMsg}`.slice(0, 300);
      } else {
        // The quota taken was not used: give it back for the retry.
        await store.addSubscriptionQuota(n.recipientOpenid, def.templateId, 1);
        next.lastError = `${outcome.errCode} ${outcome.errMsg}`.slice(0, 300);
        if (next.attempts >= MAX_ATTEMPTS) {
          next.done.subscribe = 'undeliverable';
          await store.saveOutbox(record({ ...next, status: 'failed' }));
          return 'failed';
        }
        await store.saveOutbox(
          record({
            ...next,
            status: 'queued',
            nextAttemptAt: new Date(now.getTime() + backoffMs(next.attempts)).toISOString(),
          }),
        );
        return 'retried';
      }
    }
  }
  const failed = next.done.subscribe === 'undeliverable' || next.done.subscribe === 'unknown';
  await store.saveOutbox(record({ ...next, status: failed ? 'failed' : 'sent' }));
  return failed ? 'failed' : 'sent';
}
