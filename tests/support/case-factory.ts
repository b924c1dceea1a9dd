/**
 * Small builders of valid cases, events, notices and changes for the store tests. Every builder
 * takes overrides; the defaults describe a fresh resident report in grid 1 of community 1.
 */
import type { Case, CaseAction, CaseEvent, Notice, NoticeKind, Place } from '../../core/model';
import type { CaseChange } from '../../backend/store/store.port';

export type CaseOverrides = Partial<Omit<Case, 'place'>> & { place?: Partial<Place> };

let counter = 0;

/** ISO instant `minutes` after 2026-03-02 10:00 China time. */
export const at = (minutes: number): string => new Date(Date.UTC(2026, 2, 2, 2, 0) + minutes * 60_000).toISOString();

/** A valid case with one timeline event (`lastSeq` 1) and version 1. */
export function makeCase(overrides: CaseOverrides = {}): Case {
  counter += 1;
  const base: Case = {
    id: `case-${String(counter).padStart(5, '0')}`,
    version: 1,
    place: { streetId: 'street-1', communityId: 'comm-1', gridId: 'grid-1', buildingId: 'bld-1' },
    categoryId: 'cat-repair',
    categoryName: '设施维修',
    kind: 'demand',
    description: '3号楼2单元楼道灯坏了',
    photos: [],
    isPublic: true,
    reporter: { openid: 'res-1', role: 'resident', name: '王小明' },
    source: 'resident',
    status: 'pending',
    severity: 'simple',
    createdAt: at(counter),
    deadlines: {},
    reminded: {},
    overdue: false,
    reworkCount: 0,
    failedVerifications: 0,
    supervised: false,
    supportCount: 0,
    supporters: [],
    policyId: 'three-day',
    lastSeq: 1,
  };
  const { place, ...rest } = overrides;
  return { ...base, ...rest, place: { ...base.place, ...place } };
}

/**
 * The core unit tests' case: short ids (street st1, community cm1, grid g1, no building), case id
 * c1, filed 2026-10-08 09:00 China time. Unlike `makeCase`, `over` replaces whole fields, the place
 * included, so a test states exactly the case it reasons about.
 */
export function shortCase(over: Partial<Case> = {}): Case {
  return {
    ...makeCase(),
    id: 'c1',
    place: { streetId: 'st1', communityId: 'cm1', gridId: 'g1' },
    categoryId: 'repair',
    description: '3栋楼道灯不亮',
    reporter: { openid: 'o-r', role: 'resident', name: '王小明' },
    createdAt: '2026-10-08T01:00:00.000Z',
    ...over,
  };
}

export function makeEvent(c: Case, seq: number, overrides: Partial<CaseEvent> = {}): CaseEvent {
  const action: CaseAction = seq === 1 ? 'submit' : 'progress';
  return {
    caseId: c.id,
    seq,
    at: c.createdAt,
    action,
    actor: { role: 'resident', name: '王**', openid: c.reporter.openid },
    toStatus: c.status,
    ...overrides,
  };
}

export function makeNotice(c: Case, seq: number, recipient: string, kind: NoticeKind = 'task_new', when = c.createdAt): Notice {
  return {
    key: `${c.id}:${seq}:${recipient}:${kind}`,
    recipientOpenid: recipient,
    kind,
    caseId: c.id,
    title: '新任务',
    body: `诉求 ${c.id} 待受理`,
    at: when,
  };
}

/** The change that files `c` (with events 1…lastSeq). */
export function createChange(c: Case, opts: { requestKey?: string; notices?: Notice[] } = {}): CaseChange {
  const events = Array.from({ length: c.lastSeq }, (_, i) => makeEvent(c, i + 1));
  return {
    creates: [{ case: c, ...(opts.requestKey === undefined ? {} : { requestKey: opts.requestKey }) }],
    updates: [],
    events,
    notices: opts.notices ?? [],
  };
}

/** The next state of `before` with `patch` applied, one event more, and the change that writes it. */
export function updateOf(
  before: Case,
  patch: CaseOverrides = {},
  opts: { note?: string; notices?: (next: Case) => Notice[] } = {},
): { next: Case; change: CaseChange } {
  const { place, ...rest } = patch;
  const next: Case = {
    ...before,
    ...rest,
    place: { ...before.place, ...place },
    version: before.version + 1,
    lastSeq: before.lastSeq + 1,
  };
  const event = makeEvent(next, next.lastSeq, {
    fromStatus: before.status,
    ...(opts.note === undefined ? {} : { note: opts.note }),
  });
  return {
    next,
    change: {
      creates: [],
      updates: [{ expectedVersion: before.version, case: next }],
      events: [event],
      notices: opts.notices ? opts.notices(next) : [],
    },
  };
}
