import type { Input, Output, PublicCaseView } from '../../backend/contract';
import { call } from './call';

/**
 * The public progress board (公示栏): the `board` function, which needs no identity, plus the one
 * resident action the board offers (附议). The shapes are the server's own (backend/functions/board.ts,
 * backend/services/views.ts `publicCase`; `import type`, erased at build).
 */

/** `month` / `quarter` (the current one), `2026-05` or `2026-Q2`. */
export type BoardPeriod = NonNullable<Input<'board', 'summary'>['period']>;

/** A community, a grid in it, or (neither) the whole street. */
export type BoardScope = Pick<Input<'board', 'summary'>, 'communityId' | 'gridId'>;

export type BoardSummary = Output<'board', 'summary'>;
export type MetricWeights = BoardSummary['weights'];
/** The figures of a unit; every rate is null when there is nothing to divide by. */
export type BoardMetrics = BoardSummary['metrics'];
export type CategoryFigure = BoardSummary['byCategory'][number];
export type TrendPoint = BoardSummary['trend'][number];
export type QuarterFlag = BoardSummary['quarterFlag'];
export type BoardRanking = Output<'board', 'rankings'>;
export type RankedUnit = BoardRanking['units'][number];
/** Status groups the public list filters by. */
export type PublicStatusGroup = NonNullable<Input<'board', 'listCases'>['status']>;
export type PublicCase = PublicCaseView;
export type PublicTimelineEvent = Output<'board', 'getCase'>['timeline'][number];
export type PublicCasePage = Output<'board', 'listCases'>;
export type GridRoster = Output<'board', 'gridRoster'>;
export type RosterMember = GridRoster['members'][number];

export type PublicCaseFilter = Input<'board', 'listCases'>;

/** Drops absent fields: the server's inputs are strict and refuse `undefined` keys in some transports. */
function defined<T extends object>(params: T): T {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== '')) as T;
}

export const boardApi = {
  summary: (scope: BoardScope, period?: BoardPeriod) => call('board', 'summary', defined({ ...scope, period })),

  rankings: (level: 'grid' | 'community', communityId?: string, period?: BoardPeriod) =>
    call('board', 'rankings', defined({ level, communityId, period })),

  listCases: (filter: PublicCaseFilter) => call('board', 'listCases', defined({ ...filter })),

  getCase: (caseId: string) => call('board', 'getCase', { caseId }),

  gridRoster: (gridId: string) => call('board', 'gridRoster', { gridId }),

  /** 整改中 / 已整改 per unit (never the report). */
  rectifications: (communityId?: string, period?: BoardPeriod) => call('board', 'rectifications', defined({ communityId, period })),

  /** Communities and their grids, for the scope picker (public). */
  listPlaces: () => call('resident', 'listPlaces'),

  /** Categories, for the list filter (public). */
  listCategories: () => call('resident', 'listCategories'),

  /** 附议: needs somebody logged in; answers the new count. */
  supportCase: (caseId: string) => call('resident', 'supportCase', { caseId }),
};
