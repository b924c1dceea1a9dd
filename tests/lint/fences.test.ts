/**
 * The layer fences and the file-size rule are lint rules; a fence nobody tests can silently stop
 * working (a renamed folder, a glob that no longer matches). Each case lints a one-line fixture as
 * if it were a file of that layer, with the project's own eslint configuration, and checks that the
 * forbidden import is refused and the allowed one is not.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

interface Fixture {
  filePath: string;
  code: string;
}
interface Outcome {
  filePath: string;
  rules: string[];
}

const root = path.resolve(__dirname, '../..');

/** Lints every fixture in one child process (the flat config is an ES module). */
function lint(fixtures: Fixture[]): Outcome[] {
  const script = `
    import { ESLint } from 'eslint';
    const fixtures = JSON.parse(process.argv[1]);
    const eslint = new ESLint({ cwd: process.cwd() });
    const out = [];
    for (const f of fixtures) {
      const [r] = await eslint.lintText(f.code, { filePath: f.filePath });
      out.push({ filePath: f.filePath, rules: r.messages.map((m) => m.ruleId ?? m.message) });
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(fixtures)], {
    cwd: root,
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as Outcome[];
}

const use = (spec: string) => `import * as m from '${spec}';\nexport const x = m;\n`;
const lines = (n: number) => Array.from({ length: n }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n';

/** [layer file, import, refused?] */
const IMPORTS: [string, string, boolean][] = [
  // the core stays pure (as before)
  ['core/fixture.ts', '../backend/store/store.port', true],
  ['core/fixture.ts', './model', false],
  // functions reach storage only through the port
  ['backend/functions/fixture.ts', '../store/sqlite-store', true],
  ['backend/functions/fixture.ts', '../store/cloud-store', true],
  ['backend/functions/fixture.ts', '../store/schemas', true],
  ['backend/functions/admin/fixture.ts', '../../store/sqlite/statements', true],
  ['backend/functions/fixture.ts', 'better-sqlite3', true],
  ['backend/functions/fixture.ts', 'wx-server-sdk', true],
  ['backend/functions/fixture.ts', '../cloud/cloud-deps', true],
  ['backend/functions/fixture.ts', '../../host/server', true],
  ['backend/functions/fixture.ts', '../store/store.port', false],
  ['backend/functions/admin/fixture.ts', '../../store/ref-docs', false],
  ['backend/functions/fixture.ts', '../services/case-service', false],
  // services likewise, and never a function
  ['backend/services/fixture.ts', '../store/sqlite-store', true],
  ['backend/services/fixture.ts', 'wx-server-sdk', true],
  ['backend/services/fixture.ts', '../functions/define', true],
  ['backend/services/fixture.ts', '../store/store.port', false],
  ['backend/services/fixture.ts', '../store/built-change', false],
  // cloud entries: the handler and the deps builders only
  ['cloudfunctions/admin/index.ts', '../../backend/store/cloud-store', true],
  ['cloudfunctions/admin/index.ts', '../../backend/services/case-service', true],
  ['cloudfunctions/admin/index.ts', '../../backend/functions/admin/scope', true],
  ['cloudfunctions/admin/index.ts', 'better-sqlite3', true],
  ['cloudfunctions/admin/index.ts', '../../backend/functions/admin', false],
  ['cloudfunctions/admin/index.ts', '../../backend/cloud/cloud-deps', false],
  ['cloudfunctions/admin/index.ts', 'wx-server-sdk', false],
  // the host: handlers and the SQLite adapter's entry, not its insides nor anything of the cloud
  ['host/fixture.ts', 'better-sqlite3', true],
  ['host/fixture.ts', '../backend/store/schemas', true],
  ['host/fixture.ts', '../backend/store/sqlite/statements', true],
  ['host/fixture.ts', '../backend/store/cloud-store', true],
  ['host/fixture.ts', 'wx-server-sdk', true],
  ['host/fixture.ts', '../backend/functions/admin/cases', true],
  ['host/fixture.ts', '../backend/functions', false],
  ['host/fixture.ts', '../backend/store/sqlite-store', false],
];

const SIZES: [string, number, boolean][] = [
  ['backend/functions/fixture.ts', 601, true],
  ['backend/functions/fixture.ts', 600, false],
  ['core/fixture.ts', 601, true],
  ['src/pages/fixture.tsx', 601, true],
  ['host/fixture.ts', 601, true],
  ['core/fixture.test.ts', 601, false],
  // no exception: the store adapters were split by concern
  ['backend/store/sqlite-store.ts', 601, true],
  ['backend/store/sqlite/schema.ts', 601, true],
];

describe('分层约束（lint）', () => {
  let imports: Outcome[];
  let sizes: Outcome[];
  beforeAll(() => {
    const out = lint([
      ...IMPORTS.map(([filePath, spec]) => ({ filePath, code: use(spec) })),
      ...SIZES.map(([filePath, n]) => ({ filePath, code: lines(n) })),
    ]);
    imports = out.slice(0, IMPORTS.length);
    sizes = out.slice(IMPORTS.length);
  }, 120_000);

  it.each(IMPORTS.map((c, i) => [...c, i] as const))('%s 引入 %s：拒绝=%s', (_file, _spec, refused, i) => {
    expect(imports[i]!.rules.includes('no-restricted-imports')).toBe(refused);
  });

  it.each(SIZES.map((c, i) => [...c, i] as const))('%s 共 %i 行：超限=%s', (_file, _n, refused, i) => {
    expect(sizes[i]!.rules.includes('max-lines')).toBe(refused);
  });
});
