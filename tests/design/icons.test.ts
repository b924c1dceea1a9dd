/**
 * The icon set (#18.3): icons are SVG files of the package (lucide, ISC), not emoji, which show as
 * boxes where no emoji font exists. The files are what scripts/icons.mjs makes from icons.json and
 * the token colours; no string or JSX text of the app holds an emoji.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');

/** Files allowed to hold an emoji, each with its reason. */
const ALLOWED: Record<string, string> = {
  'src/components/icon/maps.ts': 'the emoji stored as category icons in data, matched to icons of the set',
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Emoji in the strings, template parts and JSX text of one source file (comments do not count). */
export function emojiIn(fileName: string, text: string): string[] {
  const file = ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteralLike(node) ||
      ts.isJsxText(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      const t = node.getText(file);
      if (/\p{Extended_Pictographic}/u.test(t)) {
        const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
        found.push(`${fileName}:${line + 1} ${t.trim()}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('icon set', () => {
  it('finds an emoji used as an icon in JSX text, a string or a template, and not in a comment', () => {
    const sample = [
      'export const A = () => <Text>📍 地点</Text>;',
      "export const b = '⏰ 超时';",
      'export const c = (n: number) => `👍 ${n} 人附议`;',
      '// ↔ a comment may say anything',
      "export const d = '✓ 可公开';",
    ].join('\n');
    expect(emojiIn('probe.tsx', sample)).toEqual(['probe.tsx:1 📍 地点', "probe.tsx:2 '⏰ 超时'", 'probe.tsx:3 `👍 ${']);
  });

  it('no source file of the app shows an emoji', () => {
    const found = sources(join(ROOT, 'src'))
      .filter((p) => !(relative(ROOT, p) in ALLOWED))
      .flatMap((p) => emojiIn(relative(ROOT, p), readFileSync(p, 'utf8')));
    expect(found).toEqual([]);
  });

  it('the SVG files and their index are what icons.json and the tokens make (npm run icons)', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/icons.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('each icon is a small SVG in the colour of its tone, and the licence ships with them', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'src/assets/icons/icons.json'), 'utf8')) as {
      tones: Record<string, string>;
      icons: Record<string, string[]>;
    };
    const tokens = readFileSync(join(ROOT, 'src/styles/tokens.scss'), 'utf8');
    let total = 0;
    for (const [name, tones] of Object.entries(manifest.icons)) {
      for (const tone of tones) {
        const svg = readFileSync(join(ROOT, `src/assets/icons/${name}--${tone}.svg`), 'utf8');
        const hex = tokens.match(new RegExp(`^\\$${manifest.tones[tone]}:\\s*(#[0-9a-fA-F]+)`, 'm'))![1]!;
        expect(svg.startsWith('<svg ')).toBe(true);
        expect(svg).toContain(`stroke="${hex.toLowerCase()}"`);
        expect(svg).not.toContain('currentColor');
        total += svg.length;
      }
    }
    expect(total).toBeLessThan(48 * 1024);
    expect(readFileSync(join(ROOT, 'src/assets/icons/LICENSE'), 'utf8')).toContain('ISC License');
  });
});
