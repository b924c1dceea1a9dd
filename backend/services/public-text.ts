/**
 * The public text model's services (审核后公开, `core/public-text.ts`): the names every masking
 * knows, the recording of new texts on every change, and what the board shows of a text.
 */
import { trackNewTexts } from '../../core/public-text';
import type { Case, CaseEvent } from '../../core/model';
import type { Store } from '../store/store.port';
import type { Directory } from './directory';

/**
 * Every person the system knows by name: accounts (residents in the directory, staff), the
 * five-role members, and the people of the case itself (reporter, holder, whoever acted on it).
 * Masking hides each of them wherever they are written.
 */
export async function knownNames(store: Store, c?: Case, events: readonly CaseEvent[] = []): Promise<string[]> {
  const [accounts, members] = await Promise.all([store.listRef('accounts'), store.listRef('members')]);
  const names = new Set<string>();
  for (const a of accounts) names.add(a.name);
  for (const m of members) names.add(m.name);
  if (c) {
    names.add(c.reporter.name);
    if (c.holder) names.add(c.holder.name);
  }
  for (const e of events) if (e.actor.role !== 'system') names.add(e.actor.name);
  return [...names].filter((n) => n && !n.includes('*'));
}

/**
 * Records the free texts a change adds (`trackNewTexts`): waiting for review, or — where the
 * community publishes masked text by itself (脱敏后自动公开) — masked and approved.
 */
export async function withTrackedTexts(
  store: Store,
  dir: Directory,
  c: Case,
  newEvents: readonly CaseEvent[],
  isNew: boolean,
  now: Date,
): Promise<Case> {
  const auto = dir.communities.get(c.place.communityId)?.autoPublishTexts === true;
  return trackNewTexts(c, newEvents, isNew, auto ? { names: await knownNames(store, c, newEvents), at: now.toISOString() } : undefined);
}
