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
 * published phone number or door number cannot be taken back. The patterns are Arabic-digit
 * forms; door numbers written in Chinese numerals (三栋二单元) are left as they are.
 */

const STARS = (n: number): string => '*'.repeat(Math.max(n, 0));

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
  /** Names of the people in the case (reporter, parties): each occurrence becomes 王**. */
  names?: readonly string[];
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Provinces of plate prefixes (and 使/领 for embassy plates).
const PLATE_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领';

// A count, an amount, a date or a time right after a number: "3栋" followed by "2个人" is not a
// door number. Characters that may follow a door number (楼道, 门口, 住户…) are not listed.
const NOT_A_DOOR_AFTER = '个只件人天日月年号点时分秒米元块角台辆次名位岁条棵株处家户口斤吨周万千百%％:：.．/';

/** One part of a door number after the building: 2单元, 5楼, 501, 501室, -501. */
const DOOR_PART = String.raw`[-－]?\d{1,4}(?![\d*])(?:单元|楼|层|号房|室|房|号)?`;

interface Rule {
  re: RegExp;
  mask: (m: string, ...groups: string[]) => string;
}

const RULES: readonly Rule[] = [
  // E-mail before digits: a QQ mailbox is a number too. Keeps the first character and the domain.
  {
    re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g,
    mask: (m) => `${m[0]}***${m.slice(m.indexOf('@'))}`,
  },
  // 18-character resident ID: only the first and last characters stay (5****************X).
  // The first six digits would name the county and the next eight the birthday, which together
  // with a grid narrow a person down to a handful; the two ends let a reader see an ID was there
  // and its owner recognise it.
  {
    re: /(?<!\d)\d{17}[\dXx](?!\d)/g,
    mask: (m) => `${m[0]}${STARS(16)}${m[17]}`,
  },
  // Any other run of 12 or more digits (old 15-digit IDs, bank cards, 86-prefixed mobiles):
  // only the last four stay. No date, time, count or amount is written with so many digits.
  {
    re: /\d{12,}/g,
    mask: (m) => `${STARS(m.length - 4)}${m.slice(-4)}`,
  },
  // Mobile numbers, also written 138 1234 5678 / 138-1234-5678 / +86 138…
  {
    re: /(?<!\d)((?:\+?86[-\s]?)?)(1[3-9]\d)[-\s]?(\d{4})[-\s]?(\d{4})(?!\d)/g,
    mask: (_m, prefix, head, _mid, tail) => `${prefix}${head}****${tail}`,
  },
  // Landlines with an area code: 028-85123456, (028)85123456, 0851 8612345.
  {
    re: new RegExp(String.raw`(?<!\d)([(（]?${AREA_CODE}[)）]?[-－\s]?)(\d{7,8})(?!\d)`, 'g'),
    mask: (_m, area, local) => `${area}****${local.slice(-4)}`,
  },
  // A local number right after a word that says it is one: 电话85123456.
  {
    re: /(电话|座机|固话|手机|联系方式|联系电话|[Tt]el|TEL)([:：\s]*)(\d{7,8})(?!\d)/g,
    mask: (_m, word, sep, local) => `${word}${sep}****${local.slice(-4)}`,
  },
  // QQ and WeChat accounts named as such.
  {
    re: /(QQ号?|qq号?|微信号|vx号?|VX号?)([:：\s]*)([A-Za-z0-9_-]{5,20})/g,
    mask: (_m, word, sep, id) => `${word}${sep}${id[0]}${STARS(id.length - 1)}`,
  },
  // Licence plates, ordinary (川A12345) and new-energy (川AD12345): province and city letter stay.
  {
    re: new RegExp(String.raw`([${PLATE_PROVINCES}][A-Za-z])([·・\s]?)([A-Za-z0-9]{5,6}[挂学警港澳]?)(?![A-Za-z0-9])`, 'g'),
    mask: (m, head, sep, tail) => (/\d/.test(tail) ? `${head}${sep}${STARS(Array.from(tail).length)}` : m),
  },
  // Building, then unit / floor / room: 3栋2单元501 → 3栋**; 5号楼1单元302室 → 5号楼**;
  // 2单元501 → 2单元**; 村5组12号 → 5组**. The building itself stays: it is where, not who.
  {
    re: new RegExp(
      String.raw`((?<![\dA-Za-z])(?:\d{1,3}|[A-Za-z])(?:号楼|栋|幢|座|楼)|(?<!\d)\d{1,2}单元|(?<!\d)\d{1,3}组)((?:${DOOR_PART})+)(?![${NOT_A_DOOR_AFTER}])`,
      'g',
    ),
    mask: (_m, building) => `${building}**`,
  },
  // 楼-单元-房 written with dashes: 3-2-501 → 3-**. Dates (2026-10-01) have a four-digit head.
  {
    re: /(?<![\d\-－*])(\d{1,3})[-－]\d{1,2}[-－]\d{3,4}(?![\d\-－])/g,
    mask: (_m, building) => `${building}-**`,
  },
  // A room on its own: 501室 → **室. Three or four digits, so that 2室1厅 stays.
  {
    re: /(?<![\d*])\d{3,4}(号房|室|房)(?!间)/g,
    mask: (_m, suffix) => `**${suffix}`,
  },
];

/**
 * Masks what must never be public: phone numbers, ID numbers, plates, exact door numbers,
 * e-mail, QQ/WeChat accounts, and the names given. Dates, times, counts and amounts stay.
 */
export function maskText(text: string, opts: MaskTextOptions = {}): string {
  let out = text;
  // Names first, longest first, so that 张三丰 is not left as 张**丰 by a shorter 张三.
  // A one-character "name" would mask that character everywhere, so it is ignored.
  const names = [...new Set((opts.names ?? []).map((n) => n.trim()).filter((n) => Array.from(n).length >= 2))].sort(
    (a, b) => b.length - a.length,
  );
  if (names.length > 0) {
    const re = new RegExp(names.map(escapeRegExp).join('|'), 'g');
    out = out.replace(re, (m) => maskPersonName(m));
  }
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    out = out.replace(rule.re, rule.mask as (substring: string, ...args: unknown[]) => string);
  }
  return out;
}
