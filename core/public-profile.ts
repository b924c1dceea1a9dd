/**
 * 公示牌 consent: what of a member the public board may show. By default the surname only (as
 * masked names everywhere); with the member's consent, the full name and a work phone; a photo
 * and a service commitment (服务承诺) only once an admin has approved them, because they are
 * things the member chose or typed (free text reaches the board only after review).
 */
import { maskPersonName } from './masking';

export const MAX_COMMITMENT = 100;

export interface ReviewedItem<T> {
  value: T;
  approved: boolean;
}

/** A member's own choices for the board, by member id. */
export interface MemberPublicProfile {
  id: string; // the member id
  showFullName: boolean;
  workPhone?: string;
  /** A photo file id. */
  photo?: ReviewedItem<string>;
  commitment?: ReviewedItem<string>;
  updatedAt: string;
}

export interface RosterFace {
  name: string;
  photo?: string;
  commitment?: string;
  workPhone?: string;
}

/** What the board shows of a member: their consent decides, an admin's approval gates the photo and the words. */
export function rosterFace(member: { name: string }, profile?: Omit<MemberPublicProfile, 'id' | 'updatedAt'>): RosterFace {
  const face: RosterFace = { name: profile?.showFullName ? member.name : maskPersonName(member.name) };
  if (profile?.workPhone) face.workPhone = profile.workPhone;
  if (profile?.photo?.approved) face.photo = profile.photo.value;
  if (profile?.commitment?.approved) face.commitment = profile.commitment.value;
  return face;
}

/**
 * A member changes their choices: a new photo or new words wait for approval again; the same ones
 * keep theirs. `null` removes, `undefined` keeps.
 */
export function updateProfile(
  before: Omit<MemberPublicProfile, 'id' | 'updatedAt'> | undefined,
  change: { showFullName?: boolean; workPhone?: string | null; photo?: string | null; commitment?: string | null },
): Omit<MemberPublicProfile, 'id' | 'updatedAt'> {
  const next: Omit<MemberPublicProfile, 'id' | 'updatedAt'> = { showFullName: change.showFullName ?? before?.showFullName ?? false };
  const phone = change.workPhone === undefined ? before?.workPhone : (change.workPhone ?? undefined);
  if (phone) next.workPhone = phone;
  const reviewed = (old: ReviewedItem<string> | undefined, value: string | null | undefined): ReviewedItem<string> | undefined => {
    if (value === undefined) return old;
    if (value === null || !value.trim()) return undefined;
    const v = value.trim();
    return old && old.value === v ? old : { value: v, approved: false };
  };
  const photo = reviewed(before?.photo, change.photo);
  const commitment = reviewed(before?.commitment, change.commitment);
  if (photo) next.photo = photo;
  if (commitment) next.commitment = commitment;
  return next;
}
