import dayjs from 'dayjs';
import type { CaseStatus } from '../services/api-types';

/** `2026-10-01T02:00:00.000Z` → `10月1日 10:00` (this year) or `2025年10月1日 10:00`. */
export function formatTime(iso: string | undefined, now: Date = new Date()): string {
  if (!iso) return '';
  const t = dayjs(iso);
  if (!t.isValid()) return '';
  return t.year() === now.getFullYear() ? t.format('M月D日 HH:mm') : t.format('YYYY年M月D日 HH:mm');
}

/** The colour family a status is shown in; the Chinese label always comes from the server. */
export type StatusTone = 'waiting' | 'working' | 'alert' | 'rate' | 'done' | 'ended';

const TONES: Record<CaseStatus, StatusTone> = {
  pending: 'waiting',
  assigned: 'waiting',
  processing: 'working',
  escalated: 'alert',
  resolved: 'rate',
  closed: 'done',
  rejected: 'ended',
  withdrawn: 'ended',
  merged: 'ended',
};

export const statusTone = (status: string): StatusTone => TONES[status as CaseStatus] ?? 'ended';

/** Cuts a description for a list line without breaking a character in two. */
export function excerpt(text: string, max = 40): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max).join('')}…`;
}

/** Length as people count it: one per character, emoji included. */
export const charCount = (text: string): number => Array.from(text).length;

/** What to tell people about the time limit: the server's text, else the due time. */
export function limitLine(limitText: string | undefined, dueAt: string | undefined, now?: Date): string {
  if (limitText) return limitText;
  if (dueAt) return `请在 ${formatTime(dueAt, now)} 前处理`;
  return '';
}
