/**
 * Delivering the outbox. Every notice always lands in the in-app message centre; where a
 * subscribe-message template is configured and the user has quota, it is also sent as a WeChat
 * subscribe message. Each channel is recorded as done before the item moves on, so a retry never
 * repeats a channel that succeeded; failures back off and end as undeliverable with their reason.
 */
import type { Notice } from '../../core/model';
import { formatLocal } from '../../core/case-lifecycle';
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

/** WeChat's keyword limits: thing ≤ 20, phrase ≤ 5, character_string ≤ 32, name ≤ 10, letters ≤ 32. */
export function fitKeyword(keyword: string, value: string): string {
  const cut = (n: number) => {
    const chars = Array.from(value);
    return chars.length <= n ? value : `${chars.slice(0, n - 1).join('')}…`;
  };
  if (keyword.startsWith('thing')) return cut(20);
  if (keyword.startsWith('phrase')) return Array.from(value).slice(0, 5).join('');
  if (keyword.startsWith('character_string')) return value.replace(/[^\x21-\x7e]/g, '').slice(0, 32);
  if (keyword.startsWith('name')) return cut(10);
  if (keyword.startsWith('letter')) return value.replace(/[^A-Za-z]/g, '').slice(0, 32);
  return cut(20);
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
        return formatLocal(n.at);
      case 'status':
        return n.kind in STATUS_NAMES ? STATUS_NAMES[n.kind as keyof typeof STATUS_NAMES] : n.title;
    }
  };
  return Object.fromEntries(Object.entries(def.fields).map(([k, f]) => [k, { value: fitKeyword(k, field(f)) }]));
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
  return { id: n.key, openid: n.recipientOpenid, caseId: n.caseId, kind: n.kind, title: n.title, body: n.body, at: n.at, read };
}

export async function dispatchOutbox(
  store: Store,
  now: Date,
  sender: SubscribeSender | undefined,
  templates: TemplateConfig,
  limit = 100,
): Promise<DispatchReport> {
  const items = await store.claimOutbox(now.toISOString(), limit, 60_000);
  const report: DispatchReport = { claimed: items.length, sent: 0, retried: 0, failed: 0 };
  for (const item of items) {
    const outcome = await deliver(store, item, now, sender, templates);
    report[outcome]++;
  }
  return report;
}

async function deliver(
  store: Store,
  item: OutboxItem,
  now: Date,
  sender: SubscribeSender | undefined,
  templates: TemplateConfig,
): Promise<'sent' | 'retried' | 'failed'> {
  const n = item.notice;
  const next: OutboxItem = { ...item, done: { ...item.done }, attempts: item.attempts + 1 };
  if (!next.done.inbox) {
    await store.addInboxMessage(inboxMessageOf(n));
    next.done.inbox = true;
    // Record it before anything else can fail, so the message centre never gets it twice.
    await store.saveOutbox({ ...next, status: 'queued' });
  }
  if (!next.done.subscribe) {
    const def = templates[n.kind];
    if (!sender || !def) next.done.subscribe = 'skipped';
    else if (!(await store.takeSubscriptionQuota(n.recipientOpenid, def.templateId))) next.done.subscribe = 'skipped';
    else {
      let outcome: SendOutcome;
      try {
        outcome = await sender.send({
          touser: n.recipientOpenid,
          templateId: def.templateId,
          page: `pages-resident/case/index?id=${encodeURIComponent(n.caseId)}`,
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
      } else {
        // The quota taken was not used: give it back for the retry.
        await store.addSubscriptionQuota(n.recipientOpenid, def.templateId, 1);
        next.lastError = `${outcome.errCode} ${outcome.errMsg}`.slice(0, 300);
        if (next.attempts >= MAX_ATTEMPTS) {
          next.done.subscribe = 'undeliverable';
          await store.saveOutbox({ ...next, status: 'failed' });
          return 'failed';
        }
        await store.saveOutbox({
          ...next,
          status: 'queued',
          nextAttemptAt: new Date(now.getTime() + backoffMs(next.attempts)).toISOString(),
        });
        return 'retried';
      }
    }
  }
  await store.saveOutbox({ ...next, status: next.done.subscribe === 'undeliverable' ? 'failed' : 'sent' });
  return next.done.subscribe === 'undeliverable' ? 'failed' : 'sent';
}
