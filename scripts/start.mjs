// `npm start`: build what is missing or stale (the H5 app), then run the local host.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const h5Dir = process.env.H5_DIR ?? 'dist-h5';
const index = join(h5Dir, 'index.html');
const stale = !existsSync(index) || newestMtime('src') > statSync(index).mtimeMs || newestMtime('config') > statSync(index).mtimeMs;
if (stale && process.env.SKIP_BUILD !== '1') {
  console.log('正在构建 H5 页面（首次约需 1–2 分钟）…');
  const r = spawnSync('npm', ['run', '--silent', 'build:h5'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const child = spawn(join('node_modules', '.bin', 'tsx'), ['host/main.ts'], { stdio: 'inherit', env: process.env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
