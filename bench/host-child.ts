/**
 * The local host on an existing database, for the HTTP benchmark, with one extra route that does
 * nothing (`POST /bench/noop`): the ceiling of the same server stack; `GET /bench/cpu` answers the
 * process's CPU time, and the group commits, the new cases they wrote and the WAL flushes so far.
 */
import { SqliteStore } from '../backend/store/sqlite-store';
import { buildHost } from '../host/server';

async function main(): Promise<void> {
  const [file, dataDir] = process.argv.slice(2) as [string, string];
  const store = SqliteStore.open(file);
  const { app } = await buildHost({ store, dataDir, devLogin: true, submissionsPerDay: 1_000_000 });
  app.post('/bench/noop', async () => ({ ok: true, data: null }));
  // The host's own CPU time so far (µs), so that the bench can say what each request costs in CPU
  // whatever else the machine is doing.
  app.get('/bench/cpu', async () => {
    const u = process.cpuUsage();
    return { ok: true, data: { micros: u.user + u.system, ...store.groupStats, walFlushes: store.walFlushes } };
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
