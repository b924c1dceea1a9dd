/**
 * Who may read the name of the resident who raised an issue at a 院坝会 / 议事日. The record is
 * shared with every member of the community's groups, but the name is private like a 代登记's
 * `contactName`: the community's admins, the street's admin and the handler of the case the issue
 * became read it; everyone else reads 「居民」, also where the name was written into the words.
 * Pure: the server applies it when it builds the record's view, so no other screen receives it.
 */
import { relationsOf } from './case-rules';
import { meetingAccess, type Meeting, type MeetingIssue } from './meetings';
import type { Actor, Case } from './model';

/** What a viewer who may not know who spoke reads instead of the name. */
export const RAISER_WITHHELD = '居民';

/** The admins of the meeting's community and street, and the handler of the case the issue became. */
export function maySeeRaiser(actor: Actor, meeting: Pick<Meeting, 'streetId' | 'communityId'>, caseOf?: Case): boolean {
  if (meetingAccess(actor, meeting) === 'admin') return true;
  return caseOf !== undefined && relationsOf(actor, caseOf).has('holder');
}

export interface IssueAsSeen {
  text: string;
  /** The name, or 「居民」; absent when nobody was named. */
  raisedBy?: string;
  /** True when the viewer may not know who raised it (the page may say so). */
  raiserWithheld: boolean;
}

/** An issue as one viewer reads it: the name only for those `maySeeRaiser` admits. */
export function issueAsSeen(
  actor: Actor,
  meeting: Pick<Meeting, 'streetId' | 'communityId'>,
  issue: Pick<MeetingIssue, 'text' | 'raisedBy'>,
  caseOf?: Case,
): IssueAsSeen {
  const name = issue.raisedBy?.trim();
  if (!name) return { text: issue.text, raiserWithheld: false };
  if (maySeeRaiser(actor, meeting, caseOf)) return { text: issue.text, raisedBy: name, raiserWithheld: false };
  return { text: issue.text.split(name).join(RAISER_WITHHELD), raisedBy: RAISER_WITHHELD, raiserWithheld: true };
}
