/**
 * The real local host (`host/main.ts`) as a child process for the end-to-end tests: a free port,
 * a data folder of its own, the H5 build from dist-h5. `restart()` keeps the data folder, which is
 * how a test shows that what was saved survives a restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const START_TIMEOUT_MS = 60000;

export interface HostOptions {
  /** Reuse a data folder (default: a fresh temporary one, removed by `stop({ removeData: true })`). */
  dataDir?: string;
  /** Extra environment for the host. */
  env?: Record<string, string>;
}

export interface RunningHost {
  /** `http://127.0.0.1:<port>` without a trailing slash. */
  url: string;
  port: number;
  dataDir: string;
  /** Everything the host printed, for failure messages. */
  output: () => string;
  stop: (opts?: { removeData?: boolean }) => Promise<void>;
  /** Stops the host and starts it again on the same data folder (and a new port). */
  restart: () => Promise<RunningHost>;
}

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

export async function startHost(opts: HostOptions = {}): Promise<RunningHost> {
  const h5Dir = join(ROOT, 'dist-h5');
  if (!existsSync(join(h5Dir, 'index.html'))) {
    throw new Error('dist-h5/index.html is missing: run `npm run build:h5` before the end-to-end tests');
  }
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'wy-e2e-'));
  const port = await freePort();
  let log = '';
  const child: ChildProcess = spawn(TSX, ['host/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      H5_DIR: h5Dir,
      DEV_LOGIN: '1',
      // A test may file several cases as one resident on one day.
      SUBMISSIONS_PER_DAY: '1000',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));

  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(url, exited, () => log);

  const host: RunningHost = {
    url,
    port,
    dataDir,
    output: () => log,
    async stop({ removeData = false } = {}) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killed = await Promise.race([exited.then(() => true), deadline(10000).then(() => false)]);
        if (!killed) {
          child.kill('SIGKILL');
          await exited;
        }
      }
      if (removeData) rmSync(dataDir, { recursive: true, force: true });
    },
    async restart() {
      await host.stop();
      return startHost({ ...opts, dataDir });
    },
  };
  return host;
}

async function waitUntilUp(url: string, exited: Promise<number | null>, log: () => string): Promise<void> {
  const started = Date.now();
  let gone: number | null | undefined;
  void exited.then((code) => (gone = code));
  while (Date.now() - started < START_TIMEOUT_MS) {
    if (gone !== undefined) throw new Error(`the host exited (code ${gone}) before it was up:\n${log()}`);
    try {
      const res = await fetch(`${url}/auth/dev-personas`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`the host did not answer within ${START_TIMEOUT_MS / 1000}s:\n${log()}`);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A timeout that does not keep the test process alive once everything else is done. */
const deadline = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms).unref());

/** A persona from GET /auth/dev-personas. */
export interface Persona {
  openid: string;
  name: string;
  roles: string[];
}

export async function listPersonas(host: RunningHost): Promise<Persona[]> {
  const res = await fetch(`${host.url}/auth/dev-personas`);
  const body = (await res.json()) as { ok: boolean; data: { items: Persona[] } };
  if (!body.ok) throw new Error(`GET /auth/dev-personas failed: ${JSON.stringify(body)}`);
  return body.data.items;
}
