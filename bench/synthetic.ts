/**
 * Synthetic history for benchmarks: cases over the demo street's grids, made by the real
 * lifecycle once per shape and then varied, so a million can be written in well under two
 * minutes.
 */
import { openCase, transition, type Command } from '../core/case-lifecycle';
import { routeForCategory } from '../core/route-case';
import { THREE_DAY_POLICY } from '../core/time-policy';
import { SYSTEM_ACTOR, type Actor, type Case, type CaseEvent, type Category, type Member } from '../core/model';
import { buildCalendar } from '../backend/calendar';
import type { ImportItem, SqliteStore } from '../backend/store/sqlite-store';
import { builtImport } from '../backend/store/built-change';

export interface Shape {
  case: Case;
  events: CaseEvent[];
}

/** A few case shapes (open, processing, resolved, closed with ratings, overdue) from the real core. */
export async function caseShapes(store: SqliteStore, now: Date): Promise<Shape[]> {
  const calendar = buildCalendar([]);
  const categories = await store.listRef('categories');
  const members = await store.listRef('members');
  const buildings = await store.listRef('buildings');
  const communities = new Map((await store.listRef('communities')).map((c) => [c.id, c]));
  const shapes: Shape[] = [];
  const ctx = (ms: number) => ({ now: new Date(ms), policy: THREE_DAY_POLICY, calendar });
  const H = 3_600_000;
  const plans: Command[][] = [
    [],
    [{ action: 'accept' }],
    [{ action: 'accept' }, { action: 'resolve', result: '已处理', photos: ['x.jpg'] }],
    [{ action: 'accept' }, { action: 'resolve', result: '已处理', photos: ['x.jpg'] }, { action: 'rate', rating: 'satisfied' }],
    [{ action: 'accept' }, { action: 'resolve', result: '已处理', photos: ['x.jpg'] }, { action: 'rate', rating: 'basically_satisfied' }],
    [
      { action: 'accept' },
      { action: 'resolve', result: '已处理', photos: ['x.jpg'] },
      { action: 'rate', rating: 'unsatisfied', comment: '没修好' },
    ],
  ];
  for (const [pi, plan] of plans.entries()) {
    for (const b of buildings.slice(0, 24)) {
      const category: Category = categories[(pi * 7 + shapes.length) % categories.length]!;
      const gm: Member[] = members.filter((m) => m.gridId === b.gridId);
      const route = routeForCategory(category, { gridId: b.gridId, members: gm, openWork: {} }, communities.get(b.communityId));
      const reporter: Actor = { openid: 'bench-resident', name: '测试居民', grants: [] };
      let t = now.getTime() - 10 * 24 * H;
      const r = openCase(
        {
          id: 'shape',
          place: { streetId: b.streetId, communityId: b.communityId, gridId: b.gridId, buildingId: b.id },
          category,
          description: '基准测试诉求：楼道灯坏了',
          photos: [],
          isPublic: true,
          policyId: 'three-day',
        },
        { action: 'submit', route },
        reporter,
        ctx(t),
      );
      if (!r.ok) continue;
      let c = r.value.case;
      const events = [...r.value.events];
      for (const cmd of plan) {
        t += 2 * H;
        const holder = gm.find((m) => m.id === c.holder?.memberId);
        const actor: Actor =
          cmd.action === 'rate'
            ? reporter
            : holder
              ? {
                  openid: holder.openid!,
                  name: holder.name,
                  grants: [{ role: holder.role, gridId: holder.gridId, communityId: holder.communityId, memberId: holder.id }],
                }
              : SYSTEM_ACTOR;
        const x = transition(c, cmd, actor, ctx(t));
        if (!x.ok) break;
        c = x.value.case;
        events.push(...x.value.events);
      }
      shapes.push({ case: c, events });
    }
  }
  return shapes;
}

/** Writes `count` cases spread over the last `days` days, in batches of 10k, and returns the seconds taken (index builds included). */
export async function importSynthetic(
  store: SqliteStore,
  shapes: Shape[],
  count: number,
  now: Date,
  days = 365,
  prefix = 'B',
): Promise<number> {
  const started = performance.now();
  const span = days * 24 * 3_600_000;
  const batch = 10_000;
  // The list indexes are built once at the end, sorted, instead of row by row (the time counts it).
  store.beginBulkImport();
  try {
    await importBatches();
  } finally {
    store.endBulkImport();
  }
  return (performance.now() - started) / 1000;

  // Each batch is built while the previous one's WAL flush runs on the thread pool; a batch counts
  // as written only once its flush is done (the last one's included).
  async function importBatches(): Promise<void> {
    let flushing: ReturnType<SqliteStore['importCases']> | undefined;
    const settle = async () => {
      const r = await flushing;
      if (r && !r.ok) throw new Error(r.error.message);
    };
    for (let done = 0; done < count; done += batch) {
      const items: ImportItem[] = [];
      for (let i = done; i < Math.min(count, done + batch); i++) {
        const shape = shapes[i % shapes.length]!;
        const shift = Math.floor((((i * 7919) % count) / count) * span);
        const id = `${prefix}${String(i).padStart(9, '0')}`;
        const move = (iso: string | undefined) => (iso ? new Date(Date.parse(iso) - shift).toISOString() : iso);
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
      await settle();
      flushing = store.importCases(builtImport(items));
    }
    await settle();
  }
}
