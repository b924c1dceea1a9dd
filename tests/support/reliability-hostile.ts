/**
 * Hostile request bodies for every action, built with fast-check: wrong types, missing and extra
 * fields, huge and empty strings, odd Unicode, prototype keys, numbers as strings, arrays for
 * objects, deep nesting, very long arrays. Every body is invalid by construction: after the
 * mutations it is checked against the action's own schema and made invalid if it happened to pass.
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { BUILDING, REPAIR } from './env';

/** A plausible valid value per field name, so that mutations reach past the first check. */
const PLAUSIBLE: Record<string, unknown> = {
  requestId: 'hostile-000001',
  categoryId: REPAIR,
  buildingId: BUILDING,
  gridId: 'sf-yuyuan-g1',
  communityId: 'sf-yuyuan',
  location: { latitude: 29.3, longitude: 106.3, address: '双福街道' },
  description: '楼道灯坏了',
  isPublic: true,
  photos: ['a1b2c3d4e5f6a7b8.jpg'],
  contactPhone: '13800000000',
  caseId: 'C20261123090000abcdef',
  intoCaseId: 'C20261123090000fedcba',
  note: '说明',
  result: '已处理',
  reason: '理由',
  rating: 'satisfied',
  comment: '很好',
  limit: 10,
  code: 'ABCD2345',
  name: '名称',
  toRole: 'grid_worker',
  severity: 'complex',
  onDuty: true,
  memberId: 'sf-yuyuan-g1-grid_worker',
  period: '2026-11',
  level: 'grid',
  status: 'open',
  ids: 'all',
  results: { 'tpl-1': 'accept' },
  before: '2026-11-23T01:00:00.000Z',
  departmentId: 'dept-1',
  fileIds: 'all',
  approved: true,
  households: 300,
  active: true,
  role: 'grid_worker',
  phone: '13900000000',
  kind: 'cases',
  defaultPublic: true,
  order: 1,
  policyId: 'three-day',
  date: '2026-12-01',
  workday: true,
  weekOf: '2026-11-23',
  groupBy: 'grid',
  weights: { response: 1, onTime: 1, satisfaction: 1 },
  templates: {},
  entry: { kind: 'hazard', venueCapacity: 40, fixableToday: false },
};

export interface ActionSpec {
  fn: string;
  action: string;
  input: z.ZodType;
  keys: string[];
}

export const baseParams = (keys: string[]): Record<string, unknown> =>
  Object.fromEntries(keys.map((k) => [k, k in PLAUSIBLE ? PLAUSIBLE[k] : 'x']));

/** An own `__proto__`, `constructor` or `prototype` key, as JSON.parse makes them. */
export function withOwnKey(obj: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const out = { ...obj };
  Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true });
  return out;
}

export function nest(depth: number, kind: 'array' | 'object'): unknown {
  let v: unknown = '底';
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}

const ODD = [
  '',
  ' ',
  '\u202e\u202dabc', // RTL / LTR overrides
  '\u200b\u200c\u200d\ufeff', // zero-width
  '👨‍👩‍👧‍👦🏳️‍🌈',
  '\ud800', // lone high surrogate: JSON.stringify writes it as an escape
  'a\udfffb', // lone low surrogate
  '\u0000',
  '\u0007\u001b[31m',
  'e\u0301\u0301\u0301', // combining marks
  'ＡＢＣ１２３', // full width
  'İı', // case folding
  'сat-01', // Cyrillic homoglyph
  '../../etc/passwd',
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '"; DROP TABLE cases; --',
  '%',
  '_',
  '\\',
  '\n\r\t',
];
const NUMBERS_AS_STRINGS = ['1', '0', '-1', '1e309', 'NaN', 'Infinity', '-0', '0x10', '1_000', '٣'];

const hugeString = fc
  .constantFrom(65, 501, 4096, 100_000)
  .chain((n) => fc.constantFrom('x'.repeat(n), '楼'.repeat(n), '😀'.repeat(n >> 1)));

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** The fields that hold a date, an instant or a period, in any action. */
export const DATE_FIELDS = new Set(['date', 'weekOf', 'from', 'to', 'period', 'before']);
/** The fields that hold free text a person typed. */
export const TEXT_FIELDS = new Set(['description', 'note', 'result', 'reason', 'comment', 'name', 'icon']);

/**
 * Date-like strings, most of them wrong: impossible months and days (2026-13-45, 02-30), far years
 * (0000 … 9999, expanded ±YYYYYY years), hours past 23, periods past 12 or Q4, other digits,
 * invisible characters around a good date. Some are real dates in range.
 */
export const dateString: fc.Arbitrary<string> = fc.oneof(
  fc
    .record({ y: fc.integer({ min: 0, max: 9999 }), m: fc.integer({ min: 0, max: 13 }), d: fc.integer({ min: 0, max: 32 }) })
    .map(({ y, m, d }) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
  fc
    .record({
      y: fc.constantFrom(0, 999, 1999, 2026, 2099, 2100, 9999),
      m: fc.integer({ min: 0, max: 13 }),
      d: fc.integer({ min: 0, max: 32 }),
    })
    .map(({ y, m, d }) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
  fc
    .record({
      day: fc.constantFrom('2026-11-23', '2026-02-30', '9999-12-31', '0999-01-01'),
      h: fc.integer({ min: 0, max: 25 }),
      mi: fc.integer({ min: 0, max: 61 }),
    })
    .map(({ day, h, mi }) => `${day}T${pad(h, 2)}:${pad(mi, 2)}:00.000Z`),
  fc.record({ y: fc.integer({ min: 0, max: 9999 }), m: fc.integer({ min: 0, max: 13 }) }).map(({ y, m }) => `${pad(y, 4)}-${pad(m, 2)}`),
  fc.record({ y: fc.integer({ min: 0, max: 9999 }), q: fc.integer({ min: 0, max: 5 }) }).map(({ y, q }) => `${pad(y, 4)}-Q${q}`),
  fc.constantFrom(
    '2026-13-45',
    '2026-12-32',
    '2026-02-29',
    '2100-02-29',
    '9999-12',
    '0999-01',
    '0000-00',
    '+275760-09-13T00:00:00.000Z',
    '-271821-04-20T00:00:00.000Z',
    '+002026-11-23',
    '2026-1-1',
    '２０２６-１１-２３',
    '٢٠٢٦-١١-٢٣',
    '2026-11-23\u200b',
    '\ufeff2026-11',
    '2026-11-23T09:00:00',
    '2026-11-23 09:00',
    '1e10',
    'month',
    'quarter',
  ),
);

/** Text that shows nothing or is not well-formed: invisible characters, emoji only, lone surrogates. */
export const meaninglessText: fc.Arbitrary<string> = fc.oneof(
  fc
    .array(
      fc.constantFrom('\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u202e', '\u2066', '\u034f', '\ufe0f', ' ', '\u3000'),
      {
        minLength: 1,
        maxLength: 12,
      },
    )
    .map((a) => a.join('')),
  fc.array(fc.constantFrom('😀', '👍', '🙏', '👨‍👩‍👧', '❤️', '！', '……', '。'), { minLength: 1, maxLength: 10 }).map((a) => a.join('')),
  fc
    .record({ text: fc.constantFrom('楼道灯坏了', '', '补充'), lone: fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', '\ud83d') })
    .chain(({ text, lone }) => fc.nat({ max: text.length }).map((at) => text.slice(0, at) + lone + text.slice(at))),
);

/** A value that is wrong in some way for most fields. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  dateString,
  meaninglessText,
  fc.constantFrom<unknown>(...ODD),
  fc.constantFrom<unknown>(...NUMBERS_AS_STRINGS),
  hugeString,
  fc.integer(),
  fc.double(),
  fc.constantFrom<unknown>(null, true, false, 0, -1, 2 ** 53, -(2 ** 63), 1e308, 0.5),
  fc.array(fc.string(), { maxLength: 4 }),
  fc.constantFrom<unknown>([], [{}], [[]], {}, { $gt: '' }, { $ne: null }, { length: 1 }),
  fc.constantFrom<unknown>(nest(1000, 'array'), nest(1000, 'object')),
  fc.constantFrom<unknown>(
    Array.from({ length: 20_000 }, (_, i) => `id-${i}`),
    Array.from({ length: 50_000 }, () => 0),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.object({ maxDepth: 2, maxKeys: 3 }),
);

const hostileKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '$where',
    '',
    ' ',
    'caseId\u200b',
    'ａction',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
);

type Mutation =
  | { kind: 'replace'; field: number; value: unknown }
  /** A date field gets a date-like string, a text field meaningless text, any other field either. */
  | { kind: 'typed'; field: number; date: string; text: string }
  | { kind: 'drop'; field: number }
  | { kind: 'extra'; key: string; value: unknown }
  | { kind: 'actionValue'; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('replace' as const), field: fc.nat(), value: hostileValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), field: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('typed' as const), field: fc.nat(), date: dateString, text: meaninglessText }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('extra' as const), key: hostileKey, value: hostileValue }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('actionValue' as const),
      value: fc.oneof(hostileValue, fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty')),
    }),
  },
);

/** What the whole body is: an object with mutations, or something that is not an object at all. */
export type BodyPlan = { shape: 'object'; mutations: Mutation[] } | { shape: 'other'; value: unknown };

export const bodyPlan: fc.Arbitrary<BodyPlan> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ shape: fc.constant('object' as const), mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      shape: fc.constant('other' as const),
      value: fc.oneof(hostileValue, fc.constantFrom<unknown>([{ action: 'getCase' }], 'submitCase', 42, null)),
    }),
  },
);

/** The body a plan makes for an action; always invalid for it (checked against its schema). */
export function buildBody(spec: ActionSpec, plan: BodyPlan): unknown {
  if (plan.shape === 'other') return plan.value;
  let params: Record<string, unknown> = baseParams(spec.keys);
  let action: unknown = spec.action;
  for (const m of plan.mutations) {
    const field = spec.keys.length ? spec.keys[('field' in m ? m.field : 0) % spec.keys.length]! : undefined;
    if (m.kind === 'replace' && field) params = withOwnKey(params, field, m.value);
    else if (m.kind === 'typed' && field)
      params = withOwnKey(params, field, DATE_FIELDS.has(field) || (!TEXT_FIELDS.has(field) && m.field % 2) ? m.date : m.text);
    else if (m.kind === 'drop' && field) delete params[field];
    else if (m.kind === 'extra' || (m.kind !== 'actionValue' && !field))
      params = withOwnKey(params, m.kind === 'extra' ? m.key : 'unexpected', 'value' in m ? m.value : 1);
    else if (m.kind === 'actionValue') action = m.value;
  }
  // The server sees the JSON text: judge validity on what survives a round trip, without the
  // keys a lenient parser might drop.
  const seen = JSON.parse(JSON.stringify(params) ?? '{}') as Record<string, unknown>;
  delete seen['__proto__'];
  const stillValid = action === spec.action && typeof seen === 'object' && seen !== null && spec.input.safeParse(seen).success;
  if (stillValid) params = withOwnKey(params, 'notAField', true);
  return withOwnKey(params, 'action', action);
}
