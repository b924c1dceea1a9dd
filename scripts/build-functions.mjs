// Bundles each cloud function with the shared core into cloudfunctions/<name>/index.js
// (CommonJS, Node 16, wx-server-sdk left for the cloud to install).
import { build } from 'esbuild';
import { readdirSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = 'cloudfunctions';
const names = readdirSync(root).filter((n) => existsSync(join(root, n, 'index.ts')));
const started = Date.now();
for (const name of names) {
  await build({
    entryPoints: [join(root, name, 'index.ts')],
    outfile: join(root, name, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk'],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const size = statSync(join(root, name, 'index.js')).size;
  console.log(`  ${name.padEnd(10)} ${(size / 1024).toFixed(1).padStart(7)} KB`);
}
console.log(`云函数构建完成：${names.length} 个，用时 ${Date.now() - started} ms`);
