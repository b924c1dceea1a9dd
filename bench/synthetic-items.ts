/**
 * The synthetic history's items: case `i` of `count` is shape `i mod shapes` with its own id,
 * reporter and visibility, moved back in time by a spread of up to `days` days. Pure, so the
 * seeding worker (`synthetic-worker.ts`) and the main thread build the same items.
 */
import type { Case, CaseEvent } from '../core/model';
import type { ImportItem } from '../backend/store/sqlite-store';

export interface Shape {
  case: Case;
  events: CaseEvent[];
}

/** How many cases, spread over how many days back, with which id prefix. */
export interface SyntheticPlan {
  count: number;
  days: number;
  prefix: string;
}

// The shapes hold a few hundred distinct times: each is parsed once.
const parsed = new Map<string, number>();
function msOf(iso: string): number {
  let ms = parsed.get(iso);
  if (ms === undefined) {
    ms = Date.parse(iso);
    parsed.set(iso, ms);
  }
  return ms;
}

/** Items `from` (inclusive) to `to` (exclusive) of the plan, in id order. */
export function syntheticItems(shapes: readonly Shape[], plan: SyntheticPlan, from: number, to: number): ImportItem[] {
  const { count, prefix } = plan;
  const span = plan.days * 24 * 3_600_000;
  const items: ImportItem[] = [];
  for (let i = from; i < Math.min(count, to); i++) {
    const shape = shapes[i % shapes.length]!;
    const shift = Math.floor((((i * 7919) % count) / count) * span);
    const id = `${prefix}${String(i).padStart(9, '0')}`;
    const move = (iso: string | undefined) => (iso ? new Date(msOf(iso) - shift).toISOString() : iso);
    const c: Case = {
      ...shape.case,
      id,
      createdAt: move(shape.case.createdAt)!,
      isPublic: i % 5 !== 0,
      reporter: { ...shape.case.reporter, openid: `bench-resident-${i % 5000}` },
      dueAt: move(shape.case.dueAt),
      nextCheckAt: undefined,
      deadlines: Object.fromEntries(Object.entries(shape.case.deadlines).map(([k, v]) => [k, move(v)])),
    };
    for (const k of ['assignedAt', 'acceptedAt', 'resolvedAt', 'closedAt'] as const) if (c[k]) c[k] = move(c[k]);
    items.push({ case: c, events: shape.events.map((e) => ({ ...e, caseId: id, at: move(e.at)! })) });
  }
  return items;
}
