/**
 * 整改任务: the 80 % rule opens work. The street admin (or the timer, after a quarter ends) opens a
 * task for every grid, community and category whose quarter fell below 80 % over enough rated cases;
 * the owning admin closes it with a written 整改报告. The street sees every task; the board shows
 * 整改中 / 已整改 per unit, never the report (free text is staff-only).
 *
 * The actions of `admin` on them; the opening, the views and the board's list are in
 * backend/services/rectifications.ts.
 */
import * as z from 'zod';
import { fail, ok } from '../../../core/errors';

import { closeRectification, RECTIFICATION_REPORT_MAX, type Rectification } from '../../../core/rectification';

import type { Directory } from '../../services/directory';

import { id, requiredText } from '../../validation';
import { ADMINS, STREET_ONLY, staffAction, type AdminCall, type Scope } from './scope';
import { openQuarterRectifications, quarter, rectificationView } from '../../services/rectifications';

const reportText = requiredText(RECTIFICATION_REPORT_MAX);

function sees(scope: Scope, dir: Directory, r: Rectification): boolean {
  if (scope.streetIds.has(r.streetId)) return true;
  return (
    r.communityId !== undefined && scope.communityIds.has(r.communityId) && dir.communities.get(r.communityId)?.streetId === r.streetId
  );
}

/** Who must write the report: the community's admin, or the street's for a street-wide category. */
function owns(scope: Scope, r: Rectification): boolean {
  return r.communityId !== undefined ? scope.communityIds.has(r.communityId) : scope.streetIds.has(r.streetId);
}

const NOT_FOUND = '整改任务不存在或不在您的管辖范围';

const openRectificationsInput = z.strictObject({ period: quarter });

/** Opens the quarter's tasks for the caller's street (the timer does the same after a quarter ends). */
export async function openRectifications(input: z.infer<typeof openRectificationsInput>, call: AdminCall) {
  const streetId = call.scope.streetIds.values().next().value as string;
  const r = await openQuarterRectifications(call.deps.store, call.dir, streetId, input.period, call.actor.openid, call.now.toISOString());
  return ok({
    period: r.period,
    opened: r.opened.map((t) => rectificationView(t, call.now.toISOString(), true)),
    existing: r.existing,
    tooFew: r.tooFew,
  });
}

const listRectificationsInput = z.strictObject({ period: quarter.optional(), status: z.enum(['open', 'closed']).optional() });

/** The tasks the caller sees: the community admin their community's, the street all of its own. */
export async function listRectifications(input: z.infer<typeof listRectificationsInput>, call: AdminCall) {
  const streets = new Set([...call.scope.streetIds, ...[...call.scope.communityIds].map((c) => call.dir.communities.get(c)?.streetId)]);
  const all = (
    await Promise.all(
      [...streets].filter((s): s is string => !!s).map((streetId) => call.deps.store.listRef('rectifications', { streetId })),
    )
  ).flat();
  const at = call.now.toISOString();
  const items = all
    .filter(
      (r) => sees(call.scope, call.dir, r) && (!input.period || r.period === input.period) && (!input.status || r.status === input.status),
    )
    .sort((a, b) =>
      a.status === b.status ? b.openedAt.localeCompare(a.openedAt) || a.id.localeCompare(b.id) : a.status === 'open' ? -1 : 1,
    )
    .map((r) => ({ ...rectificationView(r, at, true), mine: owns(call.scope, r) }));
  return ok({ items, open: items.filter((i) => i.status === 'open').length });
}

const submitRectificationReportInput = z.strictObject({ id: id.max(80), report: reportText });

/** Closes a task with its written 整改报告 (causes, measures, results). */
export async function submitRectificationReport(input: z.infer<typeof submitRectificationReportInput>, call: AdminCall) {
  const r = await call.deps.store.getRef('rectifications', input.id);
  if (!r || !sees(call.scope, call.dir, r)) return fail('RECTIFICATION.NOT_FOUND', NOT_FOUND);
  if (!owns(call.scope, r)) return fail('AUTH.FORBIDDEN', r.communityId ? '整改报告由该社区的管理员提交' : '整改报告由街道管理员提交');
  const closed = closeRectification(r, input.report, call.actor.openid, call.now.toISOString());
  if (!closed.ok) return closed;
  await call.deps.store.putRef('rectifications', closed.value);
  return ok(rectificationView(closed.value, call.now.toISOString(), true));
}

export const rectificationActions = {
  openRectifications: staffAction(STREET_ONLY, openRectificationsInput, openRectifications),
  listRectifications: staffAction(ADMINS, listRectificationsInput, listRectifications),
  submitRectificationReport: staffAction(ADMINS, submitRectificationReportInput, submitRectificationReport),
};
