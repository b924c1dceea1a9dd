import type { CaseStatus } from '../services/api-types';

/** Pages of the board subpackage (paths as in app.config.ts). */
export const BOARD_ROUTES = {
  board: '/pages-board/index/index',
  cases: (filter: { communityId?: string; gridId?: string } = {}) => withQuery('/pages-board/cases/index', filter),
  caseDetail: (caseId: string) => withQuery('/pages-board/case/index', { id: caseId }),
  roster: (gridId?: string) => withQuery('/pages-board/roster/index', { gridId }),
  /** 满意度测评: the quarter's results per community and grid, approved suggestions. */
  survey: (communityId?: string) => withQuery('/pages-board/survey/index', { communityId }),
  /** 民生微实事: rounds, results and delivery. */
  projects: (communityId?: string) => withQuery('/pages-board/projects/index', { communityId }),
} as const;

function withQuery(path: string, params: Record<string, string | undefined>): string {
  const q = Object.entries(params)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
    .join('&');
  return q ? `${path}?${q}` : path;
}

/** Statuses in which residents may still 附议 (the lifecycle's open statuses). */
const SUPPORTABLE: readonly CaseStatus[] = ['pending', 'assigned', 'processing', 'escalated'];
export const canSupport = (status: string): boolean => SUPPORTABLE.includes(status as CaseStatus);

export type StepState = 'done' | 'current' | 'todo';
export interface CaseStep {
  label: string;
  state: StepState;
}

const STEP_LABELS = ['提交', '受理', '办理', '办结', '评价'];

/** How far along each status is: the index of the step under way (5 = all done). */
const PROGRESS: Partial<Record<CaseStatus, number>> = {
  pending: 1,
  assigned: 1,
  processing: 2,
  escalated: 2,
  resolved: 4,
  closed: 5,
};

/**
 * The five steps a public case goes through (提交 → 受理 → 办理 → 办结 → 评价), or, for a case
 * that ended otherwise (不予受理, 已撤回, 已合并), no steps and the reason it ended.
 */
export function caseSteps(status: string, statusName: string): { steps: CaseStep[]; ended?: string } {
  const at = PROGRESS[status as CaseStatus];
  if (at === undefined) return { steps: [], ended: statusName };
  return {
    steps: STEP_LABELS.map((label, i) => ({
      // An escalated case is still in 办理, at a higher level: say so on the step.
      label: i === 2 && status === 'escalated' ? '吹哨办理' : label,
      state: i < at ? 'done' : i === at ? 'current' : 'todo',
    })),
  };
}

/**
 * Where an approved photo is shown from. In WeChat the fileId is a cloud file id the Image
 * component loads itself; the H5 host serves it publicly only with the case it belongs to.
 */
export function photoUrl(fileId: string, caseId: string, platform: string = process.env.TARO_ENV, base: string = apiBase()): string {
  if (platform === 'weapp' || /^(cloud|https?):\/\//.test(fileId)) return fileId;
  return `${base}/files/${encodeURIComponent(fileId)}?caseId=${encodeURIComponent(caseId)}`;
}

const apiBase = (): string => (typeof API_BASE === 'string' ? API_BASE : '');

/** Sorts grids as people count them: 第一网格, 第二网格, … (then by name). */
export function compareGridNames(a: string, b: string): number {
  const na = ordinalOf(a);
  const nb = ordinalOf(b);
  if (na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** '第十二网格' → 12, '第3网格' → 3; no number → Infinity (sorted last). */
export function ordinalOf(name: string): number {
  const m = /第([0-9]+|[一二三四五六七八九十]+)/.exec(name);
  if (!m) return Number.POSITIVE_INFINITY;
  const s = m[1]!;
  if (/^[0-9]+$/.test(s)) return Number(s);
  if (s.length === 1) return DIGITS[s]!;
  // 十二, 二十, 二十三
  const [tens, ones] = s.split('十');
  return (tens ? DIGITS[tens]! : 1) * 10 + (ones ? DIGITS[ones]! : 0);
}
