/**
 * A seeding worker thread: builds batches of the synthetic history and turns them into import rows
 * (`importRowsOf`: the checks, the JSON texts, the derived columns, the counter sums) while the main
 * thread inserts the batch before. It builds batch `first`, `first + step`, … — one for each credit
 * the main thread sends, so at most a few batches wait in memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { importRowsOf } from '../backend/store/sqlite/bulk-import';
import { syntheticItems, type Shape, type SyntheticPlan } from './synthetic-items';

/** What the main thread hands the worker. */
export interface SeedWorkerData {
  shapes: Shape[];
  plan: SyntheticPlan;
  batch: number;
  first: number;
  step: number;
  /** The per-record zod pass (on in the test suites, see `checkBuiltChanges`). */
  checkRecords: boolean;
}

const data = workerData as SeedWorkerData;
const batches = Math.ceil(data.plan.count / data.batch);
let next = data.first;

parentPort!.on('message', (m: unknown) => {
  if (m !== 'more' || next >= batches) return;
  const index = next;
  next += data.step;
  const items = syntheticItems(data.shapes, data.plan, index * data.batch, (index + 1) * data.batch);
  const rows = importRowsOf(items, data.checkRecords);
  parentPort!.postMessage(rows.ok ? { index, rows: rows.value } : { index, error: rows.error.message });
});
