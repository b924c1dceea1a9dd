/**
 * Input validation at the edge: every action's input is a strict zod schema, and every failure
 * becomes one Chinese sentence naming the field.
 */
import * as z from 'zod';
import { fail, ok, type Result } from '../core/errors';
import { MAX_FOLLOW_UP_NOTE, MAX_VENUE_CAPACITY } from '../core/ledgers';

const FIELD_NAMES: Record<string, string> = {
  action: '操作',
  requestId: '请求编号',
  categoryId: '类别',
  buildingId: '楼栋',
  gridId: '网格',
  communityId: '社区',
  description: '问题描述',
  isPublic: '是否公开',
  photos: '照片',
  contactPhone: '联系电话',
  caseId: '诉求编号',
  note: '说明',
  result: '办理结果',
  reason: '理由',
  rating: '评价',
  comment: '评价意见',
  cursor: '分页标记',
  status: '状态',
  memberId: '成员',
  q: '搜索内容',
  handlerId: '办理人',
  sort: '排序',
  caseIds: '所选诉求',
  confirmed: '确认',
  severity: '等级',
  code: '邀请码',
  toRole: '转派角色',
  departmentId: '部门',
  name: '名称',
  period: '统计周期',
  weekOf: '统计周',
  date: '日期',
  from: '开始日期',
  to: '结束日期',
  before: '时间',
  policy: '时限方案',
  entry: '台账登记',
  location: '位置',
  // 院坝会 / 议事日 records
  meetingId: '会议记录',
  heldOn: '会议日期',
  topic: '会议议题',
  attendance: '参会人数',
  rolesPresent: '出席角色',
  decisions: '议定事项',
  issues: '群众反映的问题',
  handles: '负责事项',
  categoryIds: '负责类别',
  phone: '联系电话',
  accountId: '账号',
  channel: '渠道',
  examples: '举例说明',
};

/** Fields inside an object field, named on their own (`entry.venueCapacity` → 场所容纳人数). */
const NESTED_FIELD_NAMES: Record<string, Record<string, string>> = {
  entry: { kind: '台账登记类别', venueCapacity: '场所容纳人数', fixableToday: '能否当日整改', color: '风险等级', note: '回访情况' },
  location: { latitude: '纬度', longitude: '经度' },
};

/** The value at a path of the request, to tell a missing field from one of the wrong type. */
function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const k of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, k)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown): string {
  const key = issue.path.length ? String(issue.path[0]) : '';
  const nested = issue.path.length > 1 ? NESTED_FIELD_NAMES[key]?.[String(issue.path[1])] : undefined;
  const field = nested ? `「${nested}」` : key ? `「${FIELD_NAMES[key] ?? key}」` : '请求';
  switch (issue.code) {
    case 'invalid_type':
      // zod does not keep the input on an issue: look the field up in the request.
      return (issue.input ?? valueAt(data, issue.path)) === undefined ? `缺少${field}` : `${field}类型不正确`;
    case 'too_big':
      return issue.origin === 'string'
        ? `${field}过长（最多${String(issue.maximum)}字）`
        : issue.origin === 'array'
          ? `${field}数量过多（最多${String(issue.maximum)}个）`
          : `${field}过大`;
    case 'too_small':
      return issue.origin === 'string' ? `${field}不能为空` : issue.origin === 'array' ? `${field}数量不足` : `${field}过小`;
    case 'unrecognized_keys':
      return `请求包含未知字段：${issue.keys.slice(0, 3).join('、')}`;
    case 'invalid_value':
      return `${field}的取值无效`;
    case 'invalid_format':
      return `${field}格式不正确`;
    case 'custom':
      return `${field}${issue.message}`;
    default:
      return `${field}不正确`;
  }
}

export function parseInput<S extends z.ZodType>(schema: S, data: unknown): Result<z.infer<S>> {
  const r = schema.safeParse(data);
  if (r.success) return ok(r.data);
  const first = r.error.issues[0];
  return fail(
    'INPUT.INVALID',
    first ? describeIssue(first, data) : '请求参数有误',
    r.error.issues.slice(0, 5).map((i) => ({ path: i.path.map(String), code: i.code })),
  );
}

// Shared field schemas.
const noControl = (s: string): boolean => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s);
export const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_:.-]+$/);

// ——— text ———

/** A lone surrogate: text that is not well-formed UTF-16 (it cannot be stored or shown faithfully). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/**
 * Characters that show nothing: zero-width spaces and joiners, word joiner, BOM, soft hyphen,
 * direction marks and overrides, variation selectors, tags (Unicode's Default_Ignorable set).
 * A zero-width joiner or a variation selector inside an emoji sequence is kept (it draws one emoji).
 */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
/** What counts as a character with meaning: Chinese and other letters, digits. */
const MEANINGFUL = /[\p{L}\p{N}]/gu;

/** The text without invisible characters (those inside an emoji sequence stay). */
export function stripInvisible(s: string): string {
  return s.replace(INVISIBLE, (ch, offset: number, all: string) => {
    if (ch !== '\u200d' && ch !== '\ufe0f') return '';
    const before = Array.from(all.slice(Math.max(0, offset - 2), offset)).pop() ?? '';
    const after = Array.from(all.slice(offset + ch.length, offset + ch.length + 2))[0] ?? '';
    return PICTOGRAPH.test(before) && (ch === '\ufe0f' || PICTOGRAPH.test(after)) ? ch : '';
  });
}

/** How many characters of the text carry meaning (CJK, letters, digits). */
export const meaningfulLength = (s: string): number => s.match(MEANINGFUL)?.length ?? 0;

/**
 * Free text from a person: refused when ill-formed (a lone surrogate) or holding control
 * characters; stored without invisible characters and at most `max` characters long.
 */
export const text = (max: number) =>
  z
    .string()
    .max(max * 2)
    .refine((s) => !LONE_SURROGATE.test(s), { message: '含有无法识别的字符' })
    .refine(noControl, { message: '含有不允许的字符' })
    .transform((s) => stripInvisible(s).normalize('NFC'))
    .refine((s) => Array.from(s).length <= max, { message: `过长（最多${max}字）` });
/** Text that must say something: at least `min` characters with meaning (CJK, letters, digits). */
export const requiredText = (max: number, min = 1) =>
  text(max).refine((s) => meaningfulLength(s) >= min, {
    message: min > 1 ? `须至少包含${min}个文字、字母或数字` : '不能为空',
  });

/** A case's description: what a resident (or a member on patrol) reports, at least 5 meaningful characters. */
export const DESCRIPTION_MIN = 5;
export const description = requiredText(500, DESCRIPTION_MIN);

// ——— dates and periods ———

/** The years a date may name: the system's own era, with room on both sides. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2099;
const daysIn = (y: number, m: number): number =>
  m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
const yearOk = (y: number): boolean => y >= MIN_YEAR && y <= MAX_YEAR;

/** `YYYY-MM-DD` naming a real calendar day between MIN_YEAR and MAX_YEAR. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return yearOk(y) && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo);
}

/** An ISO instant (`2026-11-23T01:00:00.000Z`, or with an offset) on a real day in range. */
export function isInstant(s: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.exec(s);
  if (!m || !isCalendarDate(m[1]!) || Number(m[2]) > 23 || Number(m[3]) > 59) return false;
  const t = Date.parse(s);
  return Number.isFinite(t) && yearOk(new Date(t).getUTCFullYear());
}

const DATE_MESSAGE = `须为有效日期（YYYY-MM-DD，${MIN_YEAR}—${MAX_YEAR}年）`;
/** A China-local calendar date, `YYYY-MM-DD`. */
export const localDate = z.string().max(10).refine(isCalendarDate, { message: DATE_MESSAGE });
/** An instant, ISO 8601 with its zone. */
export const instant = z.string().max(40).refine(isInstant, { message: '须为有效时间（ISO 8601）' });
/** A local date or an instant. */
export const dateOrInstant = z
  .string()
  .max(40)
  .refine((s) => isCalendarDate(s) || isInstant(s), { message: `须为日期（YYYY-MM-DD）或ISO时间，${MIN_YEAR}—${MAX_YEAR}年` });

const PERIOD = /^(\d{4})(-(0[1-9]|1[0-2]|Q[1-4]))?$/;
/** A month (`2026-10`), a quarter (`2026-Q4`) or a year (`2026`) between MIN_YEAR and MAX_YEAR. */
export const isPeriod = (s: string): boolean => PERIOD.test(s) && yearOk(Number(s.slice(0, 4)));
const PERIOD_MESSAGE = `须为月份（2026-10）、季度（2026-Q4）或年度（2026），${MIN_YEAR}—${MAX_YEAR}年`;
export const period = z.string().max(7).refine(isPeriod, { message: PERIOD_MESSAGE });
/** A period, or `month` / `quarter` / `year` for the current one. */
export const periodOrCurrent = z
  .string()
  .max(7)
  .refine((s) => s === 'month' || s === 'quarter' || s === 'year' || isPeriod(s), { message: PERIOD_MESSAGE });

export const fileId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^(cloud:\/\/[^\s]+|[A-Za-z0-9_-]+\.(jpg|png|webp))$/);
export const photos = z.array(fileId).max(9);
export const phone = z.string().regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/);
export const cursor = z.string().max(400);

/** One ledger entry (core/ledgers.ts `LedgerEntry`), told apart by its kind. */
export const ledgerEntry = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('hazard'),
    venueCapacity: z.number().int().min(0).max(MAX_VENUE_CAPACITY),
    fixableToday: z.boolean(),
  }),
  z.strictObject({ kind: z.literal('dispute_risk'), color: z.enum(['red', 'yellow']) }),
  z.strictObject({ kind: z.literal('settled') }),
  z.strictObject({ kind: z.literal('follow_up'), note: requiredText(MAX_FOLLOW_UP_NOTE) }),
]);
