/**
 * Who a notice is for, as a typed value: a person, or a group (a community's admins, a street's
 * admins, a department) that the case service expands into its people when the change is committed.
 * On a notice the recipient is written as an address — the person's openid, or `community:<id>`,
 * `street:<id>`, `department:<id>` — so stored notices and their keys keep one shape.
 */
import type { ActorRole } from './model';

export type GroupRecipient =
  { kind: 'community'; communityId: string } | { kind: 'street'; streetId: string } | { kind: 'department'; departmentId: string };

export type Recipient = { kind: 'person'; openid: string } | GroupRecipient;

/** The address a notice carries for a recipient. */
export function addressOf(r: Recipient): string {
  switch (r.kind) {
    case 'person':
      return r.openid;
    case 'community':
      return `community:${r.communityId}`;
    case 'street':
      return `street:${r.streetId}`;
    case 'department':
      return `department:${r.departmentId}`;
  }
}

/** The recipient an address names; anything that is not a group address is a person's openid. */
export function recipientOf(address: string): Recipient {
  const colon = address.indexOf(':');
  const id = address.slice(colon + 1);
  if (colon > 0 && id.length > 0) {
    const prefix = address.slice(0, colon);
    if (prefix === 'community') return { kind: 'community', communityId: id };
    if (prefix === 'street') return { kind: 'street', streetId: id };
    if (prefix === 'department') return { kind: 'department', departmentId: id };
  }
  return { kind: 'person', openid: address };
}

/** A stored role grant, as far as group membership needs it. */
export interface GroupGrant {
  role: ActorRole | string;
  communityId?: string;
  streetId?: string;
  departmentId?: string;
}

/** Whether a grant makes its holder one of a group: the community's admins, the street's, a department. */
export function inGroup(grant: GroupGrant, group: GroupRecipient): boolean {
  switch (group.kind) {
    case 'community':
      return grant.role === 'community_admin' && grant.communityId === group.communityId;
    case 'street':
      return grant.role === 'street_admin' && grant.streetId === group.streetId;
    case 'department':
      return grant.role === 'department' && grant.departmentId === group.departmentId;
  }
}
