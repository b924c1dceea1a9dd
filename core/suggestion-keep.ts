/**
 * Why a 满意度测评 suggestion is kept staff-only (不公开): one of a few fixed reasons, or 其他 with
 * words of its own. Staff read the reason in the review queue; the board never does. No imports but
 * the length rule's own module: the admin subpackage imports this as it is.
 */
import { reportLetterCount } from './report-text';

export const KEEP_REASONS = ['personal_info', 'unrelated', 'uncivil', 'other'] as const;
export type KeepReason = (typeof KEEP_REASONS)[number];
export const KEEP_REASON_NAMES: Record<KeepReason, string> = {
  personal_info: '含个人信息',
  unrelated: '与测评无关',
  uncivil: '不文明用语',
  other: '其他',
};

/** The fewest counted characters (Chinese, letters, digits) an 其他 reason says. */
export const KEEP_NOTE_MIN = 4;
export const KEEP_NOTE_MAX = 60;

export interface KeptWhy {
  reason: KeepReason;
  /** The words of an 其他 reason; absent for a fixed one. */
  note?: string;
}

/** Refusal message for a reason that is missing or says too little; undefined when it will do. */
export function keepReasonProblem(reason: string | undefined, note: string | undefined): string | undefined {
  if (reason === undefined || !(KEEP_REASONS as readonly string[]).includes(reason)) return '请选择不公开的原因';
  if (reason !== 'other') return undefined;
  const words = (note ?? '').trim();
  if (reportLetterCount(words) < KEEP_NOTE_MIN) return `选择「其他」时请写明原因，至少${KEEP_NOTE_MIN}个字`;
  if (Array.from(words).length > KEEP_NOTE_MAX) return `不公开的原因不能超过${KEEP_NOTE_MAX}字`;
  return undefined;
}

/** How staff read a reason: 「含个人信息」, or 「其他：…」. */
export const keepReasonLabel = (why: KeptWhy): string =>
  why.reason === 'other' && why.note ? `${KEEP_REASON_NAMES.other}：${why.note}` : KEEP_REASON_NAMES[why.reason];
