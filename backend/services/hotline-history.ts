/**
 * The 12345 import history of a street: who imported which sheet when, and how many of its rows
 * were filed (imported), found already filed (skipped) or refused. The sheets themselves are not
 * kept for reading again: an upload stays unserved, and the history is what the page lists.
 */
import type { Actor } from '../../core/model';
import type { Store } from '../store/store.port';
import type { ImportScope } from './hotline-import';

export interface HotlineImport {
  /** The page's id of one import (its parts are sent as several commits). */
  id: string;
  streetId: string;
  /** The community imported for; a street-wide import has none. */
  communityId?: string;
  fileName: string;
  by: { openid: string; name: string };
  /** When the import began. */
  at: string;
  /** Rows filed as new cases. */
  imported: number;
  /** Rows already filed (the same 工单号), filed nothing again. */
  skipped: number;
  /** Rows the commit refused (no grid, a category stopped, …). */
  refused: number;
  /** Rows of the sheet with errors, never sent. */
  invalid: number;
}

export interface ImportTally {
  imported: number;
  skipped: number;
  refused: number;
  invalid: number;
}

/**
 * Adds one commit's rows to the import's record (created by its first part). Errors of the sheet
 * are the same in every part, so they are kept, not added up.
 */
export async function recordImport(
  store: Store,
  entry: { id: string; scope: ImportScope; fileName: string; actor: Actor; now: Date },
  tally: ImportTally,
): Promise<void> {
  // Keyed by who imports, too: another admin's id names another record.
  const key = `${entry.scope.streetId}_${entry.actor.openid}_${entry.id}`;
  const before = await store.getRef('hotlineImports', key);
  const one = entry.scope.communityIds.length === 1 ? entry.scope.communityIds[0] : undefined;
  await store.putRef('hotlineImports', {
    id: key,
    streetId: entry.scope.streetId,
    ...(before?.communityId ? { communityId: before.communityId } : one ? { communityId: one } : {}),
    fileName: before?.fileName ?? entry.fileName,
    by: before?.by ?? { openid: entry.actor.openid, name: entry.actor.name },
    at: before?.at ?? entry.now.toISOString(),
    imported: (before?.imported ?? 0) + tally.imported,
    skipped: (before?.skipped ?? 0) + tally.skipped,
    refused: (before?.refused ?? 0) + tally.refused,
    invalid: tally.invalid,
  });
}

/** A page of a street's (or one community's) imports, newest first. */
export async function listImports(
  store: Store,
  scope: ImportScope,
  page: number,
  size: number,
): Promise<{ items: HotlineImport[]; total: number; page: number; pages: number }> {
  const all = (await store.listRef('hotlineImports', { streetId: scope.streetId }))
    .filter((h) => (h.communityId ? scope.communityIds.includes(h.communityId) : scope.communityIds.length > 1))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1));
  const pages = Math.max(1, Math.ceil(all.length / size));
  const p = Math.min(Math.max(1, page), pages);
  return { items: all.slice((p - 1) * size, p * size), total: all.length, page: p, pages };
}
