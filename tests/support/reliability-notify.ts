/**
 * A WeChat subscribe-message sender that fails at random (seeded), and a view of the store per
 * dispatcher that ties every send to the notice it was for, so the tests can count sends per notice.
 */
import { NOTICE_KINDS } from '../../core/model';
import type { SendOutcome, SubscribeSender, TemplateConfig } from '../../backend/notify/dispatcher';
import type { OutboxItem, Store } from '../../backend/store/store.port';

export { NOTICE_KINDS };

/** A template for every kind of notice. */
export const ALL_TEMPLATES: TemplateConfig = Object.fromEntries(
  NOTICE_KINDS.map((k) => [
    k,
    { templateId: `tpl-${k}`, fields: { thing1: 'title', thing2: 'body', character_string3: 'caseId', time4: 'time', phrase5: 'status' } },
  ]),
);

export type SendResult = 'ok' | 'thrown' | number;

export interface SendRecord {
  /** The notice the send was for (set when the dispatcher records the item). */
  key?: string;
  touser: string;
  templateId: string;
  result: SendResult;
}

export interface Chaos {
  ok: number;
  thrown: number;
  minusOne: number;
  noQuota: number;
  other: number;
}

export const DEFAULT_CHAOS: Chaos = { ok: 0.45, thrown: 0.2, minusOne: 0.17, noQuota: 0.1, other: 0.08 };

/**
 * One dispatcher's sender and store view. A dispatcher delivers a batch's items at once, and each
 * store write may wait for the disk, so another item's write can come between a send and the save
 * that records it: a send is tied to the first later `saveOutbox` of a notice for the same person,
 * template and case.
 */
export function chaosChannel(
  store: Store,
  rnd: () => number,
  ledger: SendRecord[],
  chaos: Chaos = DEFAULT_CHAOS,
  /** A person and template whose sends always fail with -1 (a broken template), so that the retry limit is surely reached. */
  broken?: { touser: string; templateId: string },
) {
  const pending: { rec: SendRecord; caseId: string }[] = [];
  const sender: SubscribeSender = {
    async send(msg): Promise<SendOutcome> {
      // Let another dispatcher run in between.
      await new Promise((r) => setImmediate(r));
      const x = rnd();
      const rec: SendRecord = { touser: msg.touser, templateId: msg.templateId, result: 'ok' };
      ledger.push(rec);
      pending.push({ rec, caseId: decodeURIComponent(/[?&]id=([^&]*)/.exec(msg.page ?? '')?.[1] ?? '') });
      if (broken && msg.touser === broken.touser && msg.templateId === broken.templateId) {
        rec.result = -1;
        return { ok: false, errCode: -1, errMsg: 'system error' };
      }
      let edge = chaos.ok;
      if (x < edge) return { ok: true };
      if (x < (edge += chaos.thrown)) {
        rec.result = 'thrown';
        throw new Error('socket hang up');
      }
      if (x < (edge += chaos.minusOne)) {
        rec.result = -1;
        return { ok: false, errCode: -1, errMsg: 'system error' };
      }
      if (x < (edge += chaos.noQuota)) {
        rec.result = 43101;
        return { ok: false, errCode: 43101, errMsg: 'user refuse to accept the msg' };
      }
      rec.result = 45009;
      return { ok: false, errCode: 45009, errMsg: 'reach max api daily quota limit' };
    },
  };
  const view = new Proxy(store, {
    get(target, prop) {
      if (prop === 'saveOutbox')
        return async (item: OutboxItem) => {
          const n = item.notice;
          const templateId = ALL_TEMPLATES[n.kind]?.templateId;
          for (let i = pending.length - 1; i >= 0; i--) {
            const p = pending[i]!;
            if (p.rec.touser === n.recipientOpenid && p.rec.templateId === templateId && p.caseId === n.caseId) {
              p.rec.key = n.key;
              pending.splice(i, 1);
            }
          }
          return target.saveOutbox(item);
        };
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { sender, store: view };
}

/** Counts records by a key. */
export function countBy<T>(items: readonly T[], keyOf: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) m.set(keyOf(i), (m.get(keyOf(i)) ?? 0) + 1);
  return m;
}

/**
 * The store with random pauses before each call (so that concurrent users interleave differently on
 * every run of the seed) and, optionally, the due cases in reverse order (another timer instance
 * walking the list from the other end).
 */
export function jittered(store: Store, rnd: () => number, opts: { reverseDue?: boolean } = {}): Store {
  return new Proxy(store, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target) as unknown;
      if (typeof v !== 'function') return v;
      const fn = (v as (...a: unknown[]) => Promise<unknown>).bind(target);
      return async (...args: unknown[]) => {
        for (let n = Math.floor(rnd() * 3); n > 0; n--) await new Promise((r) => setImmediate(r));
        const out = await fn(...args);
        return prop === 'listDueCases' && opts.reverseDue && Array.isArray(out) ? [...out].reverse() : out;
      };
    },
  });
}
