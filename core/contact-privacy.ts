/**
 * Who among a case's staff may know the resident behind it: their name and phone. The handler, the
 * community's and the street's admins, and the member who filed a 代登记 for them. Other members of
 * the grid see the case (the group may take it) but read the resident as 王** and no phone. Pure:
 * the member function applies it to its case view.
 */
import { relationsOf } from './case-rules';
import { maskPersonName } from './masking';
import type { Actor, Case, PersonRef } from './model';

export function maySeeResident(actor: Actor, c: Case): boolean {
  const rel = relationsOf(actor, c);
  if (rel.has('holder') || rel.has('community_admin') || rel.has('street_admin')) return true;
  return c.source === 'proxy' && rel.has('reporter');
}

/** The reporter as a member who may not know the resident reads them: a resident masked, staff as they are. */
export const reporterNameFor = (reporter: Pick<PersonRef, 'role' | 'name'>, seesResident: boolean): string =>
  seesResident || reporter.role !== 'resident' ? reporter.name : maskPersonName(reporter.name);
