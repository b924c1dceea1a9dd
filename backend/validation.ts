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
  severity: '等级',
  code: '邀请码',
  toRole: '转派角色',
  departmentId: '部门',
  name: '名称',
  period: '统计周期',
  policy: '时限方案',
  entry: '台账登记',
};

/** Fields inside an object field, named on their own (`entry.venueCapacity` → 场所容纳人数). */
const NESTED_FIELD_NAMES: Record<string, Record<string, string>> = {
  entry: { kind: '台账登记类别', venueCapacity: '场所容纳人数', fixableToday: '能否当日整改', color: '风险等级', note: '回访情况' },
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
export const text = (max: number) =>
  z
    .string()
    .max(max * 2)
    .refine((s) => Array.from(s).length <= max, { message: `过长（最多${max}字）` })
    .refine(noControl, { message: '含有不允许的字符' });
export const requiredText = (max: number) => text(max).refine((s) => s.trim().length > 0, { message: '不能为空' });
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
