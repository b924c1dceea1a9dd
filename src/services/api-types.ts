/**
 * What the back end answers, as the pages use it: names for the server's own types
 * (backend/contract.ts, inferred from its schemas and views; `import type`, erased at build).
 * Statuses and roles are the core's lists; their Chinese names come with the data.
 */
import type { CaseCardView, CaseView, Input, Output, PersonView, TimelineEntryView } from '../../backend/contract';
import type { CaseStatus, UserRole } from '../../core/model';

export type { CaseStatus, PersonView, UserRole };

export type CaseListFilter = NonNullable<Input<'resident', 'listMyCases'>['status']>;
export type Category = Output<'resident', 'listCategories'>['items'][number];
export type Community = Output<'resident', 'listPlaces'>['communities'][number];
export type Grid = Community['grids'][number];
export type Building = Grid['buildings'][number];
export type SubmitCaseInput = Input<'resident', 'submitCase'>;
export type SubmitCaseResult = Output<'resident', 'submitCase'>;
export type CaseSummary = CaseCardView;
export type CasePage = Output<'resident', 'listMyCases'>;
export type CaseDetail = CaseView;
export type TimelineEvent = TimelineEntryView;
export type CaseWithTimeline = Output<'resident', 'getCase'>;

/** A test persona of the local host's sign-in (H5 development only; not a function of the API). */
export interface Persona {
  openid: string;
  name: string;
  roles: UserRole[];
  communityName?: string;
  gridName?: string;
  description?: string;
}
