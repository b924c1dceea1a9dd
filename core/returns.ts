/**
 * 退单: a member returns a task outside their duties and the case goes back to the community's
 * queue (core/case-lifecycle.ts, action `return_task`). Here the returns are counted per member and
 * per category, and a category returned again and again in a community becomes a hint on the
 * admin's routing configuration: its default role may be the wrong one there. Pure.
 */
import type { Case, MemberRole } from './model';

/** Returns of one category in one community, within the window, that make a hint. */
export const RETURN_HINT_MIN = 3;
/** The window the hint looks back over, days. */
export const RETURN_HINT_DAYS = 90;

export interface ReturnCounts {
  total: number;
  byMember: { memberId: string; role: MemberRole; count: number }[];
  byCategory: { categoryId: string; categoryName: string; count: number; roles: MemberRole[] }[];
  /** Categories returned at least RETURN_HINT_MIN times, in Chinese. */
  hints: { categoryId: string; categoryName: string; count: number; message: string }[];
}

const bump = <K>(m: Map<K, number>, k: K): void => {
  m.set(k, (m.get(k) ?? 0) + 1);
};

/** Counts the returns made at or after `since` (an instant) on the given cases (one community's). */
export function countReturns(cases: readonly Case[], since: string, hintMin = RETURN_HINT_MIN): ReturnCounts {
  const members = new Map<string, number>();
  const roleOf = new Map<string, MemberRole>();
  const categories = new Map<string, number>();
  const names = new Map<string, string>();
  const rolesOf = new Map<string, Set<MemberRole>>();
  let total = 0;
  for (const c of cases)
    for (const r of c.returns ?? []) {
      if (r.at < since) continue;
      total++;
      bump(members, r.memberId);
      roleOf.set(r.memberId, r.role);
      bump(categories, c.categoryId);
      names.set(c.categoryId, c.categoryName);
      rolesOf.set(c.categoryId, (rolesOf.get(c.categoryId) ?? new Set()).add(r.role));
    }
  const byCategory = [...categories.entries()]
    .map(([categoryId, count]) => ({
      categoryId,
      categoryName: names.get(categoryId)!,
      count,
      roles: [...(rolesOf.get(categoryId) ?? [])].sort(),
    }))
    .sort((a, b) => b.count - a.count || a.categoryId.localeCompare(b.categoryId));
  return {
    total,
    byMember: [...members.entries()]
      .map(([memberId, count]) => ({ memberId, role: roleOf.get(memberId)!, count }))
      .sort((a, b) => b.count - a.count || a.memberId.localeCompare(b.memberId)),
    byCategory,
    hints: byCategory
      .filter((c) => c.count >= hintMin)
      .map((c) => ({
        categoryId: c.categoryId,
        categoryName: c.categoryName,
        count: c.count,
        message: `「${c.categoryName}」近期被退单${c.count}次，建议核实本社区该类别的承办角色`,
      })),
  };
}
