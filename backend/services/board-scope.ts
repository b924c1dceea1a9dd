/**
 * The place a public board figure is asked for: the whole street, a community, or a grid of it.
 * An unknown or stopped community or grid, or a grid of another community, is refused.
 */
import { fail, ok, type Result } from '../../core/errors';
import type { Directory } from './directory';

export type BoardScope = { gridId?: string; communityId?: string };

export function boardScope(dir: Directory, input: { communityId?: string; gridId?: string }): Result<BoardScope> {
  if (input.communityId && !dir.communities.get(input.communityId)?.active) return fail('PLACE.NOT_FOUND', '社区不存在');
  const grid = input.gridId ? dir.grids.get(input.gridId) : undefined;
  if (input.gridId && (!grid?.active || (input.communityId && grid.communityId !== input.communityId)))
    return fail('PLACE.NOT_FOUND', '网格不存在');
  const scope: BoardScope = grid ? { gridId: grid.id } : input.communityId ? { communityId: input.communityId } : {};
  return ok(scope);
}
