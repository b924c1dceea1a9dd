/**
 * The public text model (审核后公开). What a resident or a member typed — the description,
 * supplements, progress notes, results, reasons, comments — reaches the public board only as
 * public text the community approved: the masked suggestion as it is, a version the admin edited,
 * or nothing (kept private, with a reason). Until then the board shows the case's category, place,
 * status and timeline steps without the words, marked 「内容审核中」.
 *
 * A text is known by its key: `description`, or `e<seq>` for the note of timeline event `seq`.
 * A text with no decision waits. Pure: the caller brings the time, the names and the timeline.
 */
import { fail, ok, type Result } from './errors';
import { maskText } from './masking';
import { ACTION_NAMES, type Case, type CaseAction, type CaseEvent, type PublicTextDecision } from './model';

export const UNDER_REVIEW = '内容审核中';
export const DESCRIPTION_KEY = 'description';
export const eventKey = (seq: number): string => `e${seq}`;

/** Timeline lines only staff see (ledger judgements): never public, never reviewed. */
export const STAFF_ONLY_ACTIONS: ReadonlySet<CaseAction> = new Set<CaseAction>(['ledger']);

/** Actions whose notes the system writes itself, holding no one's own words. */
const GENERATED_NOTES: ReadonlySet<CaseAction> = new Set<CaseAction>([
  'auto_assign',
  'accept',
  'support',
  'mark_overdue',
  'set_severity',
  'set_public',
  'approve_photos',
  'auto_close',
  'patrol_report',
  'proxy_submit',
]);

/** Whether an event's note is someone's own words, which the board shows only once approved. */
export function isReviewedNote(e: CaseEvent): boolean {
  if (!e.note || STAFF_ONLY_ACTIONS.has(e.action)) return false;
  if (e.actor.role === 'system' || GENERATED_NOTES.has(e.action)) return false;
  return !(e.action === 'remind' && e.note === '催办');
}

export interface FreeText {
  key: string;
  /** 诉求描述, 补充信息, 进展, 办结 … */
  label: string;
  text: string;
  at: string;
  seq?: number;
}

/** Every free text of a case that the board could show, oldest first. */
export function freeTexts(c: Case, events: readonly CaseEvent[]): FreeText[] {
  const out: FreeText[] = [{ key: DESCRIPTION_KEY, label: '诉求描述', text: c.description, at: c.createdAt }];
  for (const e of events) {
    if (isReviewedNote(e)) out.push({ key: eventKey(e.seq), label: ACTION_NAMES[e.action], text: e.note!, at: e.at, seq: e.seq });
  }
  return out;
}

export type TextState = 'pending' | 'approved' | 'private';

export const textState = (c: Case, key: string): TextState => c.publicTexts?.[key]?.state ?? 'pending';

/** The approved public text of a key, or undefined (waiting, or kept private). */
export function approvedText(c: Case, key: string): string | undefined {
  const d = c.publicTexts?.[key];
  return d?.state === 'approved' ? d.text : undefined;
}

export const pendingTexts = (c: Case, events: readonly CaseEvent[]): FreeText[] =>
  freeTexts(c, events).filter((t) => textState(c, t.key) === 'pending');

/**
 * Whether the case belongs in the review list: public, not merged away, with texts waiting. A case
 * stored before review existed has no count and is listed until it is looked at.
 */
export const textsWaitingOf = (c: Case): boolean => c.isPublic && c.status !== 'merged' && (c.textsPending ?? 1) > 0;

/** Auto-publication (脱敏后自动公开): the names to mask and who decides. */
export interface AutoPublish {
  names: readonly string[];
  at: string;
}

/**
 * Records the new free texts of a change: the new case's description and the notes of its new
 * events. They wait for review; where the community publishes masked text by itself (`auto`),
 * the masked text is stored as approved instead.
 */
export function trackNewTexts(c: Case, newEvents: readonly CaseEvent[], isNew: boolean, auto?: AutoPublish): Case {
  const fresh: FreeText[] = [
    ...(isNew ? [{ key: DESCRIPTION_KEY, label: '诉求描述', text: c.description, at: c.createdAt }] : []),
    ...freeTexts(c, newEvents).filter((t) => t.key !== DESCRIPTION_KEY),
  ].filter((t) => !c.publicTexts?.[t.key]);
  if (fresh.length === 0) return isNew && c.textsPending === undefined ? { ...c, textsPending: 0 } : c;
  if (auto) {
    const publicTexts = { ...c.publicTexts };
    for (const t of fresh)
      publicTexts[t.key] = {
        state: 'approved',
        text: maskText(t.text, { names: auto.names }),
        by: '系统（脱敏后自动公开）',
        at: auto.at,
        auto: true,
      };
    return { ...c, publicTexts, textsPending: isNew ? 0 : c.textsPending };
  }
  const before = isNew ? 0 : c.textsPending;
  // Unknown stays unknown: the review list counts it afresh from the timeline.
  return { ...c, textsPending: before === undefined ? undefined : before + fresh.length };
}

/** The masked suggestion the admin reviews: the text as the masking would publish it. */
export const suggestedText = (text: string, names: readonly string[]): string => maskText(text, { names });

export type TextDecisionInput = { approve: true; text?: string } | { approve: false; reason: string };

/**
 * The admin's decision on texts of a case: approve (the masked suggestion, or the admin's own
 * edited version, masked again) or keep private with a reason. Answers the case as it is to be
 * stored (next version, pending count recounted) or a refusal that changes nothing.
 */
export function decideTexts(
  c: Case,
  events: readonly CaseEvent[],
  decisions: readonly { key: string; decision: TextDecisionInput }[],
  ctx: { by: string; at: string; names: readonly string[] },
): Result<Case> {
  const texts = new Map(freeTexts(c, events).map((t) => [t.key, t]));
  const publicTexts: Record<string, PublicTextDecision> = { ...c.publicTexts };
  for (const { key, decision } of decisions) {
    const t = texts.get(key);
    if (!t) return fail('CASE.NOT_FOUND', '要审核的内容不存在，请刷新后重试');
    if (decision.approve) {
      const edited = decision.text?.trim();
      if (decision.text !== undefined && !edited) return fail('INPUT.INVALID', '公开内容不能为空；不想公开请选择「不公开」并填写原因');
      publicTexts[key] = { state: 'approved', text: maskText(edited ?? t.text, { names: ctx.names }), by: ctx.by, at: ctx.at };
    } else {
      const reason = decision.reason.trim();
      if (!reason) return fail('CASE.REASON_REQUIRED', '请填写不公开的原因');
      publicTexts[key] = { state: 'private', reason, by: ctx.by, at: ctx.at };
    }
  }
  const next: Case = { ...c, publicTexts, version: c.version + 1 };
  return ok({ ...next, textsPending: pendingTexts(next, events).length });
}
