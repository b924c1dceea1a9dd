/**
 * 退单 seen by the admins: the returns of a community counted per member and per category, and a
 * hint on the routing configuration for a category returned again and again (core/returns.ts).
 * Registered into `admin` by `returnActions(kit)`.
 */
import * as z from 'zod';
import { fail, ok } from '../../core/errors';
import { ROLE_NAMES, type Case } from '../../core/model';
import { RETURN_HINT_DAYS, RETURN_HINT_MIN, countReturns } from '../../core/returns';
import { id } from '../validation';
import type { RectificationKit } from './admin-rectification';

/** Cases older than the window plus the longest a case stays open are not read. */
const LOOKBACK_DAYS = RETURN_HINT_DAYS + 60;
const MAX_PAGES = 50;

export function returnActions(kit: RectificationKit) {
  return {
    /** 退单 of a community in the last RETURN_HINT_DAYS days: per member, per category, and the routing hints. */
    routingHints: kit.staffAction(kit.admins, z.strictObject({ communityId: id.optional() }), async (input, call) => {
      const { scope, dir, deps, now } = call;
      const communityId = input.communityId ?? (scope.communityIds.size === 1 ? [...scope.communityIds][0] : undefined);
      if (!communityId) return fail('INPUT.INVALID', '请选择社区');
      const community = dir.communities.get(communityId);
      if (!community) return fail('PLACE.NOT_FOUND', '社区不存在');
      if (!scope.communityIds.has(communityId) && !scope.streetIds.has(community.streetId))
        return fail('AUTH.FORBIDDEN', '只能查看本社区（街道）的退单情况');
      const since = new Date(now.getTime() - RETURN_HINT_DAYS * 86_400_000).toISOString();
      const createdFrom = new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000).toISOString();
      const cases: Case[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < MAX_PAGES; i++) {
        const page = await deps.store.listCases({
          communityId,
          createdFrom,
          order: 'created_desc',
          limit: 200,
          ...(cursor ? { cursor } : {}),
        });
        cases.push(...page.items);
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      const counts = countReturns(cases, since);
      const members = await deps.store.listRef('members', { communityId });
      const nameOf = (memberId: string): string => {
        const m = members.find((x) => x.id === memberId);
        return m ? `${dir.grids.get(m.gridId)?.name ?? ''} ${ROLE_NAMES[m.role]} ${m.name}`.trim() : memberId;
      };
      return ok({
        communityId,
        communityName: community.name,
        days: RETURN_HINT_DAYS,
        hintMin: RETURN_HINT_MIN,
        total: counts.total,
        byMember: counts.byMember.map((m) => ({ ...m, roleName: ROLE_NAMES[m.role], name: nameOf(m.memberId) })),
        byCategory: counts.byCategory.map((c) => ({ ...c, roleNames: c.roles.map((r) => ROLE_NAMES[r]) })),
        hints: counts.hints,
      });
    }),
  };
}
