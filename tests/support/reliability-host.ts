/**
 * Hosts for the reliability tests: the real `host/main.ts` as a child process (killed, restarted,
 * measured), or `buildHost` in this process on port 0; a small HTTP client; and a fingerprint of
 * the SQLite file that tells whether anything was written.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../backend/store/sqlite-store';
import { seedDemoStreet } from '../../backend/seed/demo-street';
import { invalidateDirectory } from '../../backend/services/directory';
import type { Deps } from '../../backend/deps';
import { buildHost } from '../../host/server';

export const ROOT = resolve(__dirname, '../..');
export const DB_FILE = 'wuyuan.sqlite';

export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), prefix));

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A timeout that does not keep the process alive (for races against an exit). */
const deadline = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms).unref());

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => res(port));
    });
  });
}

// ——— the HTTP contract ———

export interface ApiError {
  code: string;
  message: string;
}
export interface Reply<T = unknown> {
  status: number;
  body: { ok: boolean; data?: T; error?: ApiError };
}

// The reply data is whatever the action answers; tests read it field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyData = any;

/** POSTs JSON (or a raw string) and reads the JSON reply. */
export async function post<T = AnyData>(base: string, path: string, body: unknown, token?: string): Promise<Reply<T>> {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: Reply<T>['body'];
  try {
    parsed = JSON.parse(text) as Reply<T>['body'];
  } catch {
    parsed = { ok: false, error: { code: 'NOT_JSON', message: text.slice(0, 200) } };
  }
  return { status: res.status, body: parsed };
}

/** Calls `fn.action` with params. */
export const call = <T = AnyData>(base: string, fn: string, action: string, params: Record<string, unknown>, token?: string) =>
  post<T>(base, `/api/${fn}`, { action, ...params }, token);

export async function login(base: string, openid: string): Promise<string> {
  const r = await post<{ token: string }>(base, '/auth/dev-login', { openid });
  if (r.status !== 200 || !r.body.data) throw new Error(`dev-login ${openid} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.data.token;
}

/** A GET with the path sent exactly as written (fetch would normalise `..` and `%2e`). */
export function rawGet(base: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Buffer }> {
  const url = new URL(base);
  return new Promise((res, rej) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method: 'GET', path, headers }, (r) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => res({ status: r.statusCode ?? 0, body: Buffer.concat(chunks) }));
      r.on('error', rej);
    });
    req.on('error', rej);
    req.end();
  });
}

/** The error reply every refusal must be: a stable code and a Chinese sentence. */
export const ERROR_CODE = /^[A-Z]+\.[A-Z_]+$/;
export const CJK = /[\u3400-\u9fff]/;

export function cleanErrorProblem(r: Reply): string | undefined {
  if (r.status >= 500) return `status ${r.status}`;
  if (r.body.ok !== false) return 'not an error reply';
  const e = r.body.error;
  if (!e || typeof e.code !== 'string' || !ERROR_CODE.test(e.code)) return `bad code ${JSON.stringify(e)}`;
  if (typeof e.message !== 'string' || !CJK.test(e.message)) return `message not Chinese ${JSON.stringify(e)}`;
  return undefined;
}

// ——— the host in this process ———

export interface InProcessHost {
  url: string;
  dataDir: string;
  dbFile: string;
  store: SqliteStore;
  deps: Deps;
  /** The host's sweep of expired exports and unattached uploads. */
  housekeep(): Promise<{ uploads: number; exports: number }>;
  close(): Promise<void>;
}

/** `buildHost` over a seeded SQLite file in a temp folder, listening on a free port. */
export async function startInProcessHost(
  opts: {
    now?: () => Date;
    seedCases?: number;
    submissionsPerDay?: number;
    uploadsPerDay?: number;
    allowedHosts?: string[];
    devLogin?: boolean;
    /** Reuse a data folder (already seeded) instead of a new one. */
    dataDir?: string;
  } = {},
): Promise<InProcessHost> {
  const dataDir = opts.dataDir ?? tempDir('wuyuan-rel-');
  const dbFile = join(dataDir, DB_FILE);
  const store = SqliteStore.open(dbFile);
  if (!opts.dataDir) await seedDemoStreet(store, opts.now?.() ?? new Date(), opts.seedCases ?? 0);
  invalidateDirectory(store);
  const { app, deps, housekeep } = await buildHost({
    store,
    dataDir,
    devLogin: opts.devLogin ?? true,
    now: opts.now,
    submissionsPerDay: opts.submissionsPerDay,
    uploadsPerDay: opts.uploadsPerDay,
    allowedHosts: opts.allowedHosts,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    dbFile,
    store,
    deps,
    housekeep,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

// ——— the real host as a child process ———

export interface ChildHost {
  url: string;
  port: number;
  dataDir: string;
  proc: ChildProcess;
  output(): string;
  /** SIGKILL to the whole process group (tsx runs the host in a child of its own). */
  kill(): Promise<void>;
  /** SIGTERM and wait; the host closes the store cleanly. */
  stop(): Promise<void>;
}

const exited = (proc: ChildProcess): Promise<void> =>
  proc.exitCode !== null || proc.signalCode !== null ? Promise.resolve() : new Promise((r) => proc.once('exit', () => r()));

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitGroupGone(pgid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!groupAlive(pgid)) return true;
    await sleep(20);
  }
  return !groupAlive(pgid);
}

/** Starts `tsx host/main.ts` with the given data folder and waits until it answers. */
export async function spawnHost(opts: { dataDir: string; port?: number; env?: Record<string, string> }): Promise<ChildHost> {
  const port = opts.port ?? (await freePort());
  const proc = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['host/main.ts'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: opts.dataDir,
      SEED_CASES: '0',
      H5_DIR: join(opts.dataDir, 'no-h5-here'),
      TIMER_INTERVAL_MS: '3600000',
      ...opts.env,
    },
  });
  let out = '';
  proc.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const pgid = proc.pid!;
  // The pipes stay open handles until destroyed, even after the process is gone.
  const release = () => {
    proc.stdout?.destroy();
    proc.stderr?.destroy();
  };
  const url = `http://127.0.0.1:${port}`;
  const host: ChildHost = {
    url,
    port,
    dataDir: opts.dataDir,
    proc,
    output: () => out,
    async kill() {
      if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
      await exited(proc);
      await waitGroupGone(pgid, 5000);
      release();
    },
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await Promise.race([exited(proc), deadline(10_000)]);
      if (!(await waitGroupGone(pgid, 10_000))) await host.kill();
      release();
    },
  };
  const until = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`host exited early (${proc.exitCode}):\n${out}`);
    try {
      const r = await post(url, '/api/board', { action: 'listCases' });
      if (r.status === 200) return host;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      await host.kill();
      throw new Error(`host did not start in time:\n${out}`);
    }
    await sleep(100);
  }
}

/** Resident set size (bytes) of a process and all its descendants, from /proc. */
export function rssOfTree(rootPid: number): number {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(name), ppid);
    } catch {
      // gone
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid, i = 0; p > 1 && i < 64; p = parentOf.get(p) ?? 0, i++) if (p === rootPid) return true;
    return false;
  };
  let total = 0;
  for (const pid of parentOf.keys()) {
    if (!inTree(pid)) continue;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      // gone
    }
  }
  return total;
}

// ——— what the database holds ———

export const TABLES = ['cases', 'events', 'outbox', 'inbox', 'refs', 'tallies', 'subscription_quotas'] as const;

export interface Fingerprint {
  counts: Record<string, number>;
  hashes: Record<string, string>;
}

/** Row counts and a hash of every row of each table, read through a separate read-only connection. */
export function fingerprint(dbFile: string): Fingerprint {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const counts: Record<string, number> = {};
    const hashes: Record<string, string> = {};
    for (const t of TABLES) {
      const rows = (db.prepare(`SELECT * FROM ${t}`).all() as unknown[]).map((r) => JSON.stringify(r)).sort();
      const h = createHash('sha256');
      for (const r of rows) h.update(r).update('\n');
      counts[t] = rows.length;
      hashes[t] = h.digest('hex');
    }
    return { counts, hashes };
  } finally {
    db.close();
  }
}

/** The names of the tables in the file. */
export function tableNames(dbFile: string): string[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}

/** A small seeded PRNG (mulberry32), so failures replay. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
