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
import { STATUS_NAMES, type Actor, type Case, type Notice } from '../../core/model';
import type { Deps } from '../deps';
import type { Store } from '../store/store.port';
import { policyFor, type Directory } from './directory';
import { withTrackedTexts } from './public-text';

export function contextFor(dir: Directory, communityId: string, now: Date): TransitionContext {
  return { now, policy: policyFor(dir, communityId), calendar: dir.calendar };
}

type Accounts = Awaited<ReturnType<Store['listRef']>>;

/** Accounts read once and shared by the changes of one run (a timer tick), instead of once per change. */
export interface AccountsCache {
  accounts?: Promise<Accounts>;
}

/** Turns `community:<id>`, `street:<id>` and `department:<id>` recipients into people. */
export async function expandNotices(store: Store, notices: Notice[], cache: AccountsCache = {}): Promise<Notice[]> {
  const out: Notice[] = [];
  let accounts: Accounts | undefined;
  for (const n of notices) {
    const m = /^(community|street|department):(.+)$/.exec(n.recipientOpenid);
    if (!m) {
      out.push(n);
      continue;
    }
    accounts ??= await (cache.accounts ??= store.listRef('accounts'));
    const [, scope, id] = m;
    const people = (
      accounts as { openid: string; roles: { role: string; communityId?: string; streetId?: string; departmentId?: string }[] }[]
    ).filter((a) =>
      a.roles.some((r) =>
        scope === 'community'
          ? r.role === 'community_admin' && r.communityId === id
          : scope === 'street'
            ? r.role === 'street_admin' && r.streetId === id
            : r.role === 'department' && r.departmentId === id,
      ),
    );
    for (const p of people) out.push({ ...n, recipientOpenid: p.openid, key: `${n.key}:${p.openid}` });
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
    const committed = await deps.store.commit({
      creates: [],
      updates: [{ expectedVersion: c.version, case: next }],
      events: r.value.events,
      notices,
    });
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

/**
 * The one way a function applies a command to a case: the core decides, the change is committed,
 * and the answer is the case's new status and version (or the refusal as it came).
 */
export async function act(call: CaseCall, caseId: string, commandFor: CommandFor, opts: ApplyOptions = {}) {
  return stepResult(await applyCommand(call.deps, call.dir, caseId, call.actor, commandFor, call.now, opts));
}

/** What a case action answers: the case's new status and version, or the refusal as it came. */
export function stepResult(r: Result<TransitionResult>) {
  return r.ok
    ? ok({
        caseId: r.value.case.id,
        status: r.value.case.status,
        statusName: STATUS_NAMES[r.value.case.status],
        version: r.value.case.version,
      })
    : r;
}

export async function createCase(
  deps: Deps,
  dir: Directory,
  input: NewCaseInput,
  cmd: CreateCommand,
  actor: Actor,
  now: Date,
  requestKey: string,
  /** What the caller already read of `requestKey` (`findCaseIdByRequest`), so it is not read again. */
  lookedUp?: { caseId: string | undefined },
): Promise<Result<{ result: TransitionResult; replayed: boolean }>> {
  const existing = lookedUp ? lookedUp.caseId : await deps.store.findCaseIdByRequest(requestKey);
  if (existing) {
    const c = await deps.store.getCase(existing);
    if (c) return ok({ result: { case: c, events: [], notices: [] }, replayed: true });
  }
  const r = openCase(input, cmd, actor, contextFor(dir, input.place.communityId, now));
  if (!r.ok) return r;
  const notices = await expandNotices(deps.store, r.value.notices);
  const created = await withTrackedTexts(deps.store, dir, r.value.case, r.value.events, true, now);
  const committed = await deps.store.commit({
    creates: [{ case: created, requestKey }],
    updates: [],
    events: r.value.events,
    notices,
  });
  if (!committed.ok) {
    // Two retries of one request raced: the other one created the case.
    const again = await deps.store.findCaseIdByRequest(requestKey);
    const c = again ? await deps.store.getCase(again) : undefined;
    if (c) return ok({ result: { case: c, events: [], notices: [] }, replayed: true });
    return committed;
  }
  return ok({ result: { ...r.value, case: created, notices }, replayed: false });
}
