/**
 * Case numbers people can say (案件编号): `YYMM-NNNN`, e.g. `2612-0042`, the 42nd case of a
 * street in December 2026 (China-local month of submission). The sequence is per street and
 * month; four digits at least, more when a month passes 9999. The internal id stays the key;
 * the number is what a card, a message, a ledger and a phone call use.
 */
import { localDateOf, startOfLocalDate } from './working-days';

/** The counter a case's number is drawn from: one per street and China-local month. */
export interface CaseNumberScope {
  /** `streetId|YYMM`, the counter's key. */
  key: string;
  /** `YYMM` of the China-local month. */
  yymm: string;
}

export function caseNumberScope(streetId: string, createdAt: Date): CaseNumberScope {
  const day = localDateOf(createdAt); // YYYY-MM-DD
  const yymm = day.slice(2, 4) + day.slice(5, 7);
  return { key: `${streetId}|${yymm}`, yymm };
}

export function formatCaseNumber(yymm: string, seq: number): string {
  if (!/^\d{4}$/.test(yymm)) throw new RangeError(`bad month ${yymm}`);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`bad sequence ${seq}`);
  return `${yymm}-${String(seq).padStart(4, '0')}`;
}

/** Full-width digits and dashes, and the separators people type or say between the two parts. */
function normalise(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[－—–‐―~～_/.\s]+/g, '-')
    .replace(/^[-]+|[-]+$/g, '');
}

/**
 * Reads what someone typed into a search box as a case number, or undefined when it is not one:
 * `2612-0042`, `2612-42`, `2612 42`, `２６１２－００４２`, `26120042` (eight digits).
 */
export function parseCaseNumber(text: string): string | undefined {
  const t = normalise(text.trim());
  const m = /^(\d{4})-(\d{1,6})$/.exec(t) ?? /^(\d{4})(\d{4})$/.exec(t);
  if (!m) return undefined;
  const [, yymm, seqText] = m;
  const month = Number(yymm.slice(2));
  const seq = Number(seqText);
  if (month < 1 || month > 12 || seq < 1) return undefined;
  return formatCaseNumber(yymm, seq);
}

/** The China-local month a number was given in, as an ISO instant range [from, to). */
export function caseNumberMonth(no: string): { from: string; to: string } {
  const year = 2000 + Number(no.slice(0, 2));
  const mm = Number(no.slice(2, 4));
  const first = (y: number, m: number): string => `${y}-${String(m).padStart(2, '0')}-01`;
  const from = startOfLocalDate(first(year, mm)).toISOString();
  const to = startOfLocalDate(mm === 12 ? first(year + 1, 1) : first(year, mm + 1)).toISOString();
  return { from, to };
}
