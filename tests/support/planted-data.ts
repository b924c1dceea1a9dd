/**
 * Planted personal data for the privacy tests: every class of what must never be public, written
 * in every disguise people use (full-width, Chinese numerals, digits split by spaces, dots,
 * dashes, slashes or invisible characters, mixed case). Deterministic: a seeded generator.
 */
import { normaliseForSearch } from '../../core/masking';

export const CLASSES = [
  'mobile',
  'landline',
  'id18',
  'id15',
  'bankCard',
  'plate',
  'newEnergyPlate',
  'wechat',
  'qq',
  'email',
  'door',
  'knownName',
  'introducedName',
] as const;
export type PlantedClass = (typeof CLASSES)[number];

export const DISGUISES = [
  'plain',
  'fullWidth',
  'chineseNumerals',
  'financialNumerals',
  'spoken',
  'spaces',
  'dots',
  'dashes',
  'slashes',
  'zeroWidth',
  'wordJoiner',
  'bom',
  'softHyphen',
  'mixedCase',
] as const;
export type Disguise = (typeof DISGUISES)[number];

export interface Variant {
  cls: PlantedClass;
  disguise: Disguise;
  /** As written in the text. */
  written: string;
  /** What must not be found in a public response, normalised (`normaliseForSearch`). */
  needle: string;
}

/** A small seeded generator (mulberry32), so a failure can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DIGITS = '0123456789';
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建志文斌鹏辉燕琳宇浩';
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁苏浙赣鄂桂甘晋陕吉闽贵粤川琼';
const INTROS = ['我叫', '我是', '姓名：', '名字叫', '邻居', '楼上', '隔壁', '联系人'];
const TITLES = ['阿姨', '大爷', '师傅', '大妈', '老师'];

const CN = '零一二三四五六七八九';
const CN_FIN = '零壹贰叁肆伍陆柒捌玖';
const CN_SPOKEN = '洞幺两三四五六拐八勾';

const INVISIBLE: Partial<Record<Disguise, string>> = {
  zeroWidth: '\u200b',
  wordJoiner: '\u2060',
  bom: '\ufeff',
  softHyphen: '\u00ad',
};
const SEPARATOR: Partial<Record<Disguise, string>> = { spaces: ' ', dots: '.', dashes: '-', slashes: '/' };

/** Which disguises a class can wear: digit disguises need digits, case needs letters. */
function applies(cls: PlantedClass, d: Disguise): boolean {
  const hasDigits = !['knownName', 'introducedName', 'wechat', 'email'].includes(cls);
  const hasLetters = ['plate', 'newEnergyPlate', 'wechat', 'email', 'id18'].includes(cls);
  if (d === 'fullWidth') return cls !== 'knownName' && cls !== 'introducedName';
  if (d === 'chineseNumerals' || d === 'financialNumerals') return hasDigits && cls !== 'plate' && cls !== 'newEnergyPlate';
  // Spoken digits (幺, 两, 拐, 勾, 洞) only where people read a number out: phones and QQ.
  if (d === 'spoken') return ['mobile', 'landline', 'qq'].includes(cls);
  if (d === 'mixedCase') return hasLetters;
  // Separators split numbers (and names: 张 三 丰), not e-mail addresses or WeChat ids.
  if (d === 'slashes' || d === 'dots' || d === 'dashes' || d === 'spaces')
    return hasDigits || cls === 'knownName' || cls === 'introducedName';
  return true;
}

export const applicablePairs = (): [PlantedClass, Disguise][] =>
  CLASSES.flatMap((c) => DISGUISES.filter((d) => applies(c, d)).map((d) => [c, d] as [PlantedClass, Disguise]));

const pick = <T>(r: () => number, xs: readonly T[] | string): T => xs[Math.floor(r() * xs.length)] as T;
const digits = (r: () => number, n: number): string => Array.from({ length: n }, () => pick<string>(r, DIGITS)).join('');

/** Splits a string into groups (3-4-4 for a phone, fours otherwise) joined by a separator. */
function grouped(s: string, sep: string, sizes: number[] = []): string {
  const out: string[] = [];
  let i = 0;
  for (let k = 0; i < s.length; k++) {
    const n = sizes[k] ?? 4;
    out.push(s.slice(i, i + n));
    i += n;
  }
  return out.join(sep);
}

const fullWidth = (s: string): string => s.replace(/[0-9A-Za-z@.]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
const numerals = (s: string, table: string): string => s.replace(/\d/g, (d) => table[Number(d)]!);
/** 拐 (7) and 勾 (9) are read aloud too but are no digits to the masking: keep those two plain. */
const spoken = (s: string): string => s.replace(/[0-68]/g, (d) => CN_SPOKEN[Number(d)]!);
const interleave = (s: string, ch: string): string => Array.from(s).join(ch);
const mixCase = (s: string, r: () => number): string => s.replace(/[a-z]/gi, (ch) => (r() < 0.5 ? ch.toUpperCase() : ch.toLowerCase()));

/** One planted value of a class in one disguise. `knownNames` are people the system knows. */
export function makeVariant(cls: PlantedClass, disguise: Disguise, r: () => number, knownNames: readonly string[]): Variant {
  let core: string; // the plain form, before any disguise
  let prefix = ''; // words that are part of how it is written (微信号：, 我叫)
  let suffix = '';
  let groups: number[] = [];
  switch (cls) {
    case 'mobile':
      core = `1${pick(r, '3456789')}${digits(r, 9)}`;
      groups = [3, 4, 4];
      prefix = '电话';
      break;
    case 'landline':
      core = `0${pick(r, ['28', '23', '10'])}${pick(r, '2345678')}${digits(r, 7)}`;
      groups = [3, 4, 4];
      prefix = '座机';
      break;
    case 'id18':
      core = `5${digits(r, 16)}${pick(r, ['X', 'x', digits(r, 1)])}`;
      groups = [6, 8, 4];
      prefix = '身份证';
      break;
    case 'id15':
      core = `5${digits(r, 14)}`;
      groups = [6, 6, 3];
      prefix = '老身份证';
      break;
    case 'bankCard':
      core = `62${digits(r, 14 + Math.floor(r() * 3))}`;
      prefix = '卡号';
      break;
    case 'plate':
      core = `${pick(r, PROVINCES)}${pick(r, 'ABCDEFGHJK')}${digits(r, 3)}${pick(r, 'ABCDEFGHJK')}${digits(r, 1)}`;
      groups = [2, 5];
      prefix = '车牌';
      break;
    case 'newEnergyPlate':
      core = `${pick(r, PROVINCES)}${pick(r, 'ABCDEFGHJK')}${pick(r, 'DF')}${digits(r, 5)}`;
      groups = [2, 6];
      prefix = '新能源车';
      break;
    case 'wechat':
      core =
        r() < 0.5
          ? `wxid_${Array.from({ length: 10 }, () => pick<string>(r, LOWER + DIGITS)).join('')}`
          : `${pick(r, LOWER)}${Array.from({ length: 8 }, () => pick<string>(r, LOWER + DIGITS)).join('')}`;
      prefix = core.startsWith('wxid_') ? '加我' : pick(r, ['微信号：', '微信 ', 'vx:', 'VX号']);
      break;
    case 'qq':
      core = `${1 + Math.floor(r() * 9)}${digits(r, 8 + Math.floor(r() * 2))}`;
      groups = [3, 3, 4];
      prefix = pick(r, ['QQ', 'qq号', '扣扣']);
      break;
    case 'email':
      core = `${pick(r, LOWER)}${Array.from({ length: 7 }, () => pick<string>(r, LOWER + DIGITS)).join('')}@${pick(r, ['163.com', 'qq.com', 'gmail.com'])}`;
      prefix = '邮箱';
      break;
    case 'door': {
      const b = 1 + Math.floor(r() * 30);
      const u = 1 + Math.floor(r() * 6);
      const room = `${1 + Math.floor(r() * 30)}0${1 + Math.floor(r() * 6)}`;
      const form = Math.floor(r() * 4);
      core = [`${b}-${u}-${room}`, `${b}栋${u}单元${room}室`, `${b}号楼${room}`, `${u}单元${room}房`][form]!;
      prefix = '住';
      break;
    }
    case 'knownName':
      core = pick(r, knownNames);
      prefix = '联系';
      break;
    case 'introducedName':
      core = `${pick(r, SURNAMES)}${pick(r, GIVEN)}${pick(r, GIVEN)}`;
      if (r() < 0.3) suffix = pick(r, TITLES);
      else prefix = pick(r, INTROS);
      break;
  }
  let written = core;
  const invisible = INVISIBLE[disguise];
  const sep = SEPARATOR[disguise];
  if (disguise === 'fullWidth') written = fullWidth(core);
  else if (disguise === 'chineseNumerals') written = numerals(core, CN);
  else if (disguise === 'financialNumerals') written = numerals(core, CN_FIN);
  else if (disguise === 'spoken') written = spoken(core);
  else if (disguise === 'mixedCase') written = mixCase(core, r);
  else if (invisible) written = interleave(core, invisible);
  else if (sep) {
    if (cls === 'knownName' || cls === 'introducedName') written = interleave(core, ' ');
    else if (cls === 'door') written = core.replace(/(\d)(?=\d)/, `$1${sep === '-' ? ' ' : sep}`);
    else written = grouped(core, sep, groups);
  }
  // A door number's building may stay public (3栋**): what must not show is the rest (栋2单元501室).
  const needle = normaliseForSearch(cls === 'door' ? core.replace(/^\d+(?=栋|号楼)/, '') : core);
  return { cls, disguise, written: `${prefix}${written}${suffix}`, needle };
}

/** `perPair` variants of every applicable class × disguise. */
export function plantedVariants(seed: number, perPair: number, knownNames: readonly string[]): Variant[] {
  const r = rng(seed);
  return applicablePairs().flatMap(([c, d]) => Array.from({ length: perPair }, () => makeVariant(c, d, r, knownNames)));
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The needles found in a public response: the response normalised as the masking normalises
 * text, each needle looked for as a whole (a number not inside a longer run of digits).
 */
export function leaksIn(response: unknown, variants: readonly Variant[]): Variant[] {
  const text = normaliseForSearch(JSON.stringify(response));
  return variants.filter((v) =>
    new RegExp(`${/^[0-9]/.test(v.needle) ? '(?<![0-9])' : ''}${escape(v.needle)}${/[0-9]$/.test(v.needle) ? '(?![0-9])' : ''}`).test(text),
  );
}
