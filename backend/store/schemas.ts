/**
 * zod schemas of every stored record, used by both adapters when a record is read (and before one
 * is written), so that a damaged row or document surfaces as a clear `StoredRecordError` naming the
 * record and the fields at fault — never as a case with undefined fields deep inside a use case.
 *
 * Objects are loose (`z.looseObject`): unknown fields pass through untouched. A field added to the
 * model before it is added here therefore survives a read → write round trip instead of being
 * silently stripped. Each shape `satisfies Record<keyof T, …>`, so the type checker insists that
 * every field of the model type has a schema (and no schema field lacks a model field).
 */
import * as z from 'zod';
import {
  ALL_ROLES,
  CASE_CHANNELS,
  CASE_KINDS,
  CASE_STATUSES,
  MEMBER_ROLES,
  RATINGS,
  SEVERITIES,
  type Case,
  type CaseDeadlines,
  type CaseEvent,
  type Category,
  type Escalation,
  type LedgerInfo,
  type Member,
  type Notice,
  type PersonRef,
  type Photo,
  type Place,
  NOTICE_KINDS,
  CASE_ACTIONS,
} from '../../core/model';
import type { ErrorCode } from '../../core/errors';
import { CARE_GROUPS, type CareSubject, type CareVisit } from '../../core/care-visits';
import type { MemberPublicProfile } from '../../core/public-profile';
import { meetingShapes } from './meeting-schemas';
import { hotlineImportShapes } from './hotline-import-schemas';
import { engagementShapes } from './engagement-schemas';
import { TALLY_KEYS, type CaseTally } from '../../core/metrics';
import { RECTIFICATION_UNIT_KINDS, type Rectification } from '../../core/rectification';
import type { Duration, SeverityLimits } from '../../core/time-policy';
import type { InboxMessage, OutboxItem, TallyRow } from './store.port';
import type {
  Account,
  Building,
  Community,
  Department,
  Grid,
  HolidayOverride,
  Invite,
  RefDocs,
  RefKind,
  Setting,
  StoredPolicy,
  Street,
} from './ref-docs';

type Shape<T> = Record<keyof T, z.ZodType>;

const str = z.string();
const nonEmpty = z.string().min(1);
const int = z.number().int();
const count = z.number().int().nonnegative();
/** ISO-8601 instants as the model writes them (`2026-10-01T02:00:00.000Z`); offsets are accepted too. */
const instant = z.iso.datetime({ offset: true });
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const ACTOR_ROLES = [...ALL_ROLES, 'system'] as const;

// ——— cases ———

const personRefShape = {
  openid: nonEmpty,
  role: z.enum(ACTOR_ROLES),
  name: str,
  memberId: str.optional(),
} satisfies Shape<PersonRef>;
export const personRefSchema: z.ZodType<PersonRef> = z.looseObject(personRefShape);

const placeShape = {
  streetId: nonEmpty,
  communityId: nonEmpty,
  gridId: nonEmpty,
  buildingId: str.optional(),
  location: z.looseObject({ latitude: z.number(), longitude: z.number(), address: str }).optional(),
} satisfies Shape<Place>;

const photoShape = {
  fileId: nonEmpty,
  stage: z.enum(['before', 'progress', 'after']),
  approved: z.boolean(),
} satisfies Shape<Photo>;

const deadlinesShape = {
  respondBy: instant.optional(),
  resolveBy: instant.optional(),
  escalateBy: instant.optional(),
  reportBy: instant.optional(),
  rateBy: instant.optional(),
} satisfies Shape<CaseDeadlines>;

const escalationShape = {
  level: z.enum(['community', 'street', 'department']),
  since: instant,
  reason: str,
  departmentId: str.optional(),
  departmentName: str.optional(),
  reportedAt: instant.optional(),
} satisfies Shape<Escalation>;

const ledgerShape = {
  disputeColor: z.enum(['red', 'yellow', 'green']).optional(),
  disputeMajor: z.boolean().optional(),
  settledAt: instant.optional(),
  lastFollowUpAt: instant.optional(),
  followUpRemindedFor: str.optional(),
  hazardColor: z.enum(['red', 'orange', 'blue']).optional(),
  venueCapacity: count.optional(),
  fixableToday: z.boolean().optional(),
} satisfies Shape<LedgerInfo>;

const caseShape = {
  id: nonEmpty,
  no: z
    .string()
    .regex(/^\d{4}-\d{4,6}$/)
    .optional(),
  version: count,
  place: z.looseObject(placeShape),
  categoryId: nonEmpty,
  categoryName: str,
  kind: z.enum(CASE_KINDS),
  description: str,
  photos: z.array(z.looseObject(photoShape)),
  isPublic: z.boolean(),
  contactPhone: str.optional(),
  contactName: str.optional(),
  reporter: personRefSchema,
  source: z.enum(['resident', 'patrol', 'proxy']),
  origin: z
    .looseObject({
      channel: z.enum(CASE_CHANNELS),
      refId: nonEmpty.optional(),
      address: z.string().optional(),
      dispatchedAt: z.string().optional(),
      dueBy: z.string().optional(),
      label: str.optional(),
    })
    .optional(),
  status: z.enum(CASE_STATUSES),
  severity: z.enum(SEVERITIES),
  holder: personRefSchema.optional(),
  escalation: z.looseObject(escalationShape).optional(),
  calledDepartment: z.looseObject({ id: nonEmpty, name: str }).optional(),
  createdAt: instant,
  assignedAt: instant.optional(),
  acceptedAt: instant.optional(),
  resolvedAt: instant.optional(),
  closedAt: instant.optional(),
  deadlines: z.looseObject(deadlinesShape),
  reminded: z.looseObject({
    respondBy: z.boolean().optional(),
    resolveBy: z.boolean().optional(),
    escalateBy: z.boolean().optional(),
    reportBy: z.boolean().optional(),
    rateBy: z.boolean().optional(),
  } satisfies Shape<CaseDeadlines>),
  overdue: z.boolean(),
  overdueFor: str.optional(),
  missed: z
    .array(
      z.strictObject({ clock: z.enum(['respondBy', 'resolveBy', 'escalateBy', 'reportBy', 'rateBy']).optional(), name: str, at: instant }),
    )
    .optional(),
  respondedOnTime: z.boolean().optional(),
  resolvedOnTime: z.boolean().optional(),
  reworkCount: count,
  failedVerifications: count,
  supervised: z.boolean(),
  supportCount: count,
  supporters: z.array(str),
  residentActs: z.looseObject({ day: str, reminds: count, supplements: count }).optional(),
  returns: z.array(z.looseObject({ memberId: str, role: z.enum(MEMBER_ROLES), at: instant, reason: str })).optional(),
  rating: z
    .looseObject({
      value: z.enum(RATINGS),
      comment: str.optional(),
      at: instant,
      auto: z.boolean().optional(),
      phone: z.looseObject({ role: z.enum(ACTOR_ROLES), name: str }).optional(),
    })
    .optional(),
  result: str.optional(),
  rejectReason: str.optional(),
  mergedInto: str.optional(),
  ledger: z.looseObject(ledgerShape).optional(),
  policyId: str,
  dueAt: instant.optional(),
  nextCheckAt: instant.optional(),
  lastSeq: count,
  publicTexts: z
    .record(
      str,
      z.discriminatedUnion('state', [
        z.looseObject({ state: z.literal('approved'), text: str, by: str, at: instant, auto: z.boolean().optional() }),
        z.looseObject({ state: z.literal('private'), reason: str, by: str, at: instant }),
      ]),
    )
    .optional(),
  textsPending: count.optional(),
} satisfies Shape<Case>;
export const caseSchema: z.ZodType<Case> = z.looseObject(caseShape);

const eventShape = {
  caseId: nonEmpty,
  seq: z.number().int().positive(),
  at: instant,
  action: z.enum(CASE_ACTIONS),
  actor: z.looseObject({ role: z.enum(ACTOR_ROLES), name: str, openid: str.optional() }),
  fromStatus: z.enum(CASE_STATUSES).optional(),
  toStatus: z.enum(CASE_STATUSES),
  note: str.optional(),
  photos: z.array(str).optional(),
} satisfies Shape<CaseEvent>;
export const caseEventSchema: z.ZodType<CaseEvent> = z.looseObject(eventShape);

// ——— notifications ———

const noticeShape = {
  key: nonEmpty,
  recipientOpenid: nonEmpty,
  kind: z.enum(NOTICE_KINDS),
  // Empty for a notice about no case (the holiday-calendar warning).
  caseId: str,
  caseNo: str.optional(),
  title: str,
  body: str,
  at: instant,
  caseStatus: z.enum(CASE_STATUSES).optional(),
} satisfies Shape<Notice>;
export const noticeSchema: z.ZodType<Notice> = z.looseObject(noticeShape);

const outboxShape = {
  notice: noticeSchema,
  status: z.enum(['queued', 'sent', 'failed']),
  attempts: count,
  nextAttemptAt: instant,
  done: z.looseObject({
    subscribe: z.enum(['sent', 'skipped', 'undeliverable', 'unknown']).optional(),
    inbox: z.boolean().optional(),
  }),
  sending: z.strictObject({ channel: z.literal('subscribe'), until: instant }).optional(),
  lastError: str.optional(),
} satisfies Shape<OutboxItem>;
export const outboxItemSchema: z.ZodType<OutboxItem> = z.looseObject(outboxShape);

const inboxShape = {
  id: nonEmpty,
  openid: nonEmpty,
  caseId: str,
  caseNo: str.optional(),
  kind: str,
  title: str,
  body: str,
  at: instant,
  read: z.boolean(),
} satisfies Shape<InboxMessage>;
export const inboxMessageSchema: z.ZodType<InboxMessage> = z.looseObject(inboxShape);

// ——— board counters ———

export const caseTallySchema: z.ZodType<CaseTally> = z.looseObject(
  Object.fromEntries(TALLY_KEYS.map((k) => [k, int])) as Record<keyof CaseTally, typeof int>,
);
const tallyRowShape = {
  communityId: str,
  gridId: str,
  month: z.string().regex(/^\d{4}-\d{2}$/),
  categoryId: str,
  tally: caseTallySchema,
} satisfies Shape<TallyRow>;
export const tallyRowSchema: z.ZodType<TallyRow> = z.looseObject(tallyRowShape);

/**
 * A counter row from its key parts and its counts in `TALLY_KEYS` order. Checked by hand rather
 * than with `tallyRowSchema`: a year of the board reads thousands of rows, and zod costs 25 µs each.
 */
export function parseTallyRow(key: readonly unknown[], counts: readonly unknown[], record: string): TallyRow {
  const issues: string[] = [];
  const [communityId, gridId, month, categoryId] = key;
  (['communityId', 'gridId', 'month', 'categoryId'] as const).forEach((name, i) => {
    if (typeof key[i] !== 'string') issues.push(`${name}: 应为字符串`);
  });
  if (typeof month === 'string' && !/^\d{4}-\d{2}$/.test(month)) issues.push('month: 应为 YYYY-MM');
  const tally = {} as CaseTally;
  TALLY_KEYS.forEach((k, i) => {
    const v = counts[i];
    if (typeof v === 'number' && Number.isInteger(v)) tally[k] = v;
    else if (typeof v === 'bigint') tally[k] = Number(v);
    else issues.push(`tally.${k}: 应为整数`);
  });
  if (issues.length) throw new StoredRecordError(record, issues);
  return { communityId: communityId as string, gridId: gridId as string, month: month as string, categoryId: categoryId as string, tally };
}

// ——— reference documents ———

const duration = z.looseObject({
  amount: z.number().nonnegative(),
  unit: z.enum(['minutes', 'hours', 'workdays']),
} satisfies Shape<Duration>);
const severityLimits = z.looseObject({
  respond: duration,
  resolve: duration,
  escalate: duration.optional(),
} satisfies Shape<SeverityLimits>);

const refShapes = {
  streets: { id: nonEmpty, name: str } satisfies Shape<Street>,
  communities: {
    id: nonEmpty,
    streetId: str,
    name: str,
    kind: z.enum(['city', 'rural']),
    policyId: str,
    active: z.boolean(),
    categoryRoles: z.record(z.string(), z.enum(MEMBER_ROLES)).optional(),
    autoPublishTexts: z.boolean().optional(),
  } satisfies Shape<Community>,
  grids: {
    id: nonEmpty,
    streetId: str,
    communityId: str,
    name: str,
    households: count,
    active: z.boolean(),
  } satisfies Shape<Grid>,
  buildings: {
    id: nonEmpty,
    streetId: str,
    communityId: str,
    gridId: str,
    name: str,
    active: z.boolean(),
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
  } satisfies Shape<Building>,
  departments: {
    id: nonEmpty,
    streetId: str,
    name: str,
    active: z.boolean(),
    handles: str.optional(),
    categoryIds: z.array(str).optional(),
    phone: str.optional(),
  } satisfies Shape<Department>,
  categories: {
    id: nonEmpty,
    name: str,
    role: z.enum(MEMBER_ROLES),
    kind: z.enum(CASE_KINDS),
    defaultPublic: z.boolean(),
    icon: str.optional(),
    examples: str.optional(),
    active: z.boolean(),
    order: z.number(),
  } satisfies Shape<Category>,
  policies: {
    id: nonEmpty,
    name: str,
    limits: z.looseObject({ simple: severityLimits, complex: severityLimits, major: severityLimits }),
    departmentReport: duration,
    streetResolve: duration,
    ratingWindowDays: z.number().nonnegative(),
    reminderShare: z.number().gt(0).lt(1),
    autoEscalateOnOverdue: z.boolean(),
    communityId: str.optional(),
  } satisfies Shape<StoredPolicy>,
  members: {
    id: nonEmpty,
    openid: str.optional(),
    name: str,
    role: z.enum(MEMBER_ROLES),
    streetId: str,
    communityId: str,
    gridId: str,
    onDuty: z.boolean(),
    active: z.boolean(),
    phone: str.optional(),
  } satisfies Shape<Member>,
  accounts: {
    id: nonEmpty,
    openid: nonEmpty,
    name: str,
    phone: str.optional(),
    roles: z.array(
      z.looseObject({
        role: z.enum(ALL_ROLES).exclude(['resident']),
        streetId: str.optional(),
        communityId: str.optional(),
        gridId: str.optional(),
        departmentId: str.optional(),
        memberId: str.optional(),
      } satisfies Shape<Account['roles'][number]>),
    ),
    createdAt: instant,
  } satisfies Shape<Account>,
  invites: {
    id: nonEmpty,
    memberId: str.optional(),
    communityId: str.optional(),
    departmentId: str.optional(),
    createdBy: str,
    createdAt: instant,
    usedBy: str.optional(),
    usedAt: instant.optional(),
  } satisfies Shape<Invite>,
  holidays: {
    id: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    workday: z.boolean(),
    note: str,
    source: z.enum(['notice', 'manual']).optional(),
  } satisfies Shape<HolidayOverride>,
  settings: { id: nonEmpty, value: z.unknown() } satisfies Shape<Setting>,
  rectifications: {
    id: nonEmpty,
    period: z.string().regex(/^\d{4}-Q[1-4]$/),
    unitKind: z.enum(RECTIFICATION_UNIT_KINDS),
    unitId: nonEmpty,
    unitName: str,
    streetId: nonEmpty,
    communityId: str.optional(),
    rate: z.number().min(0).max(1),
    rated: count,
    reason: str,
    status: z.enum(['open', 'closed']),
    openedAt: instant,
    openedBy: str,
    dueAt: instant,
    report: z.looseObject({ text: str, by: str, at: instant }).optional(),
  } satisfies Shape<Rectification>,
  careSubjects: {
    id: nonEmpty,
    streetId: nonEmpty,
    communityId: nonEmpty,
    gridId: nonEmpty,
    name: str,
    groups: z.array(z.enum(CARE_GROUPS)),
    address: str,
    phone: str.optional(),
    notes: str.optional(),
    memberId: nonEmpty,
    active: z.boolean(),
    createdAt: instant,
    lastVisitOn: localDate.optional(),
  } satisfies Shape<CareSubject>,
  careVisits: {
    id: nonEmpty,
    subjectId: nonEmpty,
    streetId: nonEmpty,
    communityId: nonEmpty,
    gridId: nonEmpty,
    memberId: nonEmpty,
    visitorOpenid: nonEmpty,
    visitorName: str,
    visitedOn: localDate,
    found: str,
    needs: z.array(z.looseObject({ text: str, caseId: nonEmpty.optional() })),
    photos: z.array(str),
    createdAt: instant,
  } satisfies Shape<CareVisit>,
  memberProfiles: {
    id: nonEmpty,
    showFullName: z.boolean(),
    workPhone: str.optional(),
    photo: z.looseObject({ value: nonEmpty, approved: z.boolean() }).optional(),
    commitment: z.looseObject({ value: str, approved: z.boolean() }).optional(),
    updatedAt: instant,
  } satisfies Shape<MemberPublicProfile>,
  ...engagementShapes,
  ...meetingShapes,
  ...hotlineImportShapes,
};

export const refSchemas: { [K in RefKind]: z.ZodType<RefDocs[K]> } = {
  streets: z.looseObject(refShapes.streets),
  communities: z.looseObject(refShapes.communities),
  grids: z.looseObject(refShapes.grids),
  buildings: z.looseObject(refShapes.buildings),
  departments: z.looseObject(refShapes.departments),
  categories: z.looseObject(refShapes.categories),
  policies: z.looseObject(refShapes.policies),
  members: z.looseObject(refShapes.members),
  accounts: z.looseObject(refShapes.accounts),
  invites: z.looseObject(refShapes.invites),
  holidays: z.looseObject(refShapes.holidays),
  settings: z.looseObject(refShapes.settings),
  rectifications: z.looseObject(refShapes.rectifications),
  careSubjects: z.looseObject(refShapes.careSubjects),
  careVisits: z.looseObject(refShapes.careVisits),
  memberProfiles: z.looseObject(refShapes.memberProfiles),
  voteRounds: z.looseObject(refShapes.voteRounds),
  ballots: z.looseObject(refShapes.ballots),
  surveys: z.looseObject(refShapes.surveys),
  surveyAnswers: z.looseObject(refShapes.surveyAnswers),
  meetings: z.looseObject(refShapes.meetings),
  hotlineImports: z.looseObject(refShapes.hotlineImports),
};

// ——— reading and writing records ———

/**
 * A stored record that does not match its schema (or is not JSON at all). The port's read methods
 * return plain values, so this is thrown; it names the record (`cases/c-1`) and each field at fault.
 */
export class StoredRecordError extends Error {
  readonly code: ErrorCode = 'INTERNAL';
  constructor(
    /** Where the record lives: `<table or collection>/<key>`. */
    readonly record: string,
    /** One line per problem: `status: Invalid option …`. */
    readonly issues: string[],
  ) {
    super(`存储记录损坏：${record}（${issues.join('；')}）`);
    this.name = 'StoredRecordError';
  }
}

/** A record the adapter was asked to write that does not match its schema. */
export class InvalidRecordError extends Error {
  readonly code: ErrorCode = 'INPUT.INVALID';
  constructor(
    readonly record: string,
    readonly issues: string[],
  ) {
    super(`记录格式不正确：${record}（${issues.join('；')}）`);
    this.name = 'InvalidRecordError';
  }
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 8).map((i) => `${i.path.length ? i.path.join('.') : '(根)'}: ${i.message}`);
}

/** Validates a stored value; throws `StoredRecordError` naming `record` when it does not fit. */
export function parseStored<T>(schema: z.ZodType<T>, value: unknown, record: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StoredRecordError(record, describeIssues(parsed.error));
  return parsed.data;
}

/** Like `parseStored` for a JSON text column. */
export function parseStoredJson<T>(schema: z.ZodType<T>, json: unknown, record: string): T {
  if (typeof json !== 'string') throw new StoredRecordError(record, ['记录内容缺失']);
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    throw new StoredRecordError(record, [`不是有效的 JSON：${(e as Error).message}`]);
  }
  return parseStored(schema, value, record);
}

/** Problems of a value about to be written, or undefined when it is valid. */
export function checkRecord<T>(schema: z.ZodType<T>, value: unknown): string[] | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? undefined : describeIssues(parsed.error);
}

/** Validates a value about to be written; throws `InvalidRecordError` when it does not fit. */
export function assertRecord<T>(schema: z.ZodType<T>, value: unknown, record: string): T {
  const issues = checkRecord(schema, value);
  if (issues) throw new InvalidRecordError(record, issues);
  return value as T;
}

/**
 * `listRef`'s filter: every top-level field given in `where` (undefined ones ignored) equals the
 * document's — plain values by `===`, objects and arrays by their JSON.
 */
export function matchesWhere(doc: object, where: object | undefined): boolean {
  if (!where) return true;
  const d = doc as Record<string, unknown>;
  return Object.entries(where).every(([k, v]) => {
    if (v === undefined) return true;
    const a = d[k];
    if (a === v) return true;
    if (typeof a !== 'object' || typeof v !== 'object' || a === null || v === null) return false;
    return JSON.stringify(a) === JSON.stringify(v);
  });
}
