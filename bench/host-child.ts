/**
 * The local host on an existing database, for the HTTP benchmark, with one extra route that does
 * nothing (`POST /bench/noop`): the ceiling of the same server stack; `GET /bench/cpu` answers the
 * process's CPU time, and the group commits, the new cases they wrote and the WAL flushes so far.
 */
import { readFileSync } from 'node:fs';
import { SqliteStore } from '../backend/store/sqlite-store';
import { buildHost } from '../host/server';

/** The main thread's CPU time (µs), from /proc: what JavaScript and the statements it runs cost, without the disk flushes and checkpoints of the other threads. */
function mainThreadMicros(): number | null {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000; // utime + stime, in ticks of 1/100 s
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const [file, dataDir] = process.argv.slice(2) as [string, string];
  const store = SqliteStore.open(file);
  // The product's daily limit per person stands: the bench spreads its submits over enough people.
  const { app } = await buildHost({ store, dataDir, devLogin: true });
  app.post('/bench/noop', async () => ({ ok: true, data: null }));
  // The host's own CPU time so far (µs), so that the bench can say what each request costs in CPU
  // whatever else the machine is doing.
  app.get('/bench/cpu', async () => {
    const u = process.cpuUsage();
    return {
      ok: true,
      data: {
        micros: u.user + u.system,
        systemMicros: u.system,
        mainMicros: mainThreadMicros(),
        ...store.groupStats,
        walFlushes: store.walFlushes,
        statements: store.statementsUsed,
      },
    };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  // A clean exit on SIGTERM, so that a profile asked for with --cpu-prof is written.
  process.once('SIGTERM', () => {
    void app
      .close()
      .then(() => store.close())
      .finally(() => process.exit(0));
  });
  process.stdout.write(`PORT ${typeof addr === 'object' && addr ? addr.port : 0}\n`);
}
void main();
