/**
 * One design layer: colours live in src/styles/tokens.scss (and, for WeChat's APIs, in
 * src/styles/colors.ts); stylelint and eslint refuse a raw colour anywhere else; the text colours
 * keep their contrast on the backgrounds they are used on.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLORS } from '../../src/styles/colors';

const ROOT = join(__dirname, '..', '..');
const TOKENS = readFileSync(join(ROOT, 'src/styles/tokens.scss'), 'utf8');

/** `$color-x: #abc;` → { 'color-x': '#aabbcc' } */
function tokenColours(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of TOKENS.matchAll(/^\$([\w-]+):\s*(#[0-9a-fA-F]{3,6})\b/gm)) out[m[1]!] = expand(m[2]!);
  return out;
}

function expand(hex: string): string {
  const h = hex.slice(1).toLowerCase();
  return `#${h.length === 3 ? [...h].map((c) => c + c).join('') : h}`;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(expand(hex).slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const STYLELINT = join(ROOT, 'node_modules/stylelint/bin/stylelint.mjs');

interface StylelintResult {
  source: string;
  warnings: { rule: string; text: string }[];
}

/** stylelint is an ES module only; it runs here as `npm run lint` runs it, from its command line. */
function stylelint(args: string[], input?: string): StylelintResult[] {
  const r = spawnSync(process.execPath, [STYLELINT, '--formatter', 'json', ...args], { cwd: ROOT, input, encoding: 'utf8' });
  const out = (r.stdout || r.stderr).trim();
  return JSON.parse(out.slice(out.indexOf('['))) as StylelintResult[];
}

async function stylelintErrors(code: string, file: string): Promise<string[]> {
  return stylelint(['--stdin-filename', file], code).flatMap((x) => x.warnings.map((w) => w.rule));
}

describe('design tokens', () => {
  const tokens = tokenColours();

  it('colors.ts holds the same values as tokens.scss', () => {
    expect(expand(COLORS.primary)).toBe(tokens['color-primary']);
    expect(expand(COLORS.bg)).toBe(tokens['color-bg']);
    expect(expand(COLORS.muted)).toBe(tokens['color-muted']);
    expect(expand(COLORS.surface)).toBe(tokens['color-surface']);
  });

  // Text colour on the background it is drawn on, as the stylesheets pair them.
  const PAIRS: [string, string][] = [
    ['color-text', 'color-surface'],
    ['color-text', 'color-bg'],
    ['color-muted', 'color-surface'],
    ['color-muted', 'color-bg'],
    ['color-muted', 'color-surface-alt'],
    ['color-subtle-text', 'color-placeholder'],
    ['color-on-fill', 'color-primary'],
    ['color-on-fill', 'color-ok'],
    ['color-on-fill', 'color-danger-strong'],
    ['color-on-fill', 'color-neutral-fill'],
    ['color-on-fill', 'color-closed-fill'],
    ['color-primary', 'color-primary-soft'],
    ['color-ok', 'color-ok-soft'],
    ['color-ok-strong', 'color-ok-soft'],
    ['color-danger', 'color-danger-soft'],
    ['color-danger-strong', 'color-primary-soft'],
    ['color-warn', 'color-warn-soft'],
    ['color-warn-strong', 'color-caution-soft'],
    ['color-caution', 'color-caution-soft'],
    ['color-caution', 'color-highlight'],
    ['color-caution-text', 'color-caution-soft'],
    ['color-info', 'color-info-soft'],
    ['color-info-strong', 'color-info-soft'],
  ];
  it.each(PAIRS)('%s on %s has a contrast of at least 4.5 : 1', (fg, bg) => {
    expect(tokens[fg]).toBeDefined();
    expect(tokens[bg]).toBeDefined();
    expect(contrast(tokens[fg]!, tokens[bg]!)).toBeGreaterThanOrEqual(4.5);
  });

  it('the contrast measure itself tells a pale pair from a dark one', () => {
    expect(contrast('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrast('#bdbdbd', '#ffffff')).toBeLessThan(4.5);
  });
});

describe('stylelint refuses raw colours outside the token file', () => {
  it.each([
    ['.x { color: #123456; }', 'color-no-hex'],
    ['.x { background: rgba(0, 0, 0, 0.1); }', 'function-disallowed-list'],
    ['.x { border: 1px solid red; }', 'color-named'],
    ['.x { box-shadow: 0 1px 2px hsl(0 0% 0% / 10%); }', 'function-disallowed-list'],
  ])('%s', async (code, rule) => {
    await expect(stylelintErrors(code, join(ROOT, 'src/components/probe/index.scss'))).resolves.toEqual([rule]);
  });

  it('accepts a stylesheet written with tokens', async () => {
    const code = "@use '../../styles/tokens.scss' as *;\n.x { color: $color-text; box-shadow: $shadow-card; }\n";
    await expect(stylelintErrors(code, join(ROOT, 'src/components/probe/index.scss'))).resolves.toEqual([]);
  });

  it('the token file itself may define colours', async () => {
    await expect(
      stylelintErrors('$color-x: #123456;\n$shadow: 0 1px rgba(0, 0, 0, 0.1);\n', join(ROOT, 'src/styles/tokens.scss')),
    ).resolves.toEqual([]);
  });

  it('no stylesheet of the app holds a raw colour today', async () => {
    const results = stylelint(['src/**/*.scss']);
    expect(results.length).toBeGreaterThan(30);
    expect(results.flatMap((x) => x.warnings.map((w) => `${x.source}: ${w.text}`))).toEqual([]);
  });
});

describe('eslint refuses colour literals in the app', () => {
  // The project's eslint config is an ES module; eslint runs from its command line as in `npm run lint`.
  const lint = async (code: string): Promise<string[]> => {
    const bin = join(ROOT, 'node_modules/eslint/bin/eslint.js');
    const args = [bin, '--format', 'json', '--stdin', '--stdin-filename', 'src/components/probe/index.tsx'];
    const r = spawnSync(process.execPath, args, { cwd: ROOT, input: code, encoding: 'utf8' });
    const [result] = JSON.parse(r.stdout) as { messages: { message: string }[] }[];
    return result!.messages.map((m) => m.message);
  };

  it('an inline style with a hex colour', async () => {
    const messages = await lint("export const A = () => <div style={{ color: '#c62828' }} />;\n");
    expect(messages).toEqual([expect.stringContaining('不要写十六进制颜色')]);
  });

  it('a colour function in a template string', async () => {
    const messages = await lint('export const b = (a: number) => `rgba(0, 0, 0, ${a})`;\n');
    expect(messages).toEqual([expect.stringContaining('模板字符串')]);
  });

  it('a colour from the tokens passes', async () => {
    const messages = await lint("import { COLORS } from '../../styles/colors';\nexport const c = COLORS.primary;\n");
    expect(messages).toEqual([]);
  });
});
