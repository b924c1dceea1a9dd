/**
 * `npm run bench`: the figures this project promises, printed as a table beside their targets
 * and written to bench-results/bench.json. Not part of `npm test`.
 *
 * BENCH_SIZES=10000,1000000 (default) sets the stored-case counts (empty: none, the cloud figures only);
 * BENCH_SECONDS the HTTP load time; BENCH_ONLY=sqlite measures the stored-case sizes only (no bundles,
 * no browser, no cloud model); BENCH_HOST_NODE_ARGS are given to the node of the measured host (for example
 * `--cpu-prof --cpu-prof-dir=bench-results/profiles` to profile submit).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../backend/store/sqlite-store';
import { seedDemoStreet } from '../backend/seed/demo-street';
import { DEFAULT_LIMITS, makeIdFactory, type Deps } from '../backend/deps';
import { FUNCTIONS } from '../backend/functions';
import { caseShapes, importSynthetic } from './synthetic';
import { runTimerTick, TICK_BUDGET_MS, TIMER_TIMEOUT_S, type TickReport } from '../backend/functions/timer';
import { dispatchOutbox, TEMPLATE_SETTING_ID } from '../backend/notify/dispatcher';
import { invalidateDirectory } from '../backend/services/directory';
import { NOTICE_KINDS } from '../core/model';
import { fileDueCases, makeCloudWorld } from '../tests/support/cloud-world';
import { measureCloudRoundTrips, measureHotSubmits, ROUND_TRIP_LATENCY_MS } from './cloud-round-trips';
import { FakeSubscribeSender } from '../tests/support/fake-subscribe-sender';

const SIZES = (process.env.BENCH_SIZES ?? '10000,1000000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? '5');
/** Unmeasured submits before the measured load (see `httpBench`). */
const WARM_UP_SECONDS = 1;
const ITER = Number(process.env.BENCH_ITER ?? '300');
/**
 * The residents the submit load sends as. The host keeps the product's daily limit (20 a person), so
 * the 16 clients take turns over enough people for 8,000 submits a second: as on a real street, many
 * people file a few cases each, and the limit's count reads a few rows, not a run's worth.
 */
const BENCH_CLIENTS = Array.from(
  { length: Math.ceil(((LOAD_SECONDS + WARM_UP_SECONDS) * 8000) / DEFAULT_LIMITS.submissionsPerDay) },
  (_, i) => `bench-client-${String(i + 1).padStart(4, '0')}`,
);
const NOW = new Date();

type Row = { name: string; unit: string; target?: string; values: Record<string, number | string> };
const rows: Row[] = [];
const put = (name: string, unit: string, size: string, value: number | string, target?: string) => {
  let r = rows.find((x) => x.name === name);
  if (!r) rows.push((r = { name, unit, target, values: {} }));
  r.values[size] = value;
};

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

async function timeCalls(fn: () => Promise<unknown>, n = ITER): Promise<number[]> {
  for (let i = 0; i < 20; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

async function handlerLatencies(store: SqliteStore, label: string): Promise<void> {
  const deps: Deps = { store, now: () => NOW, newId: makeIdFactory(() => NOW), limits: DEFAULT_LIMITS };
  const call = async (fn: string, openid: string | undefined, action: string, params: Record<string, unknown> = {}) => {
    const r = await FUNCTIONS[fn]!.handle({ action, ...params }, openid, deps);
    if (!r.ok) throw new Error(`${fn}.${action}: ${r.error.message}`);
    return r;
  };
  const cases: [string, () => Promise<unknown>][] = [
    ['board.summary p95', () => call('board', undefined, 'summary', { period: 'quarter' })],
    ['board.listCases 首页 p95', () => call('board', undefined, 'listCases', {})],
    ['member.listTasks p95', () => call('member', 'demo-11-building-steward', 'listTasks', { status: 'open' })],
    ['resident.listMyCases p95', () => call('resident', 'bench-resident-7', 'listMyCases', {})],
  ];
  if (FUNCTIONS.admin)
    cases.push([
      'admin.listCases 筛选 p95',
      () =>
        call('admin', 'demo-admin-1', 'listCases', { statuses: ['processing', 'assigned'], gridId: 'sf-yuyuan-g1', categoryId: 'cat-01' }),
    ]);
  for (const [name, f] of cases) put(name, 'ms', label, round(pct(await timeCalls(f), 95)), '< 20 ms，且不超过 1 万件时的 2 倍');
}

/**
 * Submit without HTTP: the resident handler and the store alone, 16 at a time as the HTTP load
 * sends them, each by a resident of the pool. Set beside the HTTP figures, it says how much of a
 * submit's CPU is the server stack around the handler. `warmUp` submits go first, unmeasured: a
 * server runs for days, and what the JIT compiles in its first seconds is not what a submit costs.
 */
async function inProcessSubmits(store: SqliteStore, label: string, total = 3000, warmUp = 2000): Promise<void> {
  const deps: Deps = { store, now: () => new Date(), newId: makeIdFactory(() => new Date()), limits: DEFAULT_LIMITS };
  const run = Date.now().toString(36);
  let sent = 0;
  const clients = 16;
  const batch = async (count: number): Promise<void> => {
    const end = sent + count;
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        for (let k = 0; sent < end; k++) {
          const i = sent++;
          const params = { action: 'submitCase', requestId: `inproc-${run}-${i}`, categoryId: 'cat-01', buildingId: 'sf-yuyuan-g1-b1' };
          const r = await FUNCTIONS.resident!.handle(
            { ...params, description: '基准测试：楼道灯坏了', isPublic: true },
            BENCH_CLIENTS[(client + clients * k) % BENCH_CLIENTS.length],
            deps,
          );
          if (!r.ok) throw new Error(`resident.submitCase: ${r.error.message}`);
        }
      }),
    );
  };
  await batch(warmUp);
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpuSeconds();
  await batch(total);
  const cpu = process.cpuUsage(cpu0);
  const main1 = mainThreadCpuSeconds();
  put('提交诉求 每次 CPU（进程内，不经 HTTP）', 'ms', label, round((cpu.user + cpu.system) / 1000 / total, 3));
  if (main0 !== undefined && main1 !== undefined)
    put('提交诉求 每次 CPU（进程内）：主线程', 'ms', label, round(((main1 - main0) * 1000) / total, 3));
}

function startChild(file: string, dataDir: string): Promise<{ port: number; kill: () => void }> {
  return new Promise((resolve, reject) => {
    const nodeArgs = (process.env.BENCH_HOST_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'bench/host-child.ts', file, dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (d: Buffer) => {
      const m = /PORT (\d+)/.exec(d.toString());
      if (m) resolve({ port: Number(m[1]), kill: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`host exited ${code}`)));
  });
}

/** Client c's k-th request is sent as person `c + clients × k` (mod the people): nobody sends twice at once. */
async function load(port: number, path: string, body: (i: number) => string, tokens: string[], seconds: number, clients = 16) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const lat: number[] = [];
  let errors = 0;
  let n = 0;
  const end = performance.now() + seconds * 1000;
  const one = (i: number, token: string) =>
    new Promise<void>((resolve) => {
      const payload = body(i);
      const t = performance.now();
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization: `Bearer ${token}` },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode !== 200) errors++;
            lat.push(performance.now() - t);
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(payload);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let k = 0; performance.now() < end; k++) await one(n++, tokens[(client + clients * k) % tokens.length]!);
    }),
  );
  agent.destroy();
  const secs = (performance.now() - started) / 1000;
  return { rps: lat.length / secs, count: lat.length, p50: pct(lat, 50), p95: pct(lat, 95), p99: pct(lat, 99), errors };
}

async function httpBench(file: string, dataDir: string, label: string): Promise<void> {
  const host = await startChild(file, dataDir);
  try {
    const tokens: string[] = [];
    for (let i = 0; i < BENCH_CLIENTS.length; i += 16) {
      const logins = BENCH_CLIENTS.slice(i, i + 16).map(async (openid) => {
        const login = await fetch(`http://127.0.0.1:${host.port}/auth/dev-login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ openid }),
        });
        return ((await login.json()) as { data: { token: string } }).data.token;
      });
      tokens.push(...(await Promise.all(logins)));
    }
    const run = Date.now().toString(36);
    type HostFigures = {
      micros: number;
      systemMicros: number;
      mainMicros: number | null;
      groups: number;
      changes: number;
      retried: number;
      walFlushes: number;
      statements: number;
    };
    const figures = async (): Promise<HostFigures> =>
      ((await (await fetch(`http://127.0.0.1:${host.port}/bench/cpu`)).json()) as { data: HostFigures }).data;
    const cpu = async (): Promise<number> => (await figures()).micros;
    const submitBody = (tag: string) => (i: number) =>
      JSON.stringify({
        action: 'submitCase',
        requestId: `bench-${run}-${tag}${i}`,
        categoryId: 'cat-01',
        buildingId: 'sf-yuyuan-g1-b1',
        description: '基准测试：楼道灯坏了',
        isPublic: true,
      });
    // A second of submits first, unmeasured: the host is a fresh process, and a server runs for
    // days; the empty endpoint is measured after the submits, on a host as warm.
    await load(host.port, '/api/resident', submitBody('w'), tokens, WARM_UP_SECONDS);
    const before = await figures();
    const cpu0 = before.micros;
    const submit = await load(host.port, '/api/resident', submitBody(''), tokens, LOAD_SECONDS);
    const after = await figures();
    const cpu1 = after.micros;
    const noop = await load(host.port, '/bench/noop', () => '{}', tokens, LOAD_SECONDS);
    const cpu2 = await cpu();
    // CPU per request: what a request costs the host, which the other load on a shared machine
    // changes far less than it changes requests per second.
    const submitCpu = (cpu1 - cpu0) / 1000 / submit.count;
    const noopCpu = (cpu2 - cpu1) / 1000 / noop.count;
    put('提交诉求 吞吐（16 并发）', '次/秒', label, round(submit.rps, 0));
    put('提交诉求 p50', 'ms', label, round(submit.p50));
    put('提交诉求 p95', 'ms', label, round(submit.p95), '< 20 ms（100 万件）');
    put('提交诉求 p99', 'ms', label, round(submit.p99));
    put('同一服务空接口 吞吐（上限）', '次/秒', label, round(noop.rps, 0));
    put('提交吞吐 / 上限', '%', label, round((submit.rps / noop.rps) * 100, 1), '≥ 25%');
    put('提交诉求 每次 CPU（服务进程）', 'ms', label, round(submitCpu, 3));
    put('空接口 每次 CPU（服务进程）', 'ms', label, round(noopCpu, 3));
    put('按 CPU 计 提交 / 上限', '%', label, round((noopCpu / submitCpu) * 100, 1), '≥ 25%');
    // Where a submit's CPU goes: the main thread (JavaScript and the statements it runs) and the
    // rest (the WAL flushes on libuv's pool, the checkpointer); and how much of it the kernel spent.
    const perSubmit = (a: number, b: number) => round((b - a) / 1000 / submit.count, 3);
    if (before.mainMicros !== null && after.mainMicros !== null)
      put('提交诉求 每次 CPU：主线程', 'ms', label, perSubmit(before.mainMicros, after.mainMicros));
    put('提交诉求 每次 CPU：其中内核态', 'ms', label, perSubmit(before.systemMicros, after.systemMicros));
    put('提交诉求 每次执行的 SQL 语句', '条', label, round((after.statements - before.statements) / submit.count, 1));
    put('提交错误数', '次', label, submit.errors, '0');
    // How many new cases each group commit wrote, and each WAL flush covered: a commit writes
    // each page it touched once, so bigger groups write fewer pages per case.
    put(
      '每次组提交写入的诉求（平均）',
      '件',
      label,
      round((after.changes - before.changes) / Math.max(1, after.groups - before.groups), 1),
    );
    // A group in which a change was refused is written a second time, with a savepoint per change.
    put('组提交因有诉求被拒而重写', '次', label, after.retried - before.retried, '0');
    put(
      '每次 WAL 落盘覆盖的诉求（平均）',
      '件',
      label,
      round((after.changes - before.changes) / Math.max(1, after.walFlushes - before.walFlushes), 1),
    );
  } finally {
    host.kill();
  }
}

function bundleFigures(): void {
  const root = 'cloudfunctions';
  for (const name of readdirSync(root)) {
    const file = join(root, name, 'index.js');
    if (!existsSync(file)) continue;
    put(`云函数 ${name} 包大小`, 'KB', '—', round(statSync(file).size / 1024, 1), '< 300 KB');
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const script = `const M=require('module');const o=M._resolveFilename;M._resolveFilename=function(r,...a){return r==='wx-server-sdk'?require.resolve('./bench/wx-server-sdk-stub.js'):o.call(this,r,...a)};const t=process.hrtime.bigint();require('./${file}');console.log(Number(process.hrtime.bigint()-t)/1e6)`;
      const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
      if (r.status === 0) times.push(Number(r.stdout.trim()));
    }
    if (times.length) put(`云函数 ${name} 冷启动加载`, 'ms', '—', round(pct(times, 50)), '< 100 ms');
  }
}

function dirSize(dir: string, skip: (p: string) => boolean = () => false): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (skip(p)) continue;
    total += e.isDirectory() ? dirSize(p, skip) : statSync(p).size;
  }
  return total;
}

function miniProgramFigures(): void {
  const out = 'dist-weapp';
  if (!existsSync(join(out, 'app.json'))) {
    put('小程序主包', 'KB', '—', '未构建（npm run build:weapp）', '< 1024 KB');
    return;
  }
  const app = JSON.parse(readFileSync(join(out, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[];
    subpackages?: { root: string }[];
  };
  const subs = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  const main = dirSize(out, (p) => subs.some((s) => p === join(out, s)));
  put('小程序主包', 'KB', '—', round(main / 1024, 1), '< 1024 KB');
  for (const s of subs) if (existsSync(join(out, s))) put(`小程序分包 ${s}`, 'KB', '—', round(dirSize(join(out, s)) / 1024, 1));
  const h5 = 'dist-h5';
  if (existsSync(join(h5, 'index.html'))) {
    const html = readFileSync(join(h5, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script[^>]+src="\/?([^"]+)"/g)].map((m) => m[1]!);
    const gz = scripts.reduce((t, s) => (existsSync(join(h5, s)) ? t + gzipSync(readFileSync(join(h5, s))).length : t), 0);
    put('H5 首屏 JS（gzip）', 'KB', '—', round(gz / 1024, 1));
  }
}

/**
 * 公示栏数字可见时间: headless Chromium on localhost, a host on the seeded demo street serving
 * dist-h5; from the start of navigation until the board's numbers are painted. Each run is a
 * fresh browser context (cold cache), as for somebody opening a shared link.
 */
async function boardVisibleFigure(runs = 5): Promise<void> {
  const name = '公示栏数字可见时间';
  const target = '< 1500 ms';
  if (!existsSync(join('dist-h5', 'index.html'))) return put(name, 'ms', '—', '未构建（npm run build:h5）', target);
  const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!existsSync(chromePath)) return put(name, 'ms', '—', `未找到 Chromium（${chromePath}）`, target);
  const { startHost } = await import('../tests/e2e/support/host');
  const { timeBoardNumbers } = await import('../tests/e2e/support/board-timing');
  const { chromium } = await import('playwright-core');
  const host = await startHost();
  const browser = await chromium.launch({
    executablePath: chromePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({
        viewport: { width: 375, height: 667 },
        deviceScaleFactor: 2,
        isMobile: true,
        locale: 'zh-CN',
      });
      const page = await context.newPage();
      times.push((await timeBoardNumbers(page, host.url)).sinceNavigation);
      await context.close();
    }
    put(name, 'ms', '—', round(pct(times, 50), 0), target);
  } finally {
    await browser.close();
    await host.stop({ removeData: true });
  }
}

/**
 * The timer in the WeChat cloud, modelled: the handlers on the cloud store over the cloud double
 * with 10 ms per database call. Prints the round trips a notice's delivery and a case's clock
 * change take, and the modelled time of each tick working off a backlog of 250 overdue cases.
 */
async function timerTickFigures(): Promise<void> {
  const LATENCY = 10;
  const world = await makeCloudWorld({ latencyMs: LATENCY, start: new Date('2026-11-23T01:00:00.000Z') });
  const templates = Object.fromEntries(
    NOTICE_KINDS.map((k) => [k, { templateId: `tpl-${k}`, fields: { thing1: 'title', thing2: 'body', time3: 'time', phrase4: 'status' } }]),
  );
  await world.store.putRef('settings', { id: TEMPLATE_SETTING_ID, value: templates });
  invalidateDirectory(world.store);
  await fileDueCases(world, 250);
  for (const { openid } of await world.store.listRef('accounts'))
    for (const k of NOTICE_KINDS) await world.store.addSubscriptionQuota(openid, `tpl-${k}`, 1000);
  const sender = new FakeSubscribeSender();
  // The submits' notices first, to measure one delivery.
  let t0 = world.db.stats.roundTrips;
  const drained = await dispatchOutbox(world.store, world.clock.now, sender, templates, 10_000);
  const perNotice = (world.db.stats.roundTrips - t0) / drained.claimed;
  put('定时任务：每条通知的数据库往返', '次', '云数据库（模拟）', round(perNotice, 1));
  const ticks: TickReport[] = [];
  let perCase = 0;
  for (let i = 0; i < 20; i++) {
    t0 = world.db.stats.roundTrips;
    const m0 = world.db.modelledMs();
    const r = await runTimerTick(world.deps, sender, { elapsed: () => world.db.modelledMs() - m0 });
    if (i === 0) perCase = (world.db.stats.roundTrips - t0 - r.notifications.claimed * perNotice) / r.looked;
    ticks.push(r);
    world.advance(60_000);
    if (!r.outOfTime && (await world.store.listOutbox('queued')).length === 0) break;
  }
  put('定时任务：每件诉求的数据库往返（约）', '次', '云数据库（模拟）', round(perCase, 1));
  put(
    `定时任务每次用时（${LATENCY} ms/次往返，积压 250 件）`,
    's',
    '云数据库（模拟）',
    ticks.map((t) => round(t.elapsedMs / 1000, 1)).join(' / '),
    `每次 ≤ ${TICK_BUDGET_MS / 1000} s（超时 ${TIMER_TIMEOUT_S} s）`,
  );
}

/** Sequential round trips per action through the cloud store, and submits arriving together. */
async function cloudRoundTripFigures(): Promise<void> {
  const where = '云数据库（模拟）';
  const target = (action: string): string | undefined =>
    action === 'resident.submitCase'
      ? '≤ 6'
      : /getCase|list|summary/.test(action)
        ? '≤ 2'
        : action.startsWith('timer')
          ? `< ${3_000 / ROUND_TRIP_LATENCY_MS}（< 3 s）`
          : undefined;
  for (const t of await measureCloudRoundTrips())
    put(`云端往返（串行）${t.action}`, `次（共 ${t.calls} 次调用）`, where, t.sequential, target(t.action));
  const hot = await measureHotSubmits(50);
  put('同网格同类别同时提交 50 件：失败', '件', where, hot.failed, '0');
  put('同时提交 50 件：案件编号各不相同', '个', where, new Set(hot.numbers).size, '50');
  put('同时提交 50 件：写冲突 / 事务重跑', '次', where, `${hot.conflicts} / ${hot.retries}`);
  put(`同时提交 50 件：最后一件完成（${ROUND_TRIP_LATENCY_MS} ms/次往返）`, 'ms', where, hot.modelledMs);
}

/** The main thread's own CPU seconds (Linux: its /proc entry; elsewhere undefined). */
function mainThreadCpuSeconds(): number | undefined {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  mkdirSync('bench-results', { recursive: true });
  if (!existsSync('bench/wx-server-sdk-stub.js')) throw new Error('missing stub');
  if (process.env.BENCH_ONLY !== 'sqlite') {
    bundleFigures();
    miniProgramFigures();
    await boardVisibleFigure();
    await timerTickFigures();
    await cloudRoundTripFigures();
  }
  for (const size of SIZES) {
    const label = size >= 1_000_000 ? `${size / 1_000_000} 百万件` : `${size / 10_000} 万件`;
    const dir = mkdtempSync(join(tmpdir(), 'wuyuan-bench-'));
    const file = join(dir, 'bench.sqlite');
    try {
      const store = SqliteStore.open(file);
      await seedDemoStreet(store, NOW, 0);
      for (const openid of BENCH_CLIENTS)
        await store.putRef('accounts', { id: openid, openid, name: '基准居民', roles: [], createdAt: NOW.toISOString() });
      const shapes = await caseShapes(store, NOW);
      const cpu0 = process.cpuUsage();
      const main0 = mainThreadCpuSeconds();
      const secs = await importSynthetic(store, shapes, size, NOW);
      const cpu = process.cpuUsage(cpu0);
      const main1 = mainThreadCpuSeconds();
      put('写入历史诉求（批量事务）', 's', label, round(secs, 1), '100 万件 < 120 s');
      put('写入历史诉求 CPU 时间（全部线程）', 's', label, round((cpu.user + cpu.system) / 1e6, 1));
      // The main thread inserts and builds the indexes; the rows are built on a worker beside it.
      if (main0 !== undefined && main1 !== undefined) put('写入历史诉求 CPU 时间（主线程）', 's', label, round(main1 - main0, 1));
      const wal = existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0;
      put('数据库文件', 'MB', label, round((statSync(file).size + wal) / 1024 / 1024, 0));
      await handlerLatencies(store, label);
      await inProcessSubmits(store, label);
      await store.close();
      await httpBench(file, dir, label);
      console.log(`完成：${label}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const labels = [...new Set(rows.flatMap((r) => Object.keys(r.values)))];
  const table = [
    ['指标', '单位', ...labels, '目标'],
    ...rows.map((r) => [r.name, r.unit, ...labels.map((l) => String(r.values[l] ?? '')), r.target ?? '']),
  ];
  const widths = table[0]!.map((_, i) =>
    Math.max(...table.map((row) => [...row[i]!].reduce((w, ch) => w + (ch.charCodeAt(0) > 255 ? 2 : 1), 0))),
  );
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - [...s].reduce((x, ch) => x + (ch.charCodeAt(0) > 255 ? 2 : 1), 0)));
  console.log('\n' + table.map((row) => row.map((c, i) => pad(c, widths[i]!)).join('  ')).join('\n'));
  writeFileSync('bench-results/bench.json', JSON.stringify({ at: NOW.toISOString(), node: process.version, rows }, null, 2));
  console.log('\n已写入 bench-results/bench.json');
}

void main();
