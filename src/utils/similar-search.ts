/**
 * 已有相同问题，是否附议？ — while a resident fills in a report, open public cases of the category
 * in the same building (or near the point picked on the map) are looked up, so they can support
 * one instead of filing a duplicate.
 *
 * Taps and keystrokes come fast; the lookup waits until they pause (`delayMs`), asks once per
 * building and category, and drops an answer that arrives after the choice has changed. The
 * lookup is a courtesy: when it fails the form simply carries on.
 */

export interface SimilarQuery {
  categoryId?: string;
  buildingId?: string;
  /** A point picked on the map, in the grid the resident chose (when no building fits). */
  gridId?: string;
  point?: { latitude: number; longitude: number };
}

/** A complete question: a category and a building, or a category, a grid and a point. */
export type SimilarAsk =
  { categoryId: string; buildingId: string } | { categoryId: string; gridId: string; point: { latitude: number; longitude: number } };

export interface SimilarSearchOptions<T> {
  fetch: (q: SimilarAsk) => Promise<T[]>;
  /** The cases for the current choice (empty when it is incomplete or nothing matched). */
  onResult: (items: T[]) => void;
  delayMs?: number;
  /** Timers, passed in so the tests need no real clock. */
  timers?: { set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void };
}

export interface SimilarSearch {
  /** Call on every change of category, building or description. */
  update(q: SimilarQuery): void;
  cancel(): void;
}

/** The complete question in `q`, if any: a building wins over a point. */
export function similarAsk(q: SimilarQuery): SimilarAsk | undefined {
  if (!q.categoryId) return undefined;
  if (q.buildingId) return { categoryId: q.categoryId, buildingId: q.buildingId };
  if (q.gridId && q.point) return { categoryId: q.categoryId, gridId: q.gridId, point: q.point };
  return undefined;
}

/** One key per question; a point to about a metre (five decimals), so a re-render asks nothing new. */
export function similarKey(q: SimilarQuery): string | undefined {
  const ask = similarAsk(q);
  if (!ask) return undefined;
  if ('buildingId' in ask) return `${ask.categoryId}|${ask.buildingId}`;
  return `${ask.categoryId}|${ask.gridId}@${ask.point.latitude.toFixed(5)},${ask.point.longitude.toFixed(5)}`;
}

export function createSimilarSearch<T>(opts: SimilarSearchOptions<T>): SimilarSearch {
  const delay = opts.delayMs ?? 600;
  const timers = opts.timers ?? {
    set: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clear: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
  let pending: unknown;
  /** The choice the page shows now (null before the first update). */
  let wanted: string | undefined | null = null;
  /** The choice last asked about (answered or in flight). */
  let asked: string | undefined;

  const cancelTimer = () => {
    if (pending !== undefined) timers.clear(pending);
    pending = undefined;
  };

  return {
    update(q) {
      const key = similarKey(q);
      if (key !== wanted) {
        wanted = key;
        // A new choice: what was shown belongs to the old one.
        opts.onResult([]);
      }
      cancelTimer();
      if (!key || key === asked) return;
      pending = timers.set(() => {
        pending = undefined;
        asked = key;
        opts
          .fetch(similarAsk(q)!)
          .then((items) => {
            if (wanted === key) opts.onResult(items);
          })
          .catch(() => {
            // Let a later change try again.
            if (asked === key) asked = undefined;
          });
      }, delay);
    },
    cancel() {
      cancelTimer();
      wanted = null;
      asked = undefined;
    },
  };
}
