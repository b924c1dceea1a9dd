/**
 * The two ledgers (台账) kept besides the case list: disputes in red / yellow / green (seed 001)
 * and hazards in red / orange / blue (seed 004). Pure: the caller passes `now`.
 */
import { fail, ok, type Result } from './errors';
import { STATUS_NAMES, SEVERITY_NAMES, type Case, type LedgerInfo } from './model';
import { maskText } from './masking';
import { addLocalDays, localDateOf, startOfLocalDate } from './working-days';

// ——— disputes (矛盾纠纷) ———

export type DisputeColor = NonNullable<LedgerInfo['disputeColor']>;

export const DISPUTE_COLOR_NAMES: Readonly<Record<DisputeColor, string>> = {
  red: '红色',
  yellow: '黄色',
  green: '绿色',
};

/** The seed's own definitions, for legends and hover text. */
export const DISPUTE_COLOR_MEANINGS: Readonly<Record<DisputeColor, string>> = {
  red: '可能激化的重大矛盾',
  yellow: '需持续关注的一般矛盾',
  green: '已化解矛盾',
};

export interface DisputeFacts {
  major: boolean;
  settled: boolean;
  /** The mediator's judgement that it may flare up (可能激化). */
  mayEscalate?: boolean;
}

/**
 * Settled is green whatever it was. Unsettled, a major dispute or one that may flare up is red:
 * the seed pairs the two ("可能激化的重大矛盾"), and the ledger errs towards the more watchful
 * colour rather than leave either kind yellow.
 */
export function classifyDispute(f: DisputeFacts): DisputeColor {
  if (f.settled) return 'green';
  return f.major || f.mayEscalate === true ? 'red' : 'yellow';
}

export interface FollowUpInfo {
  settledAt: string;
  lastFollowUpAt?: string;
  major: boolean;
}

/** Days between visits for a major dispute: "每半月1次", taken as 15 days. */
export const MAJOR_FOLLOW_UP_DAYS = 15;

/** The same day of the next calendar month, or its last day when it is shorter (01-31 → 02-28). */
export function addLocalMonth(localDate: string): string {
  const y = Number(localDate.slice(0, 4));
  const m = Number(localDate.slice(5, 7));
  const d = Number(localDate.slice(8, 10));
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  const daysInNext = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, daysInNext)).padStart(2, '0')}`;
}

function instant(at: string, what: string): Date {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) throw new RangeError(`${what}不是有效的时间：${at}`);
  return d;
}

/**
 * Follow-up visits after settlement ("一般矛盾每月1次，重大矛盾每半月1次"), counted from the
 * last visit or, before the first, from the settlement. A month is a calendar month and half a
 * month 15 days. Visits are planned by day, not by hour: the next one is due from the start of
 * its China-local day, so a dispute settled at 16:00 on 3月15日 may be visited on the morning of
 * 4月15日. `nextAt` is that start of day as an ISO instant.
 */
export function disputeFollowUpDue(info: FollowUpInfo, now: Date): { due: boolean; nextAt: string } {
  const settled = instant(info.settledAt, '化解时间');
  const last = info.lastFollowUpAt ? instant(info.lastFollowUpAt, '回访时间') : undefined;
  // A visit logged before the settlement date (a data-entry slip) must not pull the schedule back.
  const base = last && last.getTime() > settled.getTime() ? last : settled;
  const baseDay = localDateOf(base);
  const nextDay = info.major ? addLocalDays(baseDay, MAJOR_FOLLOW_UP_DAYS) : addLocalMonth(baseDay);
  const nextAt = startOfLocalDate(nextDay);
  return { due: now.getTime() >= nextAt.getTime(), nextAt: nextAt.toISOString() };
}

/**
 * Follow-up visits are chased (回访提醒): the timer reminds the handler once per due date; a due
 * date passed by the next one with no visit in between is a missed visit (逾期未回访), which the
 * ledger shows.
 */
export interface FollowUpSchedule {
  /** The due date now: the latest one reached, or the first still ahead (China-local day). */
  dueOn: string;
  /** Whether `dueOn` has been reached. */
  due: boolean;
  /** The due date after `dueOn`. */
  nextOn: string;
  /** Due dates passed by the next one with no visit in between. */
  missed: number;
}

/** Enough steps for twenty years of monthly due dates. */
const MAX_STEPS = 480;

/** The follow-up schedule of a settled dispute at `now`, or undefined (not a dispute, or not settled). */
export function followUpSchedule(c: Case, now: Date): FollowUpSchedule | undefined {
  if (c.kind !== 'dispute') return undefined;
  const settledAt = settledAtOf(c);
  if (!settledAt) return undefined;
  const major = c.ledger?.disputeMajor ?? c.severity === 'major';
  const step = (day: string): string => (major ? addLocalDays(day, MAJOR_FOLLOW_UP_DAYS) : addLocalMonth(day));
  const last = c.ledger?.lastFollowUpAt;
  // A visit logged before the settlement must not pull the schedule back.
  const base = last && last > settledAt ? last : settledAt;
  const today = localDateOf(now);
  let dueOn = step(localDateOf(new Date(base)));
  let missed = 0;
  for (let i = 0; i < MAX_STEPS && step(dueOn) <= today; i++) {
    dueOn = step(dueOn);
    missed++;
  }
  return { dueOn, due: dueOn <= today, nextOn: step(dueOn), missed };
}

/**
 * When the timer must next look at a settled dispute for its follow-up: the start of the current due
 * day, or of the next one once the handler was reminded of it; undefined when there is nothing to chase.
 */
export function followUpCheckAt(c: Case, now: Date): string | undefined {
  // Chased once the case is closed: before that the handler is still on it.
  const s = c.status === 'closed' ? followUpSchedule(c, now) : undefined;
  if (!s) return undefined;
  const day = c.ledger?.followUpRemindedFor === s.dueOn ? s.nextOn : s.dueOn;
  return startOfLocalDate(day).toISOString();
}

/** Whether the handler is to be reminded now, and of which due date. */
export function followUpReminder(c: Case, now: Date): FollowUpSchedule | undefined {
  const s = c.status === 'closed' ? followUpSchedule(c, now) : undefined;
  return s && s.due && c.ledger?.followUpRemindedFor !== s.dueOn ? s : undefined;
}

// ——— hazards (隐患) ———

export type HazardColor = NonNullable<LedgerInfo['hazardColor']>;

export const HAZARD_COLOR_NAMES: Readonly<Record<HazardColor, string>> = {
  red: '红色',
  orange: '橙色',
  blue: '蓝色',
};

export const HAZARD_COLOR_MEANINGS: Readonly<Record<HazardColor, string>> = {
  red: '红色危险场所：容纳30人以上且隐患不能当日整改',
  orange: '橙色危险场所：容纳30人以下且隐患不能当日整改',
  blue: '蓝色一般性场所：隐患能当日整改',
};

/** Venues holding this many people or more are red when not fixable today. */
export const RED_HAZARD_CAPACITY = 30;

/**
 * Seed 004: red = holds 30 or more and cannot be fixed today; orange = fewer than 30 and cannot
 * be fixed today; blue = fixable today. In Chinese statutes "以上" includes the number itself
 * (刑法第九十九条, 民法典第一千二百五十九条), so a venue for exactly 30 is red. The seed's
 * "30人以下" for orange would include 30 too; the overlap is resolved towards the graver colour.
 */
export function classifyHazard(f: { venueCapacity: number; fixableToday: boolean }): HazardColor {
  if (!Number.isInteger(f.venueCapacity) || f.venueCapacity < 0) throw new RangeError('容纳人数必须是非负整数');
  if (f.fixableToday) return 'blue';
  return f.venueCapacity >= RED_HAZARD_CAPACITY ? 'red' : 'orange';
}

// ——— ledger export ———

export const DISPUTE_LEDGER_COLUMNS = [
  { key: 'caseId', label: '编号' },
  { key: 'communityId', label: '社区' },
  { key: 'gridId', label: '网格' },
  { key: 'category', label: '类别' },
  { key: 'description', label: '矛盾纠纷情况' },
  { key: 'color', label: '预警等级' },
  { key: 'grade', label: '矛盾类型' },
  { key: 'status', label: '办理状态' },
  { key: 'reportedOn', label: '登记日期' },
  { key: 'settledOn', label: '化解日期' },
  { key: 'lastFollowUpOn', label: '上次回访日期' },
  { key: 'nextFollowUpOn', label: '下次回访日期' },
  { key: 'followUp', label: '回访提醒' },
] as const;

export const HAZARD_LEDGER_COLUMNS = [
  { key: 'caseId', label: '编号' },
  { key: 'communityId', label: '社区' },
  { key: 'gridId', label: '网格' },
  { key: 'category', label: '类别' },
  { key: 'description', label: '隐患情况' },
  { key: 'color', label: '隐患等级' },
  { key: 'venueCapacity', label: '场所容纳人数' },
  { key: 'fixableToday', label: '能否当日整改' },
  { key: 'status', label: '整改状态' },
  { key: 'reportedOn', label: '发现日期' },
  { key: 'fixedOn', label: '整改完成日期' },
] as const;

type RowOf<C extends readonly { key: string }[]> = { [K in C[number]['key']]: string };
export type DisputeLedgerRow = RowOf<typeof DISPUTE_LEDGER_COLUMNS>;
export type HazardLedgerRow = RowOf<typeof HAZARD_LEDGER_COLUMNS>;
export type LedgerRow = ({ kind: 'dispute' } & DisputeLedgerRow) | ({ kind: 'hazard' } & HazardLedgerRow);

/** What an empty cell shows: a blank cell reads as a forgotten entry in a printed ledger. */
export const EMPTY_CELL = '—';
export const UNCLASSIFIED = '未分级';

const localDay = (at: string | undefined): string => (at ? localDateOf(instant(at, '日期')) : EMPTY_CELL);

/** 回访提醒 in the ledger: not yet settled, due, missed (逾期 N 次未回访), or not yet due. */
function followUpText(c: Case, followUp: { due: boolean } | undefined, now: Date): string {
  if (!followUp) return '未化解，暂不回访';
  const missed = followUpSchedule(c, now)?.missed ?? 0;
  if (missed > 0) return `已逾期${missed}次未回访`;
  return followUp.due ? '应回访' : '未到回访时间';
}

/** A reporter or party named in the case: their names are masked in the description too. */
const namesIn = (c: Case): string[] => [c.reporter.name, c.holder?.name].filter((n): n is string => !!n);

/**
 * When a dispute was settled (化解): the date a mediator recorded, else the day the case closed —
 * the resident rated it 满意 / 基本满意, or the rating window passed. Without this fallback nothing
 * in the app ever turned a dispute green or started its follow-up visits.
 */
export function settledAtOf(c: Case): string | undefined {
  return c.ledger?.settledAt ?? (c.kind === 'dispute' && c.status === 'closed' ? c.closedAt : undefined);
}

/** The colour of a dispute case: a settlement date makes it green; otherwise the stored colour, else the facts. */
export function disputeColorOf(c: Case): DisputeColor {
  const l = c.ledger ?? {};
  if (settledAtOf(c)) return 'green';
  // The stored colour carries the mediator's judgement (可能激化) that the facts do not hold.
  return l.disputeColor ?? classifyDispute({ major: isMajorDispute(c), settled: false });
}

const isMajorDispute = (c: Case): boolean => c.ledger?.disputeMajor ?? c.severity === 'major';

/** The colour of a hazard case: from the facts when both are recorded, else the stored colour. */
export function hazardColorOf(c: Case): HazardColor | undefined {
  const l = c.ledger ?? {};
  if (l.venueCapacity !== undefined && l.fixableToday !== undefined)
    return classifyHazard({ venueCapacity: l.venueCapacity, fixableToday: l.fixableToday });
  return l.hazardColor;
}

/**
 * One row of the dispute or hazard ledger export. Descriptions go through `maskText` because a
 * ledger leaves the office as a spreadsheet; ids stay ids and the exporter maps them to names.
 */
export function ledgerRow(c: Case, now: Date): LedgerRow {
  const common = {
    caseId: c.no ?? c.id,
    communityId: c.place.communityId,
    gridId: c.place.gridId,
    category: c.categoryName,
    description: maskText(c.description, { names: namesIn(c) }),
    status: STATUS_NAMES[c.status],
    reportedOn: localDay(c.createdAt),
  };
  const l = c.ledger ?? {};
  if (c.kind === 'dispute') {
    const major = isMajorDispute(c);
    const settledAt = settledAtOf(c);
    const followUp = settledAt ? disputeFollowUpDue({ settledAt, lastFollowUpAt: l.lastFollowUpAt, major }, now) : undefined;
    return {
      kind: 'dispute',
      ...common,
      color: DISPUTE_COLOR_NAMES[disputeColorOf(c)],
      grade: major ? SEVERITY_NAMES.major : SEVERITY_NAMES.simple,
      settledOn: localDay(settledAt),
      lastFollowUpOn: localDay(l.lastFollowUpAt),
      // The due date now (a missed one stays due until a visit), else the next.
      nextFollowUpOn: followUp ? (followUpSchedule(c, now)?.dueOn ?? localDateOf(new Date(followUp.nextAt))) : EMPTY_CELL,
      followUp: followUpText(c, followUp, now),
    };
  }
  if (c.kind === 'hazard') {
    const color = hazardColorOf(c);
    return {
      kind: 'hazard',
      ...common,
      color: color ? HAZARD_COLOR_NAMES[color] : UNCLASSIFIED,
      venueCapacity: l.venueCapacity !== undefined ? String(l.venueCapacity) : EMPTY_CELL,
      fixableToday: l.fixableToday === undefined ? EMPTY_CELL : l.fixableToday ? '能' : '否',
      fixedOn: c.result !== undefined && (c.status === 'resolved' || c.status === 'closed') ? localDay(c.resolvedAt) : EMPTY_CELL,
    };
  }
  throw new RangeError(`事项 ${c.id} 不属于矛盾纠纷或隐患台账`);
}

/** The rows of one ledger, in the order they were reported (then by id, for a stable export). */
export function ledgerRows<K extends 'dispute' | 'hazard'>(cases: readonly Case[], kind: K, now: Date): Extract<LedgerRow, { kind: K }>[] {
  return cases
    .filter((c) => c.kind === kind && c.status !== 'merged')
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((c) => ledgerRow(c, now) as Extract<LedgerRow, { kind: K }>);
}

// ——— recording ledger entries (the `ledger` command) ———

/**
 * What a handler or an admin records for the ledgers: a hazard's facts (the colour follows from
 * them), a dispute's risk (可能激化 → red, 持续关注 → yellow), its settlement (化解), and a
 * follow-up visit after it (回访).
 */
export type LedgerEntry =
  | { kind: 'hazard'; venueCapacity: number; fixableToday: boolean }
  | { kind: 'dispute_risk'; color: 'red' | 'yellow' }
  | { kind: 'settled' }
  | { kind: 'follow_up'; note: string };

export const LEDGER_ENTRY_KINDS = ['hazard', 'dispute_risk', 'settled', 'follow_up'] as const satisfies readonly LedgerEntry['kind'][];

/** The largest venue a hazard may name (a stadium; anything more is a typing slip). */
export const MAX_VENUE_CAPACITY = 100_000;
/** The longest follow-up note, in characters as people count them. */
export const MAX_FOLLOW_UP_NOTE = 200;

const RISK_NOTES: Readonly<Record<'red' | 'yellow', string>> = {
  red: '红色（可能激化）',
  yellow: '黄色（持续关注）',
};

/**
 * The ledger after one entry and the note for the timeline, or why it is refused. Pure: `at` is
 * the time of the change. The entry may come from outside as anything; a malformed one is refused.
 */
export function ledgerChange(c: Case, entry: LedgerEntry, at: string): Result<{ ledger: LedgerInfo; note: string }> {
  const before: LedgerInfo = c.ledger ?? {};
  const kind = (entry as { kind?: unknown } | undefined)?.kind;
  switch (kind) {
    case 'hazard': {
      const e = entry as Extract<LedgerEntry, { kind: 'hazard' }>;
      if (c.kind !== 'hazard') return fail('LEDGER.WRONG_KIND', '只有安全隐患类诉求才登记隐患台账');
      if (!Number.isInteger(e.venueCapacity) || e.venueCapacity < 0 || e.venueCapacity > MAX_VENUE_CAPACITY)
        return fail('INPUT.INVALID', `场所容纳人数须为0到${MAX_VENUE_CAPACITY}之间的整数`);
      if (typeof e.fixableToday !== 'boolean') return fail('INPUT.INVALID', '请选择能否当日整改');
      if (before.venueCapacity === e.venueCapacity && before.fixableToday === e.fixableToday)
        return fail('LEDGER.UNCHANGED', '隐患台账信息未变化');
      const color = classifyHazard(e);
      return ok({
        ledger: { ...before, venueCapacity: e.venueCapacity, fixableToday: e.fixableToday, hazardColor: color },
        note: `隐患台账：场所约${e.venueCapacity}人，${e.fixableToday ? '能当日整改' : '不能当日整改'}，标为${HAZARD_COLOR_NAMES[color]}`,
      });
    }
    case 'dispute_risk': {
      const e = entry as Extract<LedgerEntry, { kind: 'dispute_risk' }>;
      if (c.kind !== 'dispute') return fail('LEDGER.WRONG_KIND', '只有矛盾纠纷类诉求才登记纠纷台账');
      if (e.color !== 'red' && e.color !== 'yellow') return fail('INPUT.INVALID', '风险等级只能标为红色或黄色');
      if (settledAtOf(c)) return fail('LEDGER.SETTLED', '矛盾已化解，不再调整风险等级');
      if (before.disputeColor === e.color) return fail('LEDGER.UNCHANGED', `已标为${RISK_NOTES[e.color]}`);
      return ok({ ledger: { ...before, disputeColor: e.color }, note: `纠纷台账：标为${RISK_NOTES[e.color]}` });
    }
    case 'settled': {
      if (c.kind !== 'dispute') return fail('LEDGER.WRONG_KIND', '只有矛盾纠纷类诉求才登记纠纷台账');
      if (before.settledAt) return fail('LEDGER.SETTLED', '已登记化解');
      return ok({ ledger: { ...before, settledAt: at }, note: '纠纷台账：矛盾已化解' });
    }
    case 'follow_up': {
      const e = entry as Extract<LedgerEntry, { kind: 'follow_up' }>;
      if (c.kind !== 'dispute') return fail('LEDGER.WRONG_KIND', '只有矛盾纠纷类诉求才登记纠纷台账');
      const note = typeof e.note === 'string' ? e.note.trim() : '';
      if (!note) return fail('CASE.REASON_REQUIRED', '请填写回访情况');
      if (Array.from(note).length > MAX_FOLLOW_UP_NOTE) return fail('INPUT.INVALID', `回访情况不能超过${MAX_FOLLOW_UP_NOTE}字`);
      // Visits are those after a settlement: before it there is nothing to follow up yet.
      if (!settledAtOf(c)) return fail('LEDGER.NOT_SETTLED', '矛盾尚未化解，化解后才登记回访');
      return ok({ ledger: { ...before, lastFollowUpAt: at }, note: `回访：${note}` });
    }
    default:
      return fail('INPUT.INVALID', '不支持的台账登记');
  }
}

// ——— the ledger as staff see it on a case ———

export type LedgerState =
  | {
      kind: 'dispute';
      color: DisputeColor;
      colorName: string;
      colorMeaning: string;
      major: boolean;
      /** The risk a mediator recorded, if any (the colour may come from the severity instead). */
      risk?: 'red' | 'yellow';
      /** When it was settled: the recorded date, else the day it closed. */
      settledAt?: string;
      /** Whether the settlement was recorded (not only inferred from closing). */
      settledRecorded: boolean;
      lastFollowUpAt?: string;
      /** From the start of this day the next visit is due; absent before settlement. */
      nextFollowUpAt?: string;
      followUpDue: boolean;
    }
  | {
      kind: 'hazard';
      color?: HazardColor;
      /** 红色 / 橙色 / 蓝色, or 未分级 before the facts are recorded. */
      colorName: string;
      colorMeaning?: string;
      venueCapacity?: number;
      fixableToday?: boolean;
    };

/** A dispute's or a hazard's ledger as of `now`, for the case page; undefined for other cases. */
export function ledgerState(c: Case, now: Date): LedgerState | undefined {
  const l = c.ledger ?? {};
  if (c.kind === 'dispute') {
    const color = disputeColorOf(c);
    const major = isMajorDispute(c);
    const settledAt = settledAtOf(c);
    const followUp = settledAt ? disputeFollowUpDue({ settledAt, lastFollowUpAt: l.lastFollowUpAt, major }, now) : undefined;
    return {
      kind: 'dispute',
      color,
      colorName: DISPUTE_COLOR_NAMES[color],
      colorMeaning: DISPUTE_COLOR_MEANINGS[color],
      major,
      ...(l.disputeColor === 'red' || l.disputeColor === 'yellow' ? { risk: l.disputeColor } : {}),
      ...(settledAt ? { settledAt } : {}),
      settledRecorded: l.settledAt !== undefined,
      ...(l.lastFollowUpAt ? { lastFollowUpAt: l.lastFollowUpAt } : {}),
      ...(followUp ? { nextFollowUpAt: followUp.nextAt } : {}),
      followUpDue: followUp?.due ?? false,
    };
  }
  if (c.kind === 'hazard') {
    const color = hazardColorOf(c);
    return {
      kind: 'hazard',
      ...(color ? { color, colorMeaning: HAZARD_COLOR_MEANINGS[color] } : {}),
      colorName: color ? HAZARD_COLOR_NAMES[color] : UNCLASSIFIED,
      ...(l.venueCapacity !== undefined ? { venueCapacity: l.venueCapacity } : {}),
      ...(l.fixableToday !== undefined ? { fixableToday: l.fixableToday } : {}),
    };
  }
  return undefined;
}

/** A period (`2026`, `2026-12`, `2026-Q4`) or a local date (`2026-12-07`) in Chinese: 2026年, 2026年12月, 2026年第4季度, 2026年12月7日. */
export function chinesePeriod(period: string): string {
  if (/^\d{4}$/.test(period)) return `${period}年`;
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return `${q[1]}年第${q[2]}季度`;
  const d = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(period);
  if (!d) return period;
  return `${d[1]}年${Number(d[2])}月${d[3] ? `${Number(d[3])}日` : ''}`;
}

/**
 * The name of an exported file, in Chinese, e.g. 渝园社区_诉求台账_2026年12月.xlsx: where, what,
 * when. Characters a file system refuses (/ \ : * ? " < > |), spaces and control characters are
 * dropped from each part; an empty part is left out.
 */
export function exportFileName(parts: { scope: string; what: string; when: string }, ext = 'xlsx'): string {
  const clean = (s: string) => s.replace(/[\\/:*?"<>|\s\p{Cc}]+/gu, '');
  const name = [parts.scope, parts.what, parts.when].map(clean).filter(Boolean).join('_');
  return `${name || '导出'}.${ext}`;
}
