/** Case numbers on the cloud database: one document per street and month (`case_numbers`). */
import { fail, ok, type Result } from '../../../core/errors';
import { InvalidQueryError } from '../cursor';
import { StoredRecordError } from '../schemas';
import { CLOUD_COLLECTIONS, keyId } from './api';
import { BUSY_MESSAGE, type CloudAccess } from './access';

/** Compare-and-set tries for a case number before giving up with 「同时提交的人较多」. */
const NUMBER_CLAIM_TRIES = 12;
/** The wait between tries grows from about one round trip, capped, randomised so racers spread out. */
const BACKOFF_MS = 50;
const BACKOFF_CAP_MS = 800;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function lastCaseNumber(cloud: CloudAccess, scope: string): Promise<number> {
  const doc = await cloud.getDoc(cloud.db.collection(CLOUD_COLLECTIONS.caseNumbers).doc(keyId(scope)));
  if (doc === undefined) return 0;
  const last = doc.last;
  if (typeof last !== 'number' || !Number.isSafeInteger(last) || last < 1)
    throw new StoredRecordError(`case_numbers/${scope}`, ['last: 应为正整数']);
  return last;
}

/**
 * A compare-and-set on the scope's one document, outside any transaction: a conditional update
 * (`last` still what was seen) that only one caller can match, one round trip when `seen` is
 * right. The first number of a scope creates the document in a transaction, so two creators
 * cannot both start at 1. Callers batch their requests (`backend/services/case-numbers.ts`), so a
 * burst in one process makes one claim, not one per case.
 */
export async function claimCaseNumbers(
  cloud: CloudAccess,
  scope: string,
  count: number,
  seen?: number,
): Promise<Result<{ first: number }>> {
  if (!Number.isSafeInteger(count) || count < 1) throw new InvalidQueryError(`claimCaseNumbers: bad count ${count}`);
  const id = keyId(scope);
  let expected = seen;
  for (let attempt = 1; attempt <= NUMBER_CLAIM_TRIES; attempt++) {
    expected ??= await lastCaseNumber(cloud, scope);
    if (expected === 0) {
      const created = await cloud.transact(async (t) => {
        const ref = t.collection(CLOUD_COLLECTIONS.caseNumbers).doc(id);
        if (await cloud.getDoc(ref)) return false;
        await ref.set({ data: { scope, last: count } });
        return true;
      });
      if (created) return ok({ first: 1 });
    } else {
      const r = await cloud
        .where(CLOUD_COLLECTIONS.caseNumbers, [{ _id: id, last: expected }])
        .update({ data: { last: expected + count } });
      if (r.stats.updated === 1) return ok({ first: expected + 1 });
      await sleep(Math.random() * Math.min(BACKOFF_MS * 2 ** attempt, BACKOFF_CAP_MS));
    }
    expected = undefined;
  }
  return fail('CASE.CONFLICT', BUSY_MESSAGE);
}
