/**
 * Applying the core's decisions: load the case, let the core decide, expand group notices
 * (a community's admins, a department) and commit the change as one compare-and-set.
 */
import { fail, ok, type Result } from '../../core/errors';
import {
  openCase,
  transition,
  type Command,
  type CreateCommand,
  type NewCaseInput,
  type TransitionContext,
  type TransitionResult,
} from '../../core/case-lifecycle';
import { STATUS_NAMES, type Actor, type Case, type Category, type Member, type Notice } from '../../core/model';
import { routeForCategory, type Route } from '../../core/route-case';
import { inGroup, recipientOf } from '../../core/recipients';
import type { TimePolicy } from '../../core/time-policy';
import type { Deps } from '../deps';
import type { RefDocs } from '../store/ref-docs';
import type { Store } from '../store/store.port';
import { gridMembers, policyFor, type Directory } from './directory';
import { withTrackedTexts } from './public-text';
import { nextCaseNumber } from './case-numbers';
import { builtChange } from '../store/built-change';

export function contextFor(dir: Directory, communityId: string, now: Date): TransitionContext {
  return { now, policy: policyFor(dir, communityId), calendar: dir.calendar };
}

type Accounts = RefDocs['accounts'][];

/** Accounts read once and shared by the changes of one run (a timer tick), instead of once per change. */
export interface AccountsCache {
  accounts?: Promise<Accounts>;
}

/** Turns group recipients (a community's admins, a street's, a department) into their people. */
export async function expandNotices(store: Store, notices: Notice[], cache: AccountsCache = {}): Promise<Notice[]> {
  const out: Notice[] = [];
  let accounts: Accounts | undefined;
  for (const n of notices) {
    const to = recipientOf(n.recipientOpenid);
    if (to.kind === 'person') {
      out.push(n);
      continue;
    }
    accounts ??= await (cache.accounts ??= store.listRef('accounts'));
    for (const p of accounts.filter((a) => a.roles.some((r) => inGroup(r, to))))
      out.push({ ...n, recipientOpenid: p.openid, key: `${n.key}:${p.openid}` });
  }
  return out;
}

export type CommandFor = (c: Case) => Result<Command> | Promise<Result<Command>>;

export interface ApplyOptions {
  /** Retry from a fresh read when another change won the race (for commutative actions only). */
  retryOnConflict?: boolean;
  /** Extra checks on the loaded case before the core decides (visibility, for example). */
  check?: (c: Case) => Result<void>;
  /** The case as just read by the caller (a list): the first try uses it instead of reading it again. */
  current?: Case;
  /** Accounts shared with other changes of the same run. */
  accounts?: AccountsCache;
}

export async function applyCommand(
  deps: Deps,
  dir: Directory,
  caseId: string,
  actor: Actor,
  commandFor: CommandFor,
  now: Date,
  opts: ApplyOptions = {},
): Promise<Result<TransitionResult>> {
  const attempts = opts.retryOnConflict ? 5 : 1;
  for (let i = 0; i < attempts; i++) {
    const c = i === 0 && opts.current?.id === caseId ? opts.current : await deps.store.getCase(caseId);
    if (!c) return fail('CASE.NOT_FOUND', '诉求不存在或已删除');
    if (opts.check) {
      const v = opts.check(c);
      if (!v.ok) return v;
    }
    const cmd = await commandFor(c);
    if (!cmd.ok) return cmd;
    const r = transition(c, cmd.value, actor, contextFor(dir, c.place.communityId, now));
    if (!r.ok) return r;
    const notices = await expandNotices(deps.store, r.value.notices, opts.accounts);
    const next = await withTrackedTexts(deps.store, dir, r.value.case, r.value.events, false, now);
    const committed = await deps.store.commit(
      builtChange({ creates: [], updates: [{ expectedVersion: c.version, case: next }], events: r.value.events, notices }),
    );
    if (committed.ok) return ok({ ...r.value, case: next, notices });
    if (committed.error.code !== 'CASE.CONFLICT' || i === attempts - 1) return committed;
  }
  return fail('CASE.CONFLICT', '诉求已被他人更新，请刷新后重试');
}

/** What a function's call brings to the service: who acts, on what world, and when. */
export interface CaseCall {
  deps: Deps;
  dir: Directory;
  actor: Actor;
  now: Date;
}

/** What `act` answers by default: the case's new status and version. */
export type StepView = { caseId: string; status: Case['status']; statusName: string; version: number };

/**
 * The one way a function applies a command to a case: the core decides, the change is committed,
 * and the answer is the case's new status and version — or what `answer` makes of the change —
 * or the refusal as it came.
 */
export async function act<T = StepView>(
  call: CaseCall,
  caseId: string,
  commandFor: CommandFor,
  opts: ApplyOptions & { answer?: (r: TransitionResult) => T } = {},
): Promise<Result<T>> {
  const { answer, ...apply } = opts;
  const r = await applyCommand(call.deps, call.dir, caseId, call.actor, commandFor, call.now, apply);
  if (!r.ok) return r;
  return ok(answer ? answer(r.value) : (stepView(r.value) as T));
}

/** The grid's members and their open work, read together (one round trip in the cloud). */
export async function gridWorkload(
  store: Store,
  gridId: string,
): Promise<{ gridId: string; members: Member[]; openWork: Record<string, number> }> {
  const [members, openWork] = await Promise.all([gridMembers(store, gridId), store.openWorkByMember(gridId)]);
  return { gridId, members, openWork };
}

/** Who a new case of a category goes to in its grid: the grid's members, their open work, the routing rules. */
export async function routeNewCase(
  store: Store,
  dir: Directory,
  place: { communityId: string; gridId: string },
  category: Category,
): Promise<Route> {
  return routeForCategory(category, await gridWorkload(store, place.gridId), dir.communities.get(place.communityId));
}

/** What a case action answers: the case's new status and version. */
export function stepView(r: TransitionResult): StepView {
  return { caseId: r.case.id, status: r.case.status, statusName: STATUS_NAMES[r.case.status], version: r.case.version };
}

/** `stepView` of a change, or the refusal as it came. */
export function stepResult(r: Result<TransitionResult>): Result<StepView> {
  return r.ok ? ok(stepView(r.value)) : r;
}

/** A new case as a function states it: the id and the community's time-limit policy are filled in by `createCase`. */
export type NewCaseRequest = Omit<NewCaseInput, 'id' | 'policyId'> & Partial<Pick<NewCaseInput, 'id' | 'policyId'>>;

export async function createCase(
  deps: Deps,
  dir: Directory,
  input: NewCaseRequest,
  cmd: CreateCommand,
  actor: Actor,
  now: Date,
  requestKey: string,
  /** What the caller already read of `requestKey` (`findCaseIdByRequest`), so it is not read again. The answer
   * carries the community's time-limit policy, so the caller does not build the context again. */
  lookedUp?: { caseId: string | undefined },
): Promise<Result<{ result: TransitionResult; replayed: boolean; policy: TimePolicy }>> {
  const existing = lookedUp ? lookedUp.caseId : await deps.store.findCaseIdByRequest(requestKey);
  if (existing) {
    const c = await deps.store.getCase(existing);
    if (c) return ok({ result: { case: c, events: [], notices: [] }, replayed: true, policy: policyFor(dir, c.place.communityId) });
  }
  const ctx = contextFor(dir, input.place.communityId, now);
  const no = input.no ? ok(input.no) : await nextCaseNumber(deps.store, input.place.streetId, now);
  if (!no.ok) return no;
  // The id and the community's policy are the service's to fill, not each caller's.
  const r = openCase(
    { ...input, id: input.id ?? deps.newId('C'), policyId: input.policyId ?? policyFor(dir, input.place.communityId).id, no: no.value },
    cmd,
    actor,
    ctx,
  );
  if (!r.ok) return r;
  const notices = await expandNotices(deps.store, r.value.notices);
  const created = await withTrackedTexts(deps.store, dir, r.value.case, r.value.events, true, now);
  const committed = await deps.store.commit(
    builtChange({ creates: [{ case: created, requestKey }], updates: [], events: r.value.events, notices }),
  );
  if (!committed.ok) {
    // Two retries of one request raced: the other one created the case.
    const again = await deps.store.findCaseIdByRequest(requestKey);
    const c = again ? await deps.store.getCase(again) : undefined;
    if (c) return ok({ result: { case: c, events: [], notices: [] }, replayed: true, policy: policyFor(dir, c.place.communityId) });
    return committed;
  }
  return ok({ result: { ...r.value, case: created, notices }, replayed: false, policy: ctx.policy });
}
