/** Every staff page URL in one place (paths as in app.config.ts). */
const q = (base: string, params: Record<string, string | undefined>): string => {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`);
  return parts.length ? `${base}?${parts.join('&')}` : base;
};

export const STAFF_ROUTES = {
  work: '/pages/workbench/index',
  bind: (code?: string) => q('/pages-member/bind/index', { code }),
  tasks: (tab?: string) => q('/pages-member/tasks/index', { tab }),
  task: (caseId: string) => q('/pages-member/task/index', { id: caseId }),
  patrol: (mode: 'report' | 'spot') => q('/pages-member/patrol/index', { mode }),
  group: '/pages-member/group/index',
  /** 走访关爱: my people, or one of them with their visits. */
  visit: (subjectId?: string) => q('/pages-member/visits/index', { id: subjectId }),
  profile: '/pages-member/profile/index',
  profiles: '/pages-admin/profiles/index',
  departments: '/pages-admin/departments/index',
  care: (communityId?: string) => q('/pages-admin/care/index', { communityId }),
  /** 满意度测评: the questionnaire, opening a quarter, results and suggestions. */
  survey: (communityId?: string) => q('/pages-admin/survey/index', { communityId }),
  /** 民生微实事: voting rounds and project delivery. */
  projects: (communityId?: string) => q('/pages-admin/projects/index', { communityId }),
  /** `filter` is `filterToParams(…)`. */
  adminCases: (filter?: string) => (filter ? `/pages-admin/cases/index?${filter}` : '/pages-admin/cases/index'),
  adminCase: (caseId: string) => q('/pages-admin/case/index', { id: caseId }),
  org: (communityId?: string) => q('/pages-admin/org/index', { communityId }),
  config: '/pages-admin/config/index',
  stats: (groupBy?: string) => q('/pages-admin/stats/index', { groupBy }),
  weekly: '/pages-admin/weekly/index',
  communities: '/pages-admin/communities/index',
  review: '/pages-admin/review/index',
  /** 整改任务: the 80 % rule's tasks and their 整改报告. */
  rectify: '/pages-admin/rectify/index',
  /** 代登记 (`file`) or 电话回访 (`callback`), for members and admins alike. */
  intake: (mode: 'file' | 'callback') => q('/pages-admin/intake/index', { mode }),
  /** 12345 工单 import (a sheet) and export (the results), for admins. */
  hotline: '/pages-admin/hotline/index',
  /** 院坝会 / 议事日: the list, or one record with its issues. */
  meetings: '/pages-admin/meetings/index',
  meeting: (meetingId: string) => q('/pages-admin/meetings/index', { id: meetingId }),
} as const;
