/**
 * `npm start`: the whole app on one port. Creates the data folder and schema, seeds the demo
 * street on first start, serves the H5 build and the function handlers, and runs the timer.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SqliteStore } from '../backend/store/sqlite-store';
import { isSeeded, seedDemoStreet } from '../backend/seed/demo-street';
import { runTimerTick } from '../backend/functions/timer';
import { missingScheduleWarning } from '../core/schedule-coverage';
import { buildCalendar } from '../backend/calendar';
import { buildHost } from './server';

const env = (name: string, fallback: string): string => process.env[name] ?? fallback;

async function main(): Promise<void> {
  const port = Number(env('PORT', '10086'));
  const dataDir = resolve(env('DATA_DIR', 'data'));
  const h5Dir = resolve(env('H5_DIR', 'dist-h5'));
  const devLogin = env('DEV_LOGIN', '1') !== '0';
  const timerMs = Number(env('TIMER_INTERVAL_MS', '15000'));
  // Cases one user may submit per day; unset keeps the default (tests and pilots raise it).
  const perDay = Number(env('SUBMISSIONS_PER_DAY', '0'));
  const submissionsPerDay = Number.isInteger(perDay) && perDay > 0 ? perDay : undefined;
  const uploads = Number(env('UPLOADS_PER_DAY', '0'));
  const uploadsPerDay = Number.isInteger(uploads) && uploads > 0 ? uploads : undefined;
  // Host names answered besides 127.0.0.1 and localhost, comma-separated (a name a proxy forwards to this host).
  const allowedHosts = env('ALLOWED_HOSTS', '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  mkdirSync(dataDir, { recursive: true });
  const store = SqliteStore.open(join(dataDir, 'wuyuan.sqlite'));
  if (!(await isSeeded(store))) {
    const started = Date.now();
    const seeded = await seedDemoStreet(store, new Date(), Number(env('SEED_CASES', '200')));
    console.log(`已创建演示街道「双福街道」：${seeded.cases} 件历史诉求，${seeded.personas} 个演示身份（${Date.now() - started} ms）`);
  }
  const { app, deps, housekeep } = await buildHost({
    store,
    dataDir,
    h5Dir,
    devLogin,
    submissionsPerDay,
    uploadsPerDay,
    allowedHosts,
    logger: env('LOG', '0') === '1',
  });
  await app.listen({ host: '127.0.0.1', port });
  const url = `http://127.0.0.1:${port}/`;
  console.log(`五员共治 · 我为群众办实事 已启动：${url}`);
  if (devLogin) {
    console.log('演示身份（在页面上「选择演示身份」）：');
    console.log('  居民 demo-resident-1 … 6；网格员 demo-11-grid-worker；楼栋物管员 demo-11-building-steward');
    console.log('  社区管理员 demo-admin-1（渝园社区）；街道管理员 demo-street-admin；部门 demo-dept-1（双福派出所）');
  } else console.log('DEV_LOGIN=0：演示登录已关闭');
  const calendarWarning = missingScheduleWarning(buildCalendar(await store.listRef('holidays')), new Date());
  if (calendarWarning) console.warn(`⚠ 节假日数据：${calendarWarning.message}`);
  let lastWarnedDay = '';
  let ticking = false;
  const timer = setInterval(() => {
    if (ticking) return;
    ticking = true;
    runTimerTick(deps)
      .then((report) => {
        // The timer says it too, once a day, for a host left running into November.
        const day = new Date().toISOString().slice(0, 10);
        if (report.calendarWarning && day !== lastWarnedDay) {
          if (lastWarnedDay !== '' || !calendarWarning) console.warn(`⚠ 节假日数据：${report.calendarWarning}`);
          lastWarnedDay = day;
        }
      })
      .catch((err) => console.error('定时任务失败', err))
      .finally(() => (ticking = false));
  }, timerMs);
  // Expired exports and uploads never put on a case: at start, then every hour.
  const sweep = () =>
    void housekeep()
      .then((n) => n.uploads + n.exports > 0 && console.log(`已清理过期文件：上传 ${n.uploads} 个，导出 ${n.exports} 个`))
      .catch((err) => console.error('清理过期文件失败', err));
  sweep();
  const housekeeping = setInterval(sweep, 3_600_000);
  const stop = async () => {
    clearInterval(timer);
    clearInterval(housekeeping);
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err) => {
  console.error('启动失败：', err);
  process.exit(1);
});
