/**
 * Masking for anything shown in public. Person names keep the family name only (王**).
 */

/** 王小明 → 王**; 欧阳娜娜 → 欧阳**; Latin names keep their first letter. */
export function maskPersonName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return '**';
  const compoundSurnames = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '宇文', '司徒', '夏侯'];
  const head = compoundSurnames.find((s) => trimmed.startsWith(s) && trimmed.length > s.length) ?? Array.from(trimmed)[0];
  return `${head}**`;
}

/*
 * Everything below masks free text before it is shown in public (the board, shared case
 * timelines, exported ledgers). It errs towards masking: a masked count is a nuisance, a
 * published phone number or door number cannot be taken back.
 *
 * People disguise what they write, on purpose or not: full-width digits (１３８…), Chinese
 * numerals (幺三八、壹贰叁), digits split by spaces, dots, dashes, slashes or invisible characters,
 * mixed case. So each rule is matched on a normalised view of the text (`textView`), and what it
 * finds is replaced in the original text: the masked span covers every character it came from.
 */

const STARS = (n: number): string => '*'.repeat(Math.max(n, 0));

/** Characters that show nothing: zero-width space/joiners, marks, word joiner, BOM, soft hyphen, bidi controls. */
const INVISIBLE =
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0]/;

/** Chinese numerals written digit by digit (phone numbers, door numbers): 幺 is how 1 is read aloud. */
const CHINESE_DIGITS: Readonly<Record<string, string>> = {
  零: '0',
  〇: '0',
  洞: '0',
  一: '1',
  壹: '1',
  幺: '1',
  二: '2',
  贰: '2',
  貳: '2',
  两: '2',
  兩: '2',
  三: '3',
  叁: '3',
  參: '3',
  四: '4',
  肆: '4',
  五: '5',
  伍: '5',
  六: '6',
  陆: '6',
  陸: '6',
  七: '7',
  柒: '7',
  八: '8',
  捌: '8',
  九: '9',
  玖: '9',
};

/** What may stand between the digits of one number: spaces, dots, dashes, slashes, underscores, commas. */
const DIGIT_SEPARATOR = /[\s.\-/_,，、·・。－—–~]/;
const HAN = /[\u3400-\u9fff]/;
/** ＋ ． ＠ ＿ ／ ＃: full-width signs written inside numbers, e-mail addresses and ids. */
const FULL_WIDTH_SIGNS = new Set([0xff0b, 0xff0e, 0xff20, 0xff3f, 0xff0f, 0xff03]);

/** A normalised view of a text: one character per kept source character, with where it came from. */
export interface TextView {
  text: string;
  /** For each character of `text`, the [start, end) of the source characters it stands for. */
  from: readonly (readonly [number, number])[];
}

export interface ViewOptions {
  /** Chinese numerals become digits. */
  digits?: boolean;
  /** Separators between two digits disappear (not inside dates and times). */
  joinDigits?: boolean;
  /** Spaces between two Chinese characters disappear (张 三 丰). */
  joinHan?: boolean;
}

/** Dates and clock times keep their separators: 2026-10-01 is not a number to mask. */
const PROTECTED = /(?<!\d)(?:19|20)\d{2}([-./年])\d{1,2}\1\d{1,2}(?!\d)|(?<!\d)\d{1,2}[:：]\d{2}(?!\d)/g;

/**
 * Full-width letters and digits become ASCII, invisible characters go, and by option Chinese
 * numerals become digits and the separators inside a number or a name go.
 */
export function textView(source: string, opts: ViewOptions = {}): TextView {
  let chars: string[] = [];
  let from: [number, number][] = [];
  for (let i = 0; i < source.length;) {
    const cp = source.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const ch = source.slice(i, i + width);
    let out: string | undefined = ch;
    if (INVISIBLE.test(ch)) out = undefined;
    // Full-width digits, letters and the signs of numbers and addresses; other full-width
    // punctuation (，：（）) stays as written.
    else if ((cp >= 0xff10 && cp <= 0xff19) || (cp >= 0xff21 && cp <= 0xff3a) || (cp >= 0xff41 && cp <= 0xff5a) || FULL_WIDTH_SIGNS.has(cp))
      out = String.fromCharCode(cp - 0xfee0);
    else if (cp === 0x3000) out = ' ';
    else if (width === 2)
      out = '\uFFFC'; // one placeholder per astral character keeps indexes aligned
    else if (opts.digits && CHINESE_DIGITS[ch]) out = CHINESE_DIGITS[ch];
    if (out !== undefined) {
      chars.push(out);
      from.push([i, i + width]);
    }
    i += width;
  }
  const drop = (isJoin: (prev: string, next: string) => boolean, sep: RegExp, keep: Set<number>) => {
    const keepChars: string[] = [];
    const keepFrom: [number, number][] = [];
    for (let k = 0; k < chars.length; k++) {
      if (sep.test(chars[k]!) && !keep.has(k) && keepChars.length > 0) {
        let j = k;
        while (j < chars.length && sep.test(chars[j]!) && !keep.has(j)) j++;
        // At most two separator characters in a row: "138 - 1234" is one number, a paragraph is not.
        if (j < chars.length && j - k <= 2 && isJoin(keepChars[keepChars.length - 1]!, chars[j]!)) {
          k = j - 1;
          continue;
        }
      }
      keepChars.push(chars[k]!);
      keepFrom.push(from[k]!);
    }
    chars = keepChars;
    from = keepFrom;
  };
  if (opts.joinDigits) {
    const keep = new Set<number>();
    const joined = chars.join('');
    for (const m of allMatches(PROTECTED, joined)) for (let k = m.index; k < m.index + m[0].length; k++) keep.add(k);
    drop((a, b) => /\d/.test(a) && /\d/.test(b), DIGIT_SEPARATOR, keep);
  }
  if (opts.joinHan) drop((a, b) => HAN.test(a) && HAN.test(b), /\s/, new Set());
  return { text: chars.join(''), from };
}

/** For matching: the view with digits joined, lower case. Tests search public output with it. */
export function normaliseForSearch(text: string): string {
  const names = textView(text, { joinHan: true }).text;
  const digits = textView(names, { digits: true, joinDigits: true }).text.toLowerCase();
  // Letters and digits run together too: 渝b 12345 is 渝b12345.
  return digits.replace(/(?<=[a-z])[\s.\-/_·]{1,2}(?=[0-9a-z])|(?<=[0-9])[\s.\-/_·]{1,2}(?=[a-z])/g, '');
}

/** Area codes: 010 and 02x have three digits, every other one four. */
const AREA_CODE = String.raw`(?:010|02\d|0[3-9]\d{2})`;

/**
 * A phone number as handlers may see it on the board or in an export: mobiles keep the first
 * three and last four digits (138****5678); landlines keep the area code and the last four
 * (028-****3456). Service numbers of six digits or fewer (12345, 110) are public and unchanged.
 */
export function maskPhone(phone: string): string {
  const trimmed = phone.trim();
  let digits = trimmed.replace(/\D/g, '');
  if (/^(?:\+|00)?86/.test(trimmed.replace(/[\s-]/g, '')) && digits.length > 11) digits = digits.replace(/^(?:00)?86/, '');
  if (/^1[3-9]\d{9}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length <= 6) return trimmed;
  const area = new RegExp(`^${AREA_CODE}`).exec(digits);
  if (area && digits.length - area[0].length >= 7) return `${area[0]}-****${digits.slice(-4)}`;
  return `${STARS(digits.length - 4)}${digits.slice(-4)}`;
}

export interface MaskTextOptions {
  /**
   * Names of the people the system knows (the reporter, handlers, members, residents in the
   * directory): each occurrence becomes 王**, however it is spaced.
   */
  names?: readonly string[];
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Provinces of plate prefixes (and 使/领 for embassy plates).
const PLATE_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领';

// A count, an amount, a date or a time right after a number: "3栋" followed by "2个人" is not a
// door number. Characters that may follow a door number (楼道, 门口, 住户…) are not listed.
const NOT_A_DOOR_AFTER = '个只件人天日月年号点时分秒米元块角台辆次名位岁条棵株处家户口斤吨周万千百%％:：.．/';

/** One part of a door number after the building: 2单元, 5楼, 501, 501室, -501. */
const DOOR_PART = String.raw`[-－]?\d(?:[\s./]?\d){0,3}(?![\d*])(?:单元|楼|层|号房|室|房|号)?`;

/**
 * Common family names (the most frequent two hundred or so cover nearly everyone), compound ones
 * first. A name introduced by how people write it (我叫…, 邻居…, …阿姨) is recognised by these.
 */
const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '端木',
  '百里',
  '呼延',
  '独孤',
  '南宫',
  '西门',
];
const SINGLE_SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝';
const SURNAME = `(?:${COMPOUND_SURNAMES.join('|')}|[${SINGLE_SURNAMES}])`;
/** Characters that end a name rather than belong to it: particles, verbs, kinship and place words. */
const NOT_IN_NAME =
  '的家在说和与跟把被又也都是了着过们他她它这那有没不很太啊呢吧吗就还要去来到给让对从向经常总天阿大叔姨爷奶婆伯哥姐妹弟楼栋单元室号门住户业主人先女同老师傅说讲';
const GIVEN = `(?:(?![${NOT_IN_NAME}])[\\u4e00-\\u9fff]){1,2}`;
/** Words that introduce a person's name. */
const NAME_INTRO = '(?:我叫|我是|本人|姓名|名字叫|名字是|名字|名叫|叫做|联系人|户主|业主|住户|邻居|楼上|楼下|隔壁|对门|对面|老)';
/** Words that follow a person's name. */
const NAME_TITLE = '(?:阿姨|大爷|大妈|大娘|大叔|大哥|大姐|师傅|老师|先生|女士|奶奶|爷爷|婆婆|伯伯|叔叔|阿婆|阿公|同志|老人)';

type View = 'plain' | 'digits' | 'names';
const VIEW_OPTIONS: Record<View, ViewOptions> = {
  plain: { digits: true },
  digits: { digits: true, joinDigits: true },
  names: { joinHan: true },
};

interface Rule {
  view: View;
  re: RegExp;
  mask: (m: string, ...groups: string[]) => string;
}

const RULES: readonly Rule[] = [
  // E-mail before digits: a QQ mailbox is a number too. Keeps the first character and the domain.
  {
    view: 'plain',
    re: /[a-z0-9._%+-]+\s*(?:@|＠|\(at\)|\[at\])\s*[a-z0-9-]+(?:\s*(?:\.|。|\(dot\))\s*[a-z0-9-]+)+/gi,
    mask: (m) => `${m[0]}***@${m.slice(m.search(/@|\(at\)|\[at\]/i)).replace(/^(?:@|\(at\)|\[at\])\s*/i, '')}`,
  },
  // WeChat's own ids (wxid_…) wherever they stand; then WeChat and QQ accounts named as such.
  {
    view: 'plain',
    re: /wxid_[a-z0-9_-]{3,}/gi,
    mask: () => 'wxid_****',
  },
  {
    view: 'plain',
    re: /(q\s?q号?|扣扣号?|企鹅号?|微\s?信号?|威信号?|薇信号?|v\s?x号?|w\s?x号?|v信号?|wechat(?:\s?id)?)([:：\s]*)([a-z0-9][a-z0-9_-]{4,24})(?![*\w])/gi,
    mask: (_m, word, sep, id) => `${word}${sep}${id[0]}${STARS(id.length - 1)}`,
  },
  // Licence plates, ordinary (川A12345), with a space or a dot (渝 B12345), lower case and
  // new-energy (川AD12345): province and city letter stay.
  {
    view: 'plain',
    re: new RegExp(String.raw`([${PLATE_PROVINCES}])([·・.\s]?)([A-Za-z])([·・.\s/-]?)([A-Za-z0-9]{5,6}[挂学警港澳]?)(?![A-Za-z0-9])`, 'g'),
    mask: (m, prov, sep1, letter, sep2, tail) =>
      /\d/.test(tail) ? `${prov}${sep1}${letter.toUpperCase()}${sep2}${STARS(Array.from(tail).length)}` : m,
  },
  // Building, then unit / floor / room: 3栋2单元501 → 3栋**; 5号楼1单元302室 → 5号楼**;
  // 2单元501 → 2单元**; 村5组12号 → 5组**; 三栋二单元五零一 likewise. The building stays: it is where, not who.
  {
    view: 'plain',
    re: new RegExp(
      String.raw`((?<![\dA-Za-z])(?:\d{1,3}|[A-Za-z])\s?(?:号楼|栋|幢|座|楼)|(?<!\d)\d{1,2}\s?单元|(?<!\d)\d{1,3}组)((?:\s?${DOOR_PART})+)(?![${NOT_A_DOOR_AFTER}])`,
      'g',
    ),
    mask: (_m, building) => `${building.replace(/\s/g, '')}**`,
  },
  // 楼-单元-房 written with dashes or slashes: 3-2-501 → 3-**. Dates (2026-10-01) have a four-digit head.
  {
    view: 'plain',
    // The room may itself be split (3-2-5 01, 3-2-5.01).
    re: /(?<![\d\-－*/])(\d{1,3})\s?[-－/]\s?\d{1,2}\s?[-－/]\s?\d(?:[\s./]?\d){2,3}(?![\d\-－/])/g,
    mask: (_m, building) => `${building}-**`,
  },
  // A room on its own: 501室 → **室. Three or four digits, so that 2室1厅 stays.
  {
    view: 'plain',
    re: /(?<![\d*])\d{3,4}\s?(号房|室|房)(?!间)/g,
    mask: (_m, suffix) => `**${suffix}`,
  },
  // 18-character resident ID: only the first and last characters stay (5****************X).
  // The first six digits would name the county and the next eight the birthday, which together
  // with a grid narrow a person down to a handful; the two ends let a reader see an ID was there
  // and its owner recognise it.
  {
    view: 'digits',
    re: /(?<!\d)\d{17}[\dXx](?![\dA-Za-z])/g,
    mask: (m) => `${m[0]}${STARS(16)}${m[17]!.toUpperCase()}`,
  },
  // Mobile numbers, also written 138 1234 5678 / 138-1234-5678 / 幺三八… / +86 138…
  {
    view: 'digits',
    re: /(?<!\d)((?:\+|00)?86)?(1[3-9]\d)\d{4}(\d{4})(?!\d)/g,
    mask: (_m, prefix, head, tail) => `${prefix ? `${prefix} ` : ''}${head}****${tail}`,
  },
  // Any other run of 12 or more digits (old 15-digit IDs, bank cards): only the last four stay.
  // No date, time, count or amount is written with so many digits.
  {
    view: 'digits',
    re: /\d{12,}/g,
    mask: (m) => `${STARS(m.length - 4)}${m.slice(-4)}`,
  },
  // Landlines with an area code: 028-85123456, (028)85123456, 0851 8612345.
  {
    view: 'digits',
    re: new RegExp(String.raw`(?<!\d)([(（]?${AREA_CODE}[)）]?)(\d{7,8})(?!\d)`, 'g'),
    mask: (_m, area, local) => `${area}${/[)）]$/.test(area) ? '' : '-'}****${local.slice(-4)}`,
  },
  // Any other run of seven to eleven digits not followed by a unit: a local number, a QQ number,
  // an account. Years, counts and amounts are shorter or carry a unit.
  {
    view: 'digits',
    re: /(?<![\d*])\d{7,11}(?![\d*元块万亿平米㎡个人户次斤吨%％])/g,
    mask: (m) => `${STARS(m.length - 4)}${m.slice(-4)}`,
  },
  // Names introduced by how people write them: 我叫张三丰, 邻居张伟, 姓名：李娜, 王桂英阿姨.
  {
    view: 'names',
    re: new RegExp(`(${NAME_INTRO}[:：\\s]*)(${SURNAME})${GIVEN}`, 'g'),
    mask: (_m, intro, surname) => `${intro}${surname}**`,
  },
  {
    view: 'names',
    re: new RegExp(
      `(?<![\\u4e00-\\u9fff])(${SURNAME})${GIVEN}(${NAME_TITLE})|(?<=[\\u4e00-\\u9fff])(${SURNAME})(?:(?![${NOT_IN_NAME}])[\\u4e00-\\u9fff]){2}(${NAME_TITLE})`,
      'g',
    ),
    mask: (_m, s1, t1, s2, t2) => `${s1 ?? s2}**${t1 ?? t2}`,
  },
];

/** Replaces every match of `re` in the view of `text` by `mask`, over the source characters it came from. */
/**
 * The views of one text, kept while the text stays the same: the rules of `maskText` share three
 * views, and most rules find nothing, so each view is usually built once per text, not per rule.
 */
type ViewMemo = Map<View, { text: string; view: TextView }>;

function viewOf(text: string, view: View, memo: ViewMemo): TextView {
  const kept = memo.get(view);
  if (kept && kept.text === text) return kept.view;
  const v = textView(text, VIEW_OPTIONS[view]);
  memo.set(view, { text, view: v });
  return v;
}

/**
 * The non-empty matches of a global pattern, like `matchAll` but on the pattern itself: `matchAll`
 * builds a new RegExp on every call, which cost more than the masking of a short text. All matches
 * are collected before anyone sees them, so a caller may use the same pattern again at once.
 */
function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length > 0) out.push(m);
    else re.lastIndex += re.unicode && (text.codePointAt(re.lastIndex) ?? 0) > 0xffff ? 2 : 1;
  }
  re.lastIndex = 0;
  return out;
}

function replaceInView(text: string, view: View, re: RegExp, mask: Rule['mask'], memo: ViewMemo): string {
  const v = viewOf(text, view, memo);
  const spans: { start: number; end: number; by: string }[] = [];
  for (const m of allMatches(re, v.text)) {
    const by = mask(m[0], ...(m.slice(1) as string[]));
    if (by === m[0] && text.slice(v.from[m.index]![0], v.from[m.index + m[0].length - 1]![1]) === m[0]) continue;
    spans.push({ start: v.from[m.index]![0], end: v.from[m.index + m[0].length - 1]![1], by });
  }
  let out = text;
  for (const s of spans.reverse()) out = out.slice(0, s.start) + s.by + out.slice(s.end);
  return out;
}

/**
 * The pattern of a list of names, kept for the lists seen lately: a case's texts are masked with
 * the same few names again and again, and building the RegExp costs more than masking a short text.
 * (`allMatches` leaves its `lastIndex` at 0, so a shared pattern carries no state between calls.)
 */
const NAME_PATTERNS = new Map<string, RegExp>();
const NAME_PATTERNS_KEPT = 500;
function namesPattern(names: readonly string[]): RegExp {
  const source = names.map(escapeRegExp).join('|');
  let re = NAME_PATTERNS.get(source);
  if (!re) {
    if (NAME_PATTERNS.size >= NAME_PATTERNS_KEPT) NAME_PATTERNS.clear();
    NAME_PATTERNS.set(source, (re = new RegExp(source, 'gi')));
  }
  return re;
}

/**
 * Masks what must never be public: phone numbers, ID numbers, bank cards, plates, exact door
 * numbers, e-mail, QQ/WeChat accounts, the names given and names introduced as names, in their
 * disguised forms too. Dates, times, counts and amounts stay.
 */
export function maskText(text: string, opts: MaskTextOptions = {}): string {
  let out = text;
  const memo: ViewMemo = new Map();
  // Names first, longest first, so that 张三丰 is not left as 张**丰 by a shorter 张三.
  // A one-character "name" would mask that character everywhere, so it is ignored.
  const names = [
    ...new Set(
      (opts.names ?? [])
        .map((n) => textView(n, { joinHan: true }).text.replace(/\s+/g, ' ').trim())
        .filter((n) => Array.from(n).length >= 2),
    ),
  ].sort((a, b) => b.length - a.length);
  if (names.length > 0) {
    out = replaceInView(out, 'names', namesPattern(names), (m) => maskPersonName(m), memo);
  }
  for (const rule of RULES) out = replaceInView(out, rule.view, rule.re, rule.mask, memo);
  return out;
}
