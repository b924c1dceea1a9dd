/**
 * Durable commits without blocking the event loop. The connection runs `synchronous = NORMAL`:
 * SQLite writes a commit's frames to the WAL and returns, and syncs only around checkpoints (so the
 * database file itself is never at risk). Before any write is acknowledged, `WalSync.durable` has
 * the WAL file fdatasync'd on libuv's thread pool: the acknowledgement means the same as with
 * `synchronous = FULL` — the commit survives a power cut — while the event loop goes on parsing
 * and routing the next requests during the disk flush instead of waiting in it. Concurrent callers
 * share one flush: a flush covers every frame written before it started.
 */
import { closeSync, existsSync, fdatasync, openSync } from 'node:fs';

export class WalSync {
  private fd: number | undefined;
  private dirty = false;
  private flushing: Promise<void> | undefined;
  /** Flushes started, for tests and figures. */
  flushes = 0;

  /** `walFile`: the `-wal` file of the database; undefined for an in-memory database (nothing to flush). */
  constructor(private readonly walFile: string | undefined) {}

  /** Resolves once every write made before the call is on disk. */
  async durable(): Promise<void> {
    if (this.walFile === undefined) return;
    this.dirty = true;
    while (this.dirty) {
      if (this.flushing) {
        await this.flushing; // it may have started before our write: look again
        continue;
      }
      this.dirty = false;
      const flush = this.flushOnce();
      this.flushing = flush;
      try {
        await flush;
      } finally {
        if (this.flushing === flush) this.flushing = undefined;
      }
    }
  }

  private flushOnce(): Promise<void> {
    const fd = this.open();
    if (fd === undefined) return Promise.resolve();
    this.flushes++;
    return new Promise((resolve, reject) => fdatasync(fd, (err) => (err ? reject(err) : resolve())));
  }

  private open(): number | undefined {
    if (this.fd === undefined && this.walFile !== undefined && existsSync(this.walFile)) this.fd = openSync(this.walFile, 'r');
    return this.fd;
  }

  /** Waits for a flush under way, then closes the file. */
  async close(): Promise<void> {
    while (this.flushing) await this.flushing.catch(() => undefined);
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
