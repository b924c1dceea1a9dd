/** The outbox, the in-app inbox and the subscribe-message quotas on the cloud database. */
import type { DeliveryChannel, InboxMessage, OutboxItem, OutboxStatus } from '../store.port';
import { InvalidRecordError, StoredRecordError, assertRecord, inboxMessageSchema, outboxItemSchema, parseStored } from '../schemas';
import { CLOUD_COLLECTIONS, keyId, type CloudDoc } from './api';
import { PAGE, defined, isMissingDoc, outboxDoc, strip, type CloudAccess } from './access';

export async function claimOutbox(cloud: CloudAccess, now: string, limit: number, leaseMs: number): Promise<OutboxItem[]> {
  const leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString();
  const want = Math.max(0, Math.floor(limit));
  const claimed: OutboxItem[] = [];
  const due = () => [{ status: 'queued' }, { nextAttemptAt: cloud._.lte(now) }];
  // Another dispatcher may take some candidates first; look again until enough or none are left.
  for (let round = 0; round < 10 && claimed.length < want; round++) {
    const candidates = await cloud.fetchOrdered(CLOUD_COLLECTIONS.outbox, due(), 'nextAttemptAt', 'asc', want - claimed.length);
    if (candidates.length === 0) break;
    // Each candidate claimed on its own, all at once (two round trips for the lot).
    const taken = await Promise.all(
      candidates.map(async (c) => {
        // Compare-and-set on one document: only one dispatcher's update matches.
        const r = await cloud.where(CLOUD_COLLECTIONS.outbox, [{ _id: c._id }, ...due()]).update({ data: { nextAttemptAt: leaseUntil } });
        if (r.stats.updated !== 1) return undefined;
        const doc = await cloud.getDoc(cloud.db.collection(CLOUD_COLLECTIONS.outbox).doc(String(c._id)));
        if (!doc) return undefined;
        const item = cloud.parseOutboxDoc(doc);
        return item.nextAttemptAt === leaseUntil ? item : undefined;
      }),
    );
    for (const item of taken) if (item) claimed.push(item);
  }
  return claimed;
}

export async function claimDelivery(cloud: CloudAccess, noticeKey: string, channel: DeliveryChannel, until: string): Promise<boolean> {
  // One conditional update, atomic on the document: only one caller's matches.
  const r = await cloud
    .where(CLOUD_COLLECTIONS.outbox, [
      { _id: keyId(noticeKey), [`done.${channel}`]: cloud._.exists(false), sending: cloud._.exists(false) },
    ])
    .update({ data: { sending: { channel, until } } });
  return r.stats.updated === 1;
}

export async function saveOutbox(cloud: CloudAccess, item: OutboxItem): Promise<void> {
  assertRecord(outboxItemSchema, item, `outbox/${String(item?.notice?.key)}`);
  await cloud.db
    .collection(CLOUD_COLLECTIONS.outbox)
    .doc(keyId(item.notice.key))
    .set({ data: outboxDoc(item) });
}

export async function listOutbox(cloud: CloudAccess, status?: OutboxStatus): Promise<OutboxItem[]> {
  const docs = await cloud.fetchOrdered(
    CLOUD_COLLECTIONS.outbox,
    status === undefined ? [] : [{ status }],
    'at',
    'asc',
    Number.POSITIVE_INFINITY,
  );
  return docs.map((d) => cloud.parseOutboxDoc(d));
}

export async function addInboxMessage(cloud: CloudAccess, msg: InboxMessage): Promise<void> {
  assertRecord(inboxMessageSchema, msg, `inbox_messages/${String(msg?.id)}`);
  // A retried delivery adds the same message again: the first one stays.
  await cloud.transact(async (t) => {
    const ref = t.collection(CLOUD_COLLECTIONS.inbox).doc(keyId(msg.id));
    if (!(await cloud.getDoc(ref))) await ref.set({ data: defined(strip(msg as unknown as CloudDoc)) });
  });
}

export async function listInbox(cloud: CloudAccess, openid: string, limit: number, before?: string): Promise<InboxMessage[]> {
  const take = Math.max(0, Math.floor(limit));
  if (take === 0) return [];
  const conds: object[] = [{ openid }];
  if (before !== undefined) conds.push({ at: cloud._.lt(before) });
  const docs = await cloud.fetchOrdered(CLOUD_COLLECTIONS.inbox, conds, 'at', 'desc', take);
  return docs.map((d) => parseStored(inboxMessageSchema, strip(d), `inbox_messages/${String(d._id)}`));
}

export async function countUnread(cloud: CloudAccess, openid: string): Promise<number> {
  return (await cloud.where(CLOUD_COLLECTIONS.inbox, [{ openid, read: false }]).count()).total;
}

export async function markRead(cloud: CloudAccess, openid: string, ids: string[] | 'all'): Promise<number> {
  if (ids === 'all')
    return (await cloud.where(CLOUD_COLLECTIONS.inbox, [{ openid, read: false }]).update({ data: { read: true } })).stats.updated;
  const unique = [...new Set(ids)].map(keyId);
  let changed = 0;
  for (let i = 0; i < unique.length; i += PAGE) {
    const chunk = unique.slice(i, i + PAGE);
    const r = await cloud.where(CLOUD_COLLECTIONS.inbox, [{ openid, read: false, _id: cloud._.in(chunk) }]).update({
      data: { read: true },
    });
    changed += r.stats.updated;
  }
  return changed;
}

export async function addSubscriptionQuota(cloud: CloudAccess, openid: string, templateKey: string, count: number): Promise<void> {
  const id = `${openid}:${templateKey}`;
  if (!Number.isInteger(count) || count < 0)
    throw new InvalidRecordError(`subscription_quotas/${id}`, [`count: 应为非负整数，实为 ${count}`]);
  if (count === 0) return;
  await cloud.transact(async (t) => {
    const ref = t.collection(CLOUD_COLLECTIONS.subscriptionQuotas).doc(keyId(id));
    const doc = await cloud.getDoc(ref);
    const before = doc === undefined ? 0 : doc.count;
    if (typeof before !== 'number' || !Number.isInteger(before) || before < 0)
      throw new StoredRecordError(`subscription_quotas/${id}`, ['count: 应为非负整数']);
    await ref.set({ data: { openid, templateKey, count: before + count } });
  });
}

export async function takeSubscriptionQuota(cloud: CloudAccess, openid: string, templateKey: string): Promise<boolean> {
  const r = await cloud
    .where(CLOUD_COLLECTIONS.subscriptionQuotas, [{ _id: keyId(`${openid}:${templateKey}`), count: cloud._.gt(0) }])
    .update({
      data: { count: cloud._.inc(-1) },
    });
  return r.stats.updated === 1;
}

export async function clearSubscriptionQuota(cloud: CloudAccess, openid: string, templateKey: string): Promise<void> {
  try {
    await cloud.db
      .collection(CLOUD_COLLECTIONS.subscriptionQuotas)
      .doc(keyId(`${openid}:${templateKey}`))
      .remove();
  } catch (e) {
    if (!isMissingDoc(e)) throw e;
  }
}
