/**
 * Reference documents: the organisation, categories, policies and people. Small collections,
 * stored as whole documents in both adapters and validated with zod when read (`ref-schemas.ts`).
 */
import type { Category, Member, MemberRole, UserRole } from '../../core/model';
import type { Rectification } from '../../core/rectification';
import type { TimePolicy } from '../../core/time-policy';
import type { CareSubject, CareVisit } from '../../core/care-visits';
import type { MemberPublicProfile } from '../../core/public-profile';
import type { Ballot, VoteRound } from '../../core/micro-projects';
import type { Survey, SurveyAnswer } from '../../core/satisfaction-survey';
import type { Meeting } from '../../core/meetings';
import type { HotlineImport } from '../services/hotline-history';

export interface Street {
  id: string;
  name: string;
}
export interface Community {
  id: string;
  streetId: string;
  name: string;
  /** City communities cap a grid at 500 households, rural ones at 300. */
  kind: 'city' | 'rural';
  policyId: string;
  active: boolean;
  /**
   * The community admin's own choice of role for some categories (category id → role); a category
   * not named here goes to its default role. The categories themselves are the street's.
   */
  categoryRoles?: Record<string, MemberRole>;
  /**
   * 脱敏后自动公开: free texts are masked and stored as approved public text at once, instead of
   * waiting for the admin's review. Off unless switched on.
   */
  autoPublishTexts?: boolean;
}
export interface Grid {
  id: string;
  streetId: string;
  communityId: string;
  name: string;
  households: number;
  active: boolean;
}
export interface Building {
  id: string;
  streetId: string;
  communityId: string;
  gridId: string;
  name: string;
  active: boolean;
  /** Where it stands (GCJ-02, as WeChat's location APIs give), for 「用我的位置」; set in the org admin. */
  latitude?: number;
  longitude?: number;
}
export interface Department {
  id: string;
  streetId: string;
  name: string;
  /** Stopped: no new 吹哨 / 报到; its open cases stay for the street admin to reassign. */
  active: boolean;
  /** What it handles, in the street admin's words (shown when calling it). */
  handles?: string;
  /** The categories it is called (吹哨 / 报到) for: offered first on such cases. */
  categoryIds?: string[];
  /** The department's contact phone. */
  phone?: string;
}
/** A WeChat user known to the system, with the roles stored for them. */
export interface Account {
  id: string; // the openid
  openid: string;
  name: string;
  phone?: string;
  /** Roles beyond `resident` (which everyone has). */
  roles: {
    role: Exclude<UserRole, 'resident'>;
    streetId?: string;
    communityId?: string;
    gridId?: string;
    departmentId?: string;
    memberId?: string;
  }[];
  createdAt: string;
}
export interface Invite {
  id: string; // the code
  /** A member's invite binds the member record; a department's (`departmentId`) adds a department account. */
  memberId?: string;
  communityId?: string;
  departmentId?: string;
  createdBy: string;
  createdAt: string;
  usedBy?: string;
  usedAt?: string;
}
export interface StoredPolicy extends TimePolicy {
  /** The community it belongs to; presets have none. */
  communityId?: string;
}
export interface HolidayOverride {
  id: string; // the date, YYYY-MM-DD
  date: string;
  workday: boolean;
  note: string;
  /** `notice`: imported from the State Council's notice (the year then counts as known); else set by hand. */
  source?: 'notice' | 'manual';
}
export interface Setting {
  id: string;
  value: unknown;
}

export interface RefDocs {
  streets: Street;
  communities: Community;
  grids: Grid;
  buildings: Building;
  departments: Department;
  categories: Category;
  policies: StoredPolicy;
  members: Member;
  accounts: Account;
  invites: Invite;
  holidays: HolidayOverride;
  settings: Setting;
  /** 整改任务: one per unit and quarter whose satisfaction fell below 80 % (core/rectification.ts). */
  rectifications: Rectification;
  /** 走访关爱: the register (staff only, never public) and its visits. */
  careSubjects: CareSubject;
  careVisits: CareVisit;
  /** 公示牌 consent per member (id = member id). */
  memberProfiles: MemberPublicProfile;
  /** 民生微实事: a community's voting round with its candidate projects and their delivery (public). */
  voteRounds: VoteRound;
  /** One per round and resident, created once (`createRef`); never public one by one. */
  ballots: Ballot;
  /** 满意度测评: one per community and quarter (id `<communityId>_<quarter>`). */
  surveys: Survey;
  /** One per survey and resident, created once (`createRef`); the words are staff-only until approved. */
  surveyAnswers: SurveyAnswer;
  /** 院坝会 / 议事日 records (staff only; the board counts them, core/meetings.ts). */
  meetings: Meeting;
  /** The 12345 import history (who, when, which file, rows imported / skipped / refused); staff only. */
  hotlineImports: HotlineImport;
}
export type RefKind = keyof RefDocs;
export const REF_KINDS: readonly RefKind[] = [
  'streets',
  'communities',
  'grids',
  'buildings',
  'departments',
  'categories',
  'policies',
  'members',
  'accounts',
  'invites',
  'holidays',
  'settings',
  'rectifications',
  'careSubjects',
  'careVisits',
  'memberProfiles',
  'voteRounds',
  'ballots',
  'surveys',
  'surveyAnswers',
  'meetings',
  'hotlineImports',
];
