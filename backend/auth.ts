/**
 * Who the caller is: the openid from the cloud context or the host's token, and the roles stored
 * for it. Roles never come from the request.
 */
import type { Actor, RoleGrant } from '../core/model';
import type { Store } from './store/store.port';

export async function resolveActor(store: Store, openid: string): Promise<Actor> {
  const account = await store.getRef('accounts', openid);
  const grants: RoleGrant[] = [{ role: 'resident' }];
  if (account) for (const r of account.roles) grants.push({ ...r });
  return { openid, name: account?.name ?? '居民', grants };
}

export const hasRole = (actor: Actor, role: RoleGrant['role']): boolean => actor.grants.some((g) => g.role === role);
export const memberGrants = (actor: Actor): RoleGrant[] => actor.grants.filter((g) => g.memberId !== undefined);
export const adminGrants = (actor: Actor): RoleGrant[] =>
  actor.grants.filter((g) => g.role === 'community_admin' || g.role === 'street_admin');
