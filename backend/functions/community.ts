/**
 * `community` (社区工作): the community's work beyond case handling, for community and street
 * admins — the 走访关爱 register and its xlsx ledger, 民生微实事 voting rounds and their delivery,
 * the quarterly 满意度测评, and the approval of what members show on the 公示牌.
 *
 * Its own cloud function so that `admin` (cases, organisation, configuration, reports) stays under
 * the 300 KB budget of a bundle and each cold start loads only its own area. Each module guards its
 * actions itself: the caller's stored grants (community or street admin) decide what they see and
 * change, exactly as when these actions lived in `admin`.
 */
import { careAdminActions } from './care';
import { careLedgerActions } from './care-ledger';
import { defineFunction } from './define';
import { meetingActions } from './meetings';
import { meetingLedgerActions } from './meetings-ledger';
import { departmentActions } from './departments';
import { microProjectAdminActions } from './micro-projects';
import { profileAdminActions } from './public-profile';
import { surveyAdminActions } from './satisfaction-survey';

export const community = defineFunction('community', {
  // 走访关爱: the register, and its ledger (the xlsx writer loads on first export only)
  ...careAdminActions,
  ...careLedgerActions,
  // 民生微实事: voting rounds and the delivery of the projects taken up
  ...microProjectAdminActions,
  // 满意度测评: the questionnaire, the quarter's survey, results and suggestions
  ...surveyAdminActions,
  // 公示牌: photos and commitments members ask to show
  ...profileAdminActions,
  // 院坝会 / 议事日: records, and the issues raised filed as cases (members of the community too)
  ...meetingActions,
  // 院坝会台账: the month's or quarter's meetings as an .xlsx (admins only)
  ...meetingLedgerActions,
  // 职能部门: the street admin adds, renames, stops and restarts them and manages their accounts
  ...departmentActions,
});
