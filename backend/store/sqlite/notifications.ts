/** The outbox, the in-app inbox and the subscribe-message quotas on SQLite. */
import type { DeliveryChannel, InboxMessage, OutboxItem, OutboxStatus } from '../store.port';
import { InvalidRecordError, assertRecord, inboxMessageSchema, outboxItemSchema, parseStoredJson } from '../schemas';
import type { Row, Sql } from './sql';

export function claimOutbox(sql: Sql, now: string, limit: number, leaseMs: number): OutboxItem[] {
  const leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString();
  return sql.db
    .transaction((): OutboxItem[] => {
      const rows = sql
        .stmt(
          `SELECT key, json FROM outbox WHERE status = 'queued' AND next_attempt_at <= ?
           ORDER BY next_attempt_at, key LIMIT ?`,
        )
        .all(now, Math.max(0, Math.floor(limit))) as Row[];
      const lease = sql.stmt('UPDATE outbox SET next_attempt_at = ?, json = ? WHERE key = ?');
      return rows.map((r) => {
        const item = { ...parseStoredJson(outboxItemSchema, r.json, `outbox/${String(r.key)}`), nextAttemptAt: leaseUntil };
        lease.run(leaseUntil, JSON.stringify(item), r.key);
        return item;
      });
    })
    .immediate();
}

export function claimDelivery(sql: Sql, noticeKey: string, channel: DeliveryChannel, until: string): boolean {
  return sql.db
    .transaction((): boolean => {
      const row = sql.stmt('SELECT key, json FROM outbox WHERE key = ?').get(noticeKey) as Row | undefined;
      if (!row) return false;
      const item = parseStoredJson(outboxItemSchema, row.json, `outbox/${String(row.key)}`);
      if (item.done[channel] !== undefined || item.sending) return false;
      const claimed: OutboxItem = { ...item, sending: { channel, until } };
      sql.stmt('UPDATE outbox SET json = ? WHERE key = ?').run(JSON.stringify(claimed), noticeKey);
      return true;
    })
    .immediate();
}

export function saveOutbox(sql: Sql, item: OutboxItem): void {
  assertRecord(outboxItemSchema, item, `outbox/${String(item?.notice?.key)}`);
  sql
    .stmt(
      `INSERT INTO outbox (key, status, next_attempt_at, at, json) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET status = excluded.status, next_attempt_at = excluded.next_attempt_at, json = excluded.json`,
    )
    .run(item.notice.key, item.status, item.nextAttemptAt, item.notice.at, JSON.stringify(item));
}

export function listOutbox(sql: Sql, status?: OutboxStatus): OutboxItem[] {
  const rows = (
    status === undefined
      ? sql.stmt('SELECT key, json FROM outbox ORDER BY at, key').all()
      : sql.stmt('SELECT key, json FROM outbox WHERE status = ? ORDER BY at, key').all(status)
  ) as Row[];
  return rows.map((r) => parseStoredJson(outboxItemSchema, r.json, `outbox/${String(r.key)}`));
}

export function addInboxMessage(sql: Sql, msg: InboxMessage): void {
  assertRecord(inboxMessageSchema, msg, `inbox/${String(msg?.id)}`);
  // A retried delivery adds the same message again: the first one stays.
  sql
    .stmt('INSERT INTO inbox (id, openid, at, read, json) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING')
    .run(msg.id, msg.openid, msg.at, msg.read ? 1 : 0, JSON.stringify(msg));
}

export function listInbox(sql: Sql, openid: string, limit: number, before?: string): InboxMessage[] {
  const take = Math.max(0, Math.floor(limit));
  const rows = (
    before === undefined
      ? sql.stmt('SELECT id, json FROM inbox WHERE openid = ? ORDER BY at DESC, id DESC LIMIT ?').all(openid, take)
      : sql.stmt('SELECT id, json FROM inbox WHERE openid = ? AND at < ? ORDER BY at DESC, id DESC LIMIT ?').all(openid, before, take)
  ) as Row[];
  return rows.map((r) => parseStoredJson(inboxMessageSchema, r.json, `inbox/${String(r.id)}`));
}

export function countUnread(sql: Sql, openid: string): number {
  return Number((sql.stmt('SELECT COUNT(*) AS n FROM inbox WHERE openid = ? AND read = 0').get(openid) as Row).n);
}

export function markRead(sql: Sql, openid: string, ids: string[] | 'all'): number {
  const set = `UPDATE inbox SET read = 1, json = json_set(json, '$.read', json('true')) WHERE openid = ? AND read = 0`;
  if (ids === 'all') return sql.stmt(set).run(openid).changes;
  const unique = [...new Set(ids)];
  return sql.db.transaction((): number => {
    let changed = 0;
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500);
      changed += sql.stmt(`${set} AND id IN (${chunk.map(() => '?').join(', ')})`).run(openid, ...chunk).changes;
    }
    return changed;
  })();
}

export function addSubscriptionQuota(sql: Sql, openid: string, templateKey: string, count: number): void {
  if (!Number.isInteger(count) || count < 0)
    throw new InvalidRecordError(`subscription_quotas/${openid}:${templateKey}`, [`count: 应为非负整数，实为 ${count}`]);
  if (count === 0) return;
  sql
    .stmt(
      `INSERT INTO subscription_quotas (openid, template_key, count) VALUES (?, ?, ?)
       ON CONFLICT (openid, template_key) DO UPDATE SET count = count + excluded.count`,
    )
    .run(openid, templateKey, count);
}

export function takeSubscriptionQuota(sql: Sql, openid: string, templateKey: string): boolean {
  return (
    sql
      .stmt('UPDATE subscription_quotas SET count = count - 1 WHERE openid = ? AND template_key = ? AND count > 0')
      .run(openid, templateKey).changes === 1
  );
}

export function clearSubscriptionQuota(sql: Sql, openid: string, templateKey: string): void {
  sql.stmt('DELETE FROM subscription_quotas WHERE openid = ? AND template_key = ?').run(openid, templateKey);
}
