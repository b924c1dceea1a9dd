/**
 * `admin`: community admins (社区书记), street admins and departments — the dispatch queue and the
 * case actions, the organisation (grids, buildings, members, invites), configuration (categories,
 * time-limit policies, holidays, subscribe templates), assessment, ledger exports and the weekly
 * governance report. Each area is a module of this folder whose actions are named use cases;
 * this file only composes them. The community's work beyond cases (走访关爱, 民生微实事, 满意度测评,
 * 公示牌 approval) is its own function, `community` (../community.ts).
 *
 * Scope comes from stored grants only (./scope.ts): a community admin acts inside their community,
 * a street admin inside their street, a department only on cases dispatched to it. The core's
 * relations decide every transition; reads and lists are narrowed here. A case outside the scope
 * is "not found", so ids cannot be probed.
 */
import { defineFunction } from '../define';
import { caseActions } from './cases';
import { caseListActions } from './case-list';
import { configurationActions } from './configuration';
import { exportActions } from './exports';
import { organisationActions } from './organisation';
import { placeActions } from './places';
import { rectificationActions } from './rectification';
import { reportActions } from './reports';
import { returnActions } from './returns';
import { reviewActions } from './review';
import { weightActions } from './weights';

export type { AdminCall, Scope, StaffRole } from './scope';

export const admin = defineFunction('admin', {
  // 整改任务
  ...rectificationActions,
  // 退单 counts and routing hints
  ...returnActions,
  // the review of public texts (审核后公开)
  ...reviewActions,
  ...caseActions,
  // the case list's bulk actions: reassign, remind, export the selected cases
  ...caseListActions,
  ...organisationActions,
  // building coordinates for 「用我的位置」
  ...placeActions,
  ...configurationActions,
  // 考核权重: the set in force, a preview of the month's ranking, the save and its record
  ...weightActions,
  ...reportActions,
  ...exportActions,
});
