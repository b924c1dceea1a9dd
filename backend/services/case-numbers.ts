/**
 * Hands out case numbers (`core/case-number.ts`) from the store's per-street-month counters.
 *
 * Requests for one scope that arrive while a claim is in flight wait and are served together by
 * the next claim (`claimCaseNumbers(scope, n)`): a burst of submits in one process makes a few
 * claims, not one per case, so the counter document is no hot spot for the process. The last
 * number seen is remembered per store and scope, so that the cloud's compare-and-set usually needs
 * no read first; `warm` reads it beside a submit's other reads when it is not known yet.
 */
import { caseNumberScope, formatCaseNumber, type CaseNumberScope } from '../../core/case-number';
import { fail, ok, type Result } from '../../core/errors';
import type { Store } from '../store/store.port';

interface Waiter {
  resolve: (r: Result<number>) => void;
}

interface ScopeState {
  /** The last number this process saw given (its own claims included). */
  seen?: number;
  /** A read of `seen` in flight. */
  reading?: Promise<void>;
  waiting: Waiter[];
  claiming: boolean;
}

const states = new WeakMap<Store, Map<string, ScopeState>>();

function stateOf(store: Store, key: string): ScopeState {
  let byScope = states.get(store);
  if (!byScope) states.set(store, (byScope = new Map()));
  let s = byScope.get(key);
  if (!s) byScope.set(key, (s = { waiting: [], claiming: false }));
  return s;
}

/** Reads the scope's last number into the cache when it is not known (a submit's parallel reads). */
export async function warmCaseNumbers(store: Store, streetId: string, at: Date): Promise<void> {
  const { key } = caseNumberScope(streetId, at);
  const s = stateOf(store, key);
  if (s.seen !== undefined) return;
  s.reading ??= store
    .lastCaseNumber(key)
    .then((n) => {
      s.seen = Math.max(s.seen ?? 0, n);
    })
    .finally(() => {
      s.reading = undefined;
    });
  await s.reading;
}

async function claimFor(store: Store, key: string, s: ScopeState): Promise<void> {
  s.claiming = true;
  try {
    // The submits that arrive in the same event-loop turn join the first one's claim: on SQLite,
    // where a claim answers at once, each would otherwise write (and commit) the counter alone.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (s.waiting.length > 0) {
      if (s.reading) await s.reading;
      const batch = s.waiting.splice(0);
      let r: Result<{ first: number }>;
      try {
        r = await store.claimCaseNumbers(key, batch.length, s.seen);
      } catch (e) {
        r = fail('INTERNAL', '案件编号暂时无法生成，请稍后重试', { cause: String(e) });
      }
      if (!r.ok) {
        s.seen = undefined;
        for (const w of batch) w.resolve(r);
        continue;
      }
      const first = r.value.first;
      s.seen = first + batch.length - 1;
      batch.forEach((w, i) => w.resolve(ok(first + i)));
    }
  } finally {
    s.claiming = false;
  }
}

/** The next case number of a street for a case created at `at`: `2612-0042`. */
export async function nextCaseNumber(store: Store, streetId: string, at: Date): Promise<Result<string>> {
  const scope: CaseNumberScope = caseNumberScope(streetId, at);
  const s = stateOf(store, scope.key);
  const seq = await new Promise<Result<number>>((resolve) => {
    s.waiting.push({ resolve });
    if (!s.claiming) void claimFor(store, scope.key, s);
  });
  return seq.ok ? ok(formatCaseNumber(scope.yymm, seq.value)) : seq;
}
