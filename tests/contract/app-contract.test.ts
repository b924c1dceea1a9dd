/**
 * The app's contract with the server is checked by the compiler: a fixture of app code is type
 * checked against the server's own types (backend/contract.ts through src/services/call.ts). A
 * misspelt action, a missing or unknown field and a field the server does not answer are errors,
 * each on the line marked `// error`; the well-formed calls beside them compile.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

const fixture = `
import { call } from ${JSON.stringify(join(root, 'src/services/call'))};
import type { CaseView, Output } from ${JSON.stringify(join(root, 'backend/contract'))};

export async function appCode(): Promise<number> {
  const page = await call('admin', 'listCases', { limit: 5, status: 'pending' });
  const first: string | undefined = page.items[0]?.statusName;
  const cats = await call('resident', 'listCategories');
  const detail: Output<'resident', 'getCase'> = await call('resident', 'getCase', { caseId: 'c1' });
  const view: CaseView = detail.case;
  await call('admin', 'listCasez', {}); // error: a misspelt action
  await call('resident', 'getCase', {}); // error: a missing field
  await call('resident', 'getCase', { caseId: 'c1', caseID: 'c1' }); // error: a field the server refuses
  await call('admin', 'listCases', { status: 'open' }); // error: a status the core does not know
  const gone: string = view.statusLabel; // error: a field the server does not answer
  const wrong: string = detail.case.supportCount; // error: an answer field of another type
  const action: string = view.allowedActions.includes('remindd') ? 'x' : 'y'; // error: not a real action
  return cats.items.length + (first ? 1 : 0) + gone.length + wrong.length + action.length;
}
`;

function typeErrors(source: string): { line: number; code: string }[] {
  const dir = mkdtempSync(join(tmpdir(), 'app-contract-'));
  try {
    writeFileSync(join(dir, 'app.ts'), source);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: join(root, 'tsconfig.json'),
        compilerOptions: { noEmit: true, noUnusedLocals: false, baseUrl: root, typeRoots: [join(root, 'node_modules/@types')] },
        include: [],
        files: [join(dir, 'app.ts')],
      }),
    );
    const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], {
      cwd: root,
      encoding: 'utf8',
      timeout: 240_000,
    });
    const out = `${r.stdout}${r.stderr}`;
    const errors = [...out.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+)/gm)];
    const elsewhere = errors.filter((m) => !m[1]!.endsWith('app.ts'));
    if (elsewhere.length > 0) throw new Error(`errors outside the fixture:\n${out}`);
    if (errors.length === 0 && r.status !== 0) throw new Error(`tsc failed without type errors:\n${out}`);
    return errors.map((m) => ({ line: Number(m[2]), code: m[3]! }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a misspelt action, a missing or unknown field and a changed answer fail the app typecheck', () => {
  const lines = fixture.split('\n');
  const marked = lines.flatMap((l, i) => (l.includes('// error') ? [i + 1] : []));
  expect(marked).toHaveLength(7);
  const found = typeErrors(fixture);
  // Exactly the marked lines fail; the well-formed calls compile.
  expect([...new Set(found.map((e) => e.line))].sort((a, b) => a - b)).toEqual(marked);
}, 300_000);
