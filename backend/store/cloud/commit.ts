/**
 * A case change on the cloud database: one transaction that reads everything it checks at once,
 * then writes everything at once (two round trips), retried on conflict; the board counters are
 * spread over shards so that concurrent submits in one grid, month and category do not collide.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Case } from '../../../core/model';
import { fail, ok, type Result } from '../../../core/errors';
import { addTally, type CaseTally } from '../../../core/metrics';
import type { CaseChange, OutboxItem } from '../store.port';
import { StoredRecordError } from '../schemas';
import { checkChangeShape, checkEventsAgainst, eventsByCase, tallyMoves, tallyRowId, tallyRowKeyOf, type TallyRowKey } from '../cursor';
import { CLOUD_COLLECTIONS, CLOUD_ID_RULE, ID_RULE_MESSAGE, eventId, keyId, type CloudDoc, type CloudTransaction } from './api';
import {
  BUSY_MESSAGE,
  CONFLICT_MESSAGE,
  Rollback,
  abortIfFailed,
  caseDoc,
  defined,
  errorText,
  isConflict,
  outboxDoc,
  strip,
  type CloudAccess,
} from './access';

/**
 * Each board-counter row may be kept in up to this many documents: a change writes the first, and
 * a change retried after a collision one at random, so that submits arriving together in one grid,
 * month and category spread over them (the database aborts the later of two transactions writing
 * one document); a quiet row stays one document. The board sums them.
 */
export const TALLY_SHARDS = 8;
/**
 * The shard a change's counts go to. Any shard will do (the board sums them): the first run takes
 * the first, so that a row written by one change at a time stays one document (the board reads
 * fewer), and a run after a failure one at random, so that the writers that collided spread over
 * the others instead of colliding again.
 */
const tallyShardOf = (run: number): number => (run === 0 ? 0 : Math.floor(Math.random() * TALLY_SHARDS));

export async function commitChange(cloud: CloudAccess, change: CaseChange): Promise<Result<void>> {
  const shape = checkChangeShape(change);
  if (!shape.ok) return shape;
  for (const { case: c } of change.creates)
    if (!CLOUD_ID_RULE.test(c.id)) return fail('INTERNAL', `案件编号 ${c.id} ${ID_RULE_MESSAGE}`, { caseId: c.id });
  const events = eventsByCase(change.events);
  const C = CLOUD_COLLECTIONS;
  let runs = 0;
  try {
    await cloud.transact(async (t, attempt) => {
      // A run after an ambiguous failure first looks whether an earlier run committed after all.
      if (attempt > 1 && (await alreadyCommitted(cloud, t, change))) return;
      // Every read at once (one round trip), then the checks; nothing is written unless every check passes.
      const creates = change.creates.map(({ case: c, requestKey }) => ({
        c,
        requestKey,
        request: requestKey === undefined ? undefined : cloud.getDoc(t.collection(C.caseRequests).doc(keyId(requestKey))),
        stored: cloud.getDoc(t.collection(C.cases).doc(c.id)),
      }));
      const updates = change.updates.map(({ case: c, expectedVersion }) => ({
        c,
        expectedVersion,
        stored: cloud.getDoc(t.collection(C.cases).doc(c.id)),
      }));
      const outboxReads = change.notices.map((n) => ({ n, stored: cloud.getDoc(t.collection(C.outbox).doc(keyId(n.key))) }));
      // The counter row of each case as written is read with the rest; a row only the stored case
      // names (a case moved to another grid or category) is read after it.
      const shard = tallyShardOf(runs++);
      const rowIds = new Map<string, Promise<CloudDoc | undefined>>();
      const counterRead = (key: TallyRowKey): Promise<CloudDoc | undefined> => {
        const id = keyId(`${tallyRowId(key)}#${shard}`);
        let p = rowIds.get(id);
        if (!p) rowIds.set(id, (p = cloud.getDoc(t.collection(C.tallies).doc(id))));
        return p;
      };
      const reads: (Promise<unknown> | undefined)[] = [
        ...creates.flatMap((x) => [x.request, x.stored]),
        ...updates.map((x) => x.stored),
        ...outboxReads.map((x) => x.stored),
        ...[...change.creates, ...change.updates].map((x) => counterRead(tallyRowKeyOf(x.case))),
      ];
      // Settle every read before deciding, so that no read is left running when the run ends.
      const settled = await Promise.allSettled(reads);
      const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;

      const pairs: { before?: Case; after: Case }[] = [];
      for (const { c, requestKey, request, stored } of creates) {
        const existing = await request;
        if (existing)
          throw new Rollback(
            fail('CASE.CONFLICT', '该诉求已提交，请勿重复提交', { reason: 'duplicate_request', requestKey, caseId: existing.caseId }),
          );
        if (await stored) throw new Rollback(fail('CASE.CONFLICT', '案件编号已存在，请重试', { reason: 'duplicate_id', caseId: c.id }));
        abortIfFailed(checkEventsAgainst(c.id, 0, c, events.get(c.id) ?? []));
        pairs.push({ after: c });
      }
      for (const { c, expectedVersion, stored } of updates) {
        const doc = await stored;
        if (!doc) throw new Rollback(fail('CASE.NOT_FOUND', '案件不存在', { caseId: c.id }));
        const before = cloud.parseCaseDoc(doc, c.id);
        if (before.version !== expectedVersion)
          throw new Rollback(fail('CASE.CONFLICT', CONFLICT_MESSAGE, { caseId: c.id, expectedVersion, storedVersion: before.version }));
        abortIfFailed(checkEventsAgainst(c.id, before.lastSeq, c, events.get(c.id) ?? []));
        pairs.push({ before, after: c });
      }
      const fresh: OutboxItem[] = [];
      for (const { n, stored } of outboxReads)
        if (!(await stored)) fresh.push({ notice: n, status: 'queued', attempts: 0, nextAttemptAt: n.at, done: {} });
      const moves = tallyMoves(pairs);
      const rows = moves.map((m) => ({ m, stored: counterRead(m.key) }));
      const rowsSettled = await Promise.allSettled(rows.map((r) => r.stored));
      const rowFailed = rowsSettled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (rowFailed) throw rowFailed.reason;
      const counters: { id: string; key: TallyRowKey; tally: CaseTally }[] = [];
      for (const { m, stored: p } of rows) {
        const id = keyId(`${tallyRowId(m.key)}#${shard}`);
        const doc = await p;
        const stored = doc ? cloud.parseTallyDoc(doc).tally : undefined;
        counters.push({ id, key: m.key, tally: stored ? addTally(stored, m.delta) : m.delta });
      }

      // Every write at once: one round trip.
      const writes: Promise<unknown>[] = [];
      for (const { case: c, requestKey } of change.creates) {
        if (requestKey !== undefined)
          writes.push(
            t
              .collection(C.caseRequests)
              .doc(keyId(requestKey))
              .set({ data: { requestKey, caseId: c.id, at: c.createdAt } }),
          );
        writes.push(
          t
            .collection(C.cases)
            .doc(c.id)
            .set({ data: caseDoc(c) }),
        );
      }
      for (const { case: c } of change.updates)
        writes.push(
          t
            .collection(C.cases)
            .doc(c.id)
            .set({ data: caseDoc(c) }),
        );
      for (const e of change.events)
        writes.push(
          t
            .collection(C.caseEvents)
            .doc(eventId(e.caseId, e.seq))
            .set({ data: defined(e) }),
        );
      for (const item of fresh)
        writes.push(
          t
            .collection(C.outbox)
            .doc(keyId(item.notice.key))
            .set({ data: outboxDoc(item) }),
        );
      for (const r of counters)
        writes.push(
          t
            .collection(C.tallies)
            .doc(r.id)
            .set({ data: { ...r.key, shard, tally: r.tally } }),
        );
      const written = await Promise.allSettled(writes);
      const writeFailed = written.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (writeFailed) throw writeFailed.reason;
    });
    return ok(undefined);
  } catch (e) {
    if (e instanceof Rollback) return e.result;
    // Still conflicting after every try: others kept writing the same documents (a board counter).
    if (isConflict(e))
      return change.updates.length === 0
        ? fail('CASE.CONFLICT', BUSY_MESSAGE, { reason: 'busy', cause: errorText(e) })
        : fail('CASE.CONFLICT', CONFLICT_MESSAGE, { cause: errorText(e) });
    if (e instanceof StoredRecordError) return fail('INTERNAL', e.message, { record: e.record, issues: e.issues });
    return fail('INTERNAL', '保存失败，请稍后重试', { cause: errorText(e) });
  }
}

/**
 * Whether the change is stored exactly as it writes it — every case and its last new event — so
 * that an earlier run committed it. (Two racers computing the same case differ in their events.)
 */
async function alreadyCommitted(cloud: CloudAccess, t: CloudTransaction, change: CaseChange): Promise<boolean> {
  const cases = [...change.creates.map((x) => x.case), ...change.updates.map((x) => x.case)];
  if (cases.length === 0) return false;
  const same = (stored: CloudDoc | undefined, mine: object, ...extra: string[]) =>
    stored !== undefined && isDeepStrictEqual(defined(strip(stored, ...extra)), defined(mine));
  for (const c of cases) {
    const doc = await cloud.getDoc(t.collection(CLOUD_COLLECTIONS.cases).doc(c.id));
    if (!doc || !same(doc.case as CloudDoc, c)) return false;
    const last = change.events.find((e) => e.caseId === c.id && e.seq === c.lastSeq);
    if (last && !same(await cloud.getDoc(t.collection(CLOUD_COLLECTIONS.caseEvents).doc(eventId(c.id, last.seq))), last)) return false;
  }
  return true;
}
