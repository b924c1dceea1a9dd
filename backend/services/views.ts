/**
 * What each audience sees of a case. The resident sees their own case; staff see the contact
 * phone; the public sees masked text, approved photos only and never the reporter.
 */
import { allowedActions, reminderRefusal } from '../../core/case-lifecycle';
import { ledgerState } from '../../core/ledgers';
import { maskPersonName, maskText } from '../../core/masking';
import {
  approvedText,
  DESCRIPTION_KEY,
  eventKey,
  isReviewedNote,
  STAFF_ONLY_ACTIONS,
  textState,
  UNDER_REVIEW,
} from '../../core/public-text';
import {
  ACTION_NAMES,
  RATING_NAMES,
  ROLE_NAMES,
  SEVERITY_NAMES,
  STATUS_NAMES,
  type Actor,
  type Case,
  type CaseEvent,
  type PersonRef,
} from '../../core/model';
import { caseClocks } from '../../core/case-time';
import { INTAKE_CHANNEL_NAMES, intakeChannelOf } from '../../core/intake';
import { runningDeadlineUncertain, UNCERTAIN_DEADLINE_NOTE } from '../../core/schedule-coverage';
import { placeName, policyFor, type Directory } from './directory';

export const personView = (p: PersonRef | undefined, masked = true) =>
  p ? { role: p.role, roleName: ROLE_NAMES[p.role], name: masked ? maskPersonName(p.name) : p.name } : undefined;

/** The list card: enough for a list row, no timeline. */
export function caseCard(c: Case, dir: Directory) {
  return {
    id: c.id,
    /** The number people say (`2612-0042`); absent on a cloud case stored before numbers existed. */
    no: c.no,
    status: c.status,
    statusName: STATUS_NAMES[c.status],
    categoryId: c.categoryId,
    categoryName: c.categoryName,
    placeName: placeName(dir, { ...c.place }),
    description: c.description,
    createdAt: c.createdAt,
    dueAt: c.dueAt,
    // Which clocks were missed and which runs: the app says it with caseTime(clocks, now).
    clocks: caseClocks(c),
    // A working-day deadline in a year whose holidays are not known yet may be too early.
    ...(runningDeadlineUncertain(dir.calendar, policyFor(dir, c.place.communityId), c) ? { dueNote: UNCERTAIN_DEADLINE_NOTE } : {}),
    overdue: c.overdue,
    severity: c.severity,
    severityName: SEVERITY_NAMES[c.severity],
    holder: personView(c.holder),
    reworkCount: c.reworkCount,
    supportCount: c.supportCount,
    resolvedAt: c.resolvedAt,
    closedAt: c.closedAt,
  };
}

/** Names a public text must not show: the reporter's and the handlers'. */
export const namesOf = (c: Case): string[] => [c.reporter.name, c.holder?.name, c.contactName].filter((n): n is string => !!n);

/**
 * Timeline lines only staff see: ledger entries carry the mediator's judgement (可能激化) and what
 * was said on follow-up visits, which neither the parties nor the public board should read.
 */
export { STAFF_ONLY_ACTIONS };

const NOT_PUBLIC = '内容不公开';

/**
 * What the public sees of one free text: the approved public text (masked once more), or no text
 * and why — 「内容审核中」 while it waits, 「内容不公开」 once kept private.
 */
export function publicTextView(c: Case, key: string): { text?: string; textNote?: string } {
  const state = textState(c, key);
  if (state === 'approved') return { text: maskText(approvedText(c, key)!, { names: namesOf(c) }) };
  return { textNote: state === 'private' ? NOT_PUBLIC : UNDER_REVIEW };
}

/** Who reads a timeline: staff see every line; the reporter and the public board not the staff-only ones. */
export type TimelineAudience = 'staff' | 'reporter' | 'public';

/**
 * A timeline as its audience reads it. The public (`publicOf`: the case) sees a person's words only
 * as approved public text, and notes the system wrote itself masked.
 */
export function timelineView(events: CaseEvent[], audience: TimelineAudience, names: string[] = [], publicOf?: Case) {
  const shown = audience === 'staff' ? events : events.filter((e) => !STAFF_ONLY_ACTIONS.has(e.action));
  return shown.map((e) => {
    // Staff and the reporter read the note; the public reads it as approved or masked text.
    const note: { note?: string; noteState?: string } =
      audience !== 'public' || e.note === undefined
        ? { note: e.note }
        : isReviewedNote(e)
          ? publicOf
            ? (({ text, textNote }) => ({ note: text, noteState: textNote }))(publicTextView(publicOf, eventKey(e.seq)))
            : { noteState: UNDER_REVIEW }
          : { note: maskText(e.note, { names }) };
    return {
      seq: e.seq,
      at: e.at,
      action: e.action,
      actionName: ACTION_NAMES[e.action],
      actor: {
        role: e.actor.role,
        roleName: ROLE_NAMES[e.actor.role],
        // The reporter is never named in public; staff names are masked already.
        name: audience === 'public' && e.actor.role === 'resident' ? '居民' : e.actor.name,
      },
      ...note,
      toStatus: e.toStatus,
      toStatusName: STATUS_NAMES[e.toStatus],
      photos: audience === 'public' ? undefined : e.photos,
    };
  });
}

/** A rating as staff and the reporter read it; a 电话回访's caller named by role, the name masked. */
function ratingView({ phone, ...r }: NonNullable<Case['rating']>) {
  return {
    ...r,
    valueName: RATING_NAMES[r.value],
    ...(phone ? { phone: { role: phone.role, roleName: ROLE_NAMES[phone.role], name: maskPersonName(phone.name) } } : {}),
  };
}

/** The full case for its reporter or for staff; staff also get its ledger (disputes and hazards) as of `now`. */
export function caseDetail(c: Case, dir: Directory, actor: Actor, audience: 'reporter' | 'staff', now: Date) {
  const ledger = audience === 'staff' ? ledgerState(c, now) : undefined;
  // 催办 is offered only when the server would take it: not before the reminder share of the running
  // limit, not twice a day. The reporter is told when it opens instead.
  const allowed = allowedActions(actor, c, now);
  // Staff see who holds it, in full, and which member of the group that is.
  const holder: (ReturnType<typeof personView> & { memberId?: string }) | undefined =
    audience === 'staff' && c.holder
      ? { ...personView(c.holder, false)!, ...(c.holder.memberId ? { memberId: c.holder.memberId } : {}) }
      : personView(c.holder, audience === 'reporter');
  const remindRefused =
    audience === 'reporter' && allowed.includes('remind') ? reminderRefusal(policyFor(dir, c.place.communityId), c, now) : undefined;
  return {
    ...caseCard(c, dir),
    version: c.version,
    place: c.place,
    kind: c.kind,
    isPublic: c.isPublic,
    photos: c.photos,
    deadlines: c.deadlines,
    result: c.result,
    rating: c.rating ? ratingView(c.rating) : undefined,
    rejectReason: c.rejectReason,
    mergedInto: c.mergedInto,
    escalation: c.escalation,
    supervised: c.supervised,
    source: c.source,
    failedVerifications: c.failedVerifications,
    contactPhone: c.contactPhone,
    // 代登记: the resident's name and channel, staff only (the reporter of record is the filer).
    ...(audience === 'staff' && c.contactName ? { contactName: c.contactName } : {}),
    channel: intakeChannelOf(c),
    channelName: INTAKE_CHANNEL_NAMES[intakeChannelOf(c)],
    ...(audience === 'staff' && c.origin?.channel === 'hotline' ? { ticketNo: c.origin.refId, ticketAddress: c.origin.address } : {}),
    // 来自院坝会 2026-12-01「…」: the record a case came from, staff only.
    ...(audience === 'staff' && c.origin?.label ? { originLabel: c.origin.label, originId: c.origin.refId } : {}),
    reporter: audience === 'staff' ? { role: c.reporter.role, roleName: ROLE_NAMES[c.reporter.role], name: c.reporter.name } : undefined,
    holder,
    allowedActions: remindRefused ? allowed.filter((a) => a !== 'remind') : allowed,
    ...(remindRefused
      ? { reminderNote: remindRefused.message, ...(remindRefused.opensAt ? { reminderOpensAt: remindRefused.opensAt } : {}) }
      : {}),
    ...(ledger ? { ledger } : {}),
  };
}

/** The public board's view: masked, approved photos only, no reporter, no phone. */
export function publicCase(c: Case, dir: Directory, events?: readonly CaseEvent[]) {
  const card = caseCard(c, dir);
  const description = publicTextView(c, DESCRIPTION_KEY);
  const result = c.result === undefined ? undefined : publicResult(c, events);
  const grid = dir.grids.get(c.place.gridId);
  return {
    id: card.id,
    status: card.status,
    statusName: card.statusName,
    categoryId: card.categoryId,
    categoryName: card.categoryName,
    // Only community and grid: a building name can point at a household.
    placeName: [dir.communities.get(c.place.communityId)?.name, grid?.name].filter(Boolean).join(' '),
    communityId: c.place.communityId,
    gridId: c.place.gridId,
    // Words only as approved public text (审核后公开); else 「内容审核中」 or 「内容不公开」.
    description: description.text,
    descriptionState: description.textNote,
    createdAt: c.createdAt,
    resolvedAt: c.resolvedAt,
    closedAt: c.closedAt,
    holder: card.holder,
    supportCount: c.supportCount,
    overdue: c.overdue,
    clocks: card.clocks,
    result: result?.text,
    resultState: result?.textNote,
    rating: c.rating && !c.rating.auto ? RATING_NAMES[c.rating.value] : undefined,
    photos: c.photos.filter((p) => p.approved).map((p) => ({ fileId: p.fileId, stage: p.stage })),
    takenMinutes: c.resolvedAt ? Math.round((Date.parse(c.resolvedAt) - Date.parse(c.createdAt)) / 60000) : undefined,
  };
}

/**
 * The result as the public sees it: the public text of the last resolving event. A list card has
 * no timeline and shows no result.
 */
function publicResult(c: Case, events?: readonly CaseEvent[]): { text?: string; textNote?: string } | undefined {
  if (!events) return undefined;
  const last = [...events].reverse().find((e) => (e.action === 'resolve' || e.action === 'close_on_spot') && isReviewedNote(e));
  return last ? publicTextView(c, eventKey(last.seq)) : { textNote: UNDER_REVIEW };
}
