/**
 * Gives a case number to every case filed before numbers existed (cloud cases keep no number
 * until then; the SQLite file numbered its own in a migration). Run by the timer, a batch at a
 * time within its budget, until a look finds none; then a mark in `settings` says so and later
 * ticks skip it with one read.
 *
 * - In filing order: the oldest unnumbered cases first, numbered in their street and month
 *   (`core/case-number.ts`) from the same counters a submit claims from, so no number is given
 *   twice, whoever else takes numbers at the same time.
 * - Idempotent: a case is written with its number by a compare-and-set on its version, and only
 *   while it has none; a case numbered meanwhile (another tick) keeps its number.
 * - Resumable: nothing but the cases themselves records the progress, so a tick stopped anywhere
 *   leaves the rest unnumbered for the next. A stop between a claim and the write leaves numbers
 *   unused (a gap in the sequence), never a number given twice.
 */
import type { Case } from '../../core/model';
import type { Store } from '../store/store.port';
import { nextCaseNumber } from './case-numbers';

/** The `settings` record that says every case has a number. */
export const CASE_NUMBER_BACKFILL_MARK = 'caseNumbersBackfilled';
/** Cases numbered per batch: few, so that a stop leaves few numbers unused. */
export const BACKFILL_BATCH = 20;
/** Writes of one case tried before the run stops (the case waits for the next run). */
const WRITE_TRIES = 3;

export interface BackfillReport {
  /** Cases given a number by this run. */
  numbered: number;
  /** True when no case is left without a number. */
  done: boolean;
}

export interface BackfillOptions {
  batch?: number;
  /** Whether another batch fits in the time left (the timer's budget); always, unless told. */
  fits?: () => boolean;
  /** Runs a batch (the timer measures it). */
  step?: <T>(run: () => Promise<T>) => Promise<T>;
}

/**
 * Writes `no` onto the case unless it has one by now: true when written, false when the case
 * was numbered meanwhile or could not be written (it stays for the next run).
 */
async function writeNumber(store: Store, first: Case, no: string): Promise<boolean> {
  let c: Case | undefined = first;
  for (let attempt = 0; attempt < WRITE_TRIES && c && c.no === undefined; attempt++) {
    const r = await store.commit({
      creates: [],
      updates: [{ expectedVersion: c.version, case: { ...c, no, version: c.version + 1 } }],
      events: [],
      notices: [],
    });
    if (r.ok) return true;
    // Changed meanwhile (or the write was refused): read it again and look.
    c = await store.getCase(first.id);
  }
  return false;
}

/** One batch: the oldest unnumbered cases, their numbers claimed together, written in order. */
async function backfillBatch(store: Store, batch: number): Promise<{ numbered: number; found: number; stuck: boolean }> {
  const cases = await store.listUnnumberedCases(batch);
  // Asked together, in filing order: each street and month's numbers come from one claim, in this order.
  const numbers = await Promise.all(cases.map((c) => nextCaseNumber(store, c.place.streetId, new Date(c.createdAt))));
  let numbered = 0;
  for (const [i, c] of cases.entries()) {
    const no = numbers[i]!;
    // A claim refused (the counter busy): the case waits for the next run, like those after it.
    if (!no.ok) return { numbered, found: cases.length, stuck: true };
    if (await writeNumber(store, c, no.value)) numbered++;
    else if ((await store.getCase(c.id))?.no === undefined) return { numbered, found: cases.length, stuck: true };
  }
  return { numbered, found: cases.length, stuck: false };
}

export async function backfillCaseNumbers(store: Store, opts: BackfillOptions = {}): Promise<BackfillReport> {
  if ((await store.getRef('settings', CASE_NUMBER_BACKFILL_MARK))?.value === 'done') return { numbered: 0, done: true };
  const batch = opts.batch ?? BACKFILL_BATCH;
  const fits = opts.fits ?? (() => true);
  const step = opts.step ?? (<T>(run: () => Promise<T>) => run());
  let numbered = 0;
  while (fits()) {
    const r = await step(() => backfillBatch(store, batch));
    numbered += r.numbered;
    if (r.stuck) return { numbered, done: false };
    if (r.found < batch) {
      // A short batch was the last: look once more (a case may have been missed by a racing run).
      if ((await store.listUnnumberedCases(1)).length > 0) continue;
      await store.putRef('settings', { id: CASE_NUMBER_BACKFILL_MARK, value: 'done' });
      return { numbered, done: true };
    }
  }
  return { numbered, done: false };
}
