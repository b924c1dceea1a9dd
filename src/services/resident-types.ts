/**
 * What the `resident` function answers, as the resident pages name it: the server's own types
 * (backend/contract.ts; `import type`, erased at build).
 */
import type { Input, Output } from '../../backend/contract';
import type { Rating } from '../../core/model';
import type { PersonView } from './api-types';

export type ResidentCaseCard = Output<'resident', 'listMyCases'>['items'][number];
export type ResidentCaseWithTimeline = Output<'resident', 'getCase'>;
export type ResidentCaseDetail = ResidentCaseWithTimeline['case'];
export type ResidentTimelineEvent = ResidentCaseWithTimeline['timeline'][number];
export type CasePhoto = ResidentCaseDetail['photos'][number];
/** The actions the reporter may take now (`allowedActions`, the core's own names); the pages offer only these. */
export type ResidentAction = ResidentCaseDetail['allowedActions'][number];
export type RatingValue = Rating;
/** An open public case in the same building and category (`findSimilar`). */
export type SimilarCase = Output<'resident', 'findSimilar'>['items'][number];
export type MessagePage = Output<'resident', 'listMessages'>;
export type InboxMessage = MessagePage['items'][number];
export type GridRoster = Output<'board', 'gridRoster'>;
export type RosterMember = GridRoster['members'][number];
/** `submitCase` with a point on the map instead of a building (weapp). */
export type MapLocation = NonNullable<Input<'resident', 'submitCase'>['location']>;
export type StepResult = Output<'resident', 'supplementCase'>;

export type { PersonView };
