/**
 * The app's fence (eslint.config.mjs): `src/**` takes only types from `backend/`, and nothing from
 * the host, the cloud entries or the storage adapters. Each snippet is linted as if it were a file
 * of the app; the value import is refused, the type import passes.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const FENCE_RULES = new Set(['no-restricted-imports', '@typescript-eslint/no-restricted-imports']);

/** The messages of the app's fence rule for `source` linted as `src/services/fence-probe.ts`. */
function fenceMessages(source: string, file = 'src/services/fence-probe.ts'): string[] {
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', '--stdin', '--stdin-filename', file],
    {
      cwd: root,
      input: source,
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  const report = JSON.parse(r.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return report.flatMap((f) => f.messages.filter((m) => FENCE_RULES.has(m.ruleId ?? '')).map((m) => m.message));
}

test('the app may import the server only with `import type`', () => {
  const refused = fenceMessages(
    [
      "import { resident } from '../../backend/functions/resident';",
      "import { caseCard } from '../../backend/services/views';",
      "import type { Output } from '../../backend/contract';",
      "import type { CaseView } from '../../backend/contract';",
      'export const used = [resident, caseCard];',
      "export type Used = Output<'resident', 'getCase'> | CaseView;",
    ].join('\n'),
  );
  expect(refused).toHaveLength(2);
  for (const m of refused) expect(m).toContain('import type');
});

test('the app never imports the host, the cloud entries or the adapters, not even their types', () => {
  const refused = fenceMessages(
    [
      "import type { Server } from '../../host/server';",
      "import type { Handler } from '../../cloudfunctions/admin/index';",
      "import type { SqliteStore } from '../../backend/store/sqlite-store';",
      "import type { CloudDeps } from '../../backend/cloud/cloud-deps';",
      'export type Used = Server | Handler | SqliteStore | CloudDeps;',
    ].join('\n'),
  );
  expect(refused).toHaveLength(4);
  for (const m of refused) expect(m).toContain('never reaches the host');
});

test('the server itself is not fenced by the app rule', () => {
  expect(fenceMessages("import { resident } from './functions/resident';\nexport const r = resident;\n", 'backend/fence-probe.ts')).toEqual(
    [],
  );
});
