/**
 * The ledger panel's logic (台账): what a dispute's or a hazard's ledger says now, which entries
 * may be recorded next, and the colour a hazard will get before it is saved. Pure.
 *
 * The hazard colour repeats the rule of core/ledgers.ts `classifyHazard` (the app does not import
 * the core; the test checks they agree): fixable today → blue; otherwise a venue for 30 people or
 * more (以上 includes 30) → red, fewer → orange.
 */
import type { StaffLedger } from '../services/member-api';

export type HazardColor = 'red' | 'orange' | 'blue';
export type DisputeColor = 'red' | 'yellow' | 'green';
/** The tag colours the staff pages have. */
export type LedgerTone = 'red' | 'orange' | 'yellow' | 'green' | 'blue' | 'grey';

export const RED_HAZARD_CAPACITY = 30;
export const MAX_VENUE_CAPACITY = 100_000;
export const MAX_FOLLOW_UP_NOTE = 200;

export const HAZARD_COLORS: Readonly<Record<HazardColor, { name: string; rule: string; tone: LedgerTone }>> = {
  red: { name: '红色', rule: `${RED_HAZARD_CAPACITY}人以上且不能当日整改`, tone: 'red' },
  orange: { name: '橙色', rule: `不到${RED_HAZARD_CAPACITY}人且不能当日整改`, tone: 'orange' },
  blue: { name: '蓝色', rule: '能当日整改', tone: 'blue' },
};

export const DISPUTE_COLORS: Readonly<Record<DisputeColor, { name: string; rule: string; tone: LedgerTone }>> = {
  red: { name: '红色', rule: '可能激化', tone: 'red' },
  yellow: { name: '黄色', rule: '持续关注', tone: 'yellow' },
  green: { name: '绿色', rule: '已化解', tone: 'green' },
};

export function classifyHazard(f: { venueCapacity: number; fixableToday: boolean }): HazardColor {
  if (f.fixableToday) return 'blue';
  return f.venueCapacity >= RED_HAZARD_CAPACITY ? 'red' : 'orange';
}

/** The number typed for a venue's capacity, or what is wrong with it. */
export function parseCapacity(text: string): { value: number } | { problem: string } {
  const t = text.trim();
  if (!t) return { problem: '请填写场所大约容纳多少人' };
  if (!/^\d+$/.test(t)) return { problem: '容纳人数请填整数' };
  const value = Number(t);
  if (value > MAX_VENUE_CAPACITY) return { problem: `容纳人数不能超过${MAX_VENUE_CAPACITY}` };
  return { value };
}

export interface HazardPreview {
  color: HazardColor;
  /** 红色：30人以上且不能当日整改 */
  text: string;
  tone: LedgerTone;
  venueCapacity: number;
  fixableToday: boolean;
}

/** The colour the hazard form will save, or what is still missing. */
export function hazardPreview(capacityText: string, fixableToday: boolean | undefined): HazardPreview | { problem: string } {
  const capacity = parseCapacity(capacityText);
  if ('problem' in capacity) return capacity;
  if (fixableToday === undefined) return { problem: '请选择能否当天整改' };
  const color = classifyHazard({ venueCapacity: capacity.value, fixableToday });
  const c = HAZARD_COLORS[color];
  return { color, text: `${c.name}：${c.rule}`, tone: c.tone, venueCapacity: capacity.value, fixableToday };
}

/** The problem with a follow-up note, or undefined. */
export function followUpProblem(note: string): string | undefined {
  const v = note.trim();
  if (!v) return '请填写回访情况';
  if (Array.from(v).length > MAX_FOLLOW_UP_NOTE) return `回访情况最多${MAX_FOLLOW_UP_NOTE}字`;
  return undefined;
}

/** `2026年11月23日` in China time (UTC+8 all year, so a fixed offset is exact). */
export function chinaDate(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return '';
  const d = new Date(t + 8 * 3_600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

export interface LedgerLine {
  key: string;
  label: string;
  value: string;
  tone?: LedgerTone;
}

export interface LedgerView {
  title: string;
  lines: LedgerLine[];
  /** A warning to show: a follow-up visit is due. */
  alert?: string;
  /** What may be recorded now (given the caller may record at all). */
  can: { hazard: boolean; risk: boolean; settle: boolean; followUp: boolean };
}

/** What the ledger panel shows; the server has worked out the colour and the follow-up dates. */
export function ledgerView(l: StaffLedger): LedgerView {
  if (l.kind === 'hazard') {
    const color = l.color ? HAZARD_COLORS[l.color] : undefined;
    return {
      title: '隐患台账',
      lines: [
        { key: 'color', label: '隐患等级', value: color ? `${color.name}（${color.rule}）` : '未分级', tone: color?.tone ?? 'grey' },
        { key: 'capacity', label: '场所容纳人数', value: l.venueCapacity === undefined ? '未登记' : `约${l.venueCapacity}人` },
        { key: 'fixable', label: '能否当日整改', value: l.fixableToday === undefined ? '未登记' : l.fixableToday ? '能' : '不能' },
      ],
      can: { hazard: true, risk: false, settle: false, followUp: false },
    };
  }
  const color = DISPUTE_COLORS[l.color];
  const settled = l.settledAt !== undefined;
  const lines: LedgerLine[] = [
    { key: 'color', label: '预警等级', value: `${color.name}（${color.rule}）`, tone: color.tone },
    { key: 'grade', label: '矛盾类型', value: l.major ? '重大（每半月回访一次）' : '一般（每月回访一次）' },
    {
      key: 'settled',
      label: '化解日期',
      value: !l.settledAt ? '未化解' : `${chinaDate(l.settledAt)}${l.settledRecorded ? '' : '（按办结日期）'}`,
    },
    { key: 'last', label: '上次回访', value: l.lastFollowUpAt ? chinaDate(l.lastFollowUpAt) : settled ? '还没有回访' : '—' },
    {
      key: 'next',
      label: '下次回访',
      value: !l.nextFollowUpAt ? '化解后开始回访' : `${chinaDate(l.nextFollowUpAt)}${l.followUpDue ? '（应回访）' : ''}`,
      ...(l.followUpDue ? { tone: 'red' as const } : {}),
    },
  ];
  return {
    title: '矛盾纠纷台账',
    lines,
    ...(l.followUpDue ? { alert: '已到回访时间，请回访后登记' } : {}),
    can: { hazard: false, risk: !settled, settle: !l.settledRecorded, followUp: settled },
  };
}
