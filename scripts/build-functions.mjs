// Bundles each cloud function with the shared core into cloudfunctions/<name>/index.js
// (CommonJS, Node 16). The dependencies in a function's package.json (wx-server-sdk; the admin
// function's xlsx writer, loaded only on export) are left for the cloud to install at deploy.
import { build } from 'esbuild';
import { readdirSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = 'cloudfunctions';
const names = readdirSync(root).filter((n) => existsSync(join(root, n, 'index.ts')));
const started = Date.now();
for (const name of names) {
  const deps = Object.keys(JSON.parse(readFileSync(join(root, name, 'package.json'), 'utf8')).dependencies ?? {});
  await build({
    entryPoints: [join(root, name, 'index.ts')],
    outfile: join(root, name, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: deps.flatMap((d) => [d, `${d}/*`]),
    minify: true,
    // Chinese text as UTF-8 (3 bytes a character) rather than \uXXXX escapes (6): Node reads
    // sources as UTF-8, and the messages, labels and names are a large part of every bundle.
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'warning',
  });
  const size = statSync(join(root, name, 'index.js')).size;
  console.log(`  ${name.padEnd(10)} ${(size / 1024).toFixed(1).padStart(7)} KB`);
}
console.log(`云函数构建完成：${names.length} 个，用时 ${Date.now() - started} ms`);
