/**
 * WAL checkpoints off the event loop. With `wal_autocheckpoint` at its default, the commit that
 * pushes the WAL past 1,000 pages copies them into the database file and syncs it — inside that
 * `COMMIT`, on the event loop, every few dozen submits. Here a worker thread with its own
 * connection to the file runs `PRAGMA wal_checkpoint(PASSIVE)` every `intervalMs` while the WAL
 * has grown: PASSIVE never waits for and never blocks the writer or the readers, and once a
 * checkpoint has caught up, the writer's next commit starts the WAL from its beginning again.
 *
 * The WAL stays bounded: the main connection keeps an automatic checkpoint at `boundPages`
 * (`WAL_BOUND_PAGES`), far above what the worker lets gather, so a stopped or slow worker can never
 * let the file grow without limit. Durability does not change: a checkpoint syncs the WAL before
 * it copies and the database file after (the worker's connection runs `synchronous = NORMAL`, as
 * SQLite's own checkpoint does), and no write is acknowledged before its WAL frames are flushed
 * (`wal-sync.ts`), whoever checkpoints them later.
 */
import { Worker } from 'node:worker_threads';
import { setTimeout as nodeSetTimeout } from 'node:timers';

/** The WAL size (pages) at which the writer checkpoints itself: the bound when the worker falls behind. */
export const WAL_BOUND_PAGES = 16_000;
/** How often the worker looks at the WAL. */
export const CHECKPOINT_INTERVAL_MS = 100;

/** What the worker reports after each checkpoint that did work. */
export interface CheckpointReport {
  /** Pages in the WAL when it ran, and how many of them are now in the database file. */
  log: number;
  checkpointed: number;
}

// Plain CommonJS run by the worker: the connection, a timer, and one message per checkpoint.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
db.pragma('wal_autocheckpoint = 0');
let paused = false;
const checkpoint = () => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    if (r && r.log > 0) parentPort.postMessage({ log: r.log, checkpointed: r.checkpointed });
  } catch (e) {
    parentPort.postMessage({ error: String(e && e.message || e) });
  }
};
const timer = setInterval(() => paused || checkpoint(), workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m === 'pause') paused = true;
  else if (m === 'resume') paused = false;
  else if (m === 'now') checkpoint();
  else if (m === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.postMessage({ stopped: true });
  }
});
`;

export class Checkpointer {
  private readonly worker: Worker;
  private stopped: Promise<void> | undefined;
  /** Checkpoints that did work, and the last one's figures (for tests and the bench). */
  runs = 0;
  last: CheckpointReport | undefined;
  lastError: string | undefined;

  constructor(file: string, intervalMs = CHECKPOINT_INTERVAL_MS) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, intervalMs, driver: require.resolve('better-sqlite3') },
    });
    this.worker.unref(); // never keeps a process alive on its own
    this.worker.on('message', (m: CheckpointReport | { error: string } | { stopped: true }) => {
      if ('error' in m) this.lastError = m.error;
      else if ('log' in m) {
        this.runs++;
        this.last = m;
      }
    });
    this.worker.on('error', (e) => {
      this.lastError = String(e);
    });
  }

  /**
   * A bulk import pauses the timer and asks for a checkpoint every so many batches (`now`): pages
   * that several batches rewrite are then copied once, still off the event loop.
   */
  pause(): void {
    this.worker.postMessage('pause');
  }

  resume(): void {
    this.worker.postMessage('resume');
  }

  /** One checkpoint as soon as the worker is free, paused or not. */
  now(): void {
    this.worker.postMessage('now');
  }

  /** Stops the timer and closes the worker's connection (before the store closes its own). */
  stop(): Promise<void> {
    this.stopped ??= new Promise<void>((resolve) => {
      const done = () => resolve();
      this.worker.once('exit', done);
      this.worker.on('message', (m: { stopped?: boolean }) => {
        if (m.stopped) void this.worker.terminate().then(done, done);
      });
      this.worker.postMessage('stop');
      // A worker that died already answers nothing: terminate resolves at once then.
      // Node's own timer (a browser-like test environment's setTimeout has no unref).
      nodeSetTimeout(() => void this.worker.terminate().then(done, done), 2_000).unref();
    });
    return this.stopped;
  }
}
