/** Every page URL in one place (paths as in app.config.ts). */
export const ROUTES = {
  home: '/pages/index/index',
  cases: '/pages/cases/index',
  messages: '/pages/messages/index',
  me: '/pages/me/index',
  report: '/pages-resident/report/index',
  /** 民生微实事投票. */
  vote: '/pages-resident/vote/index',
  /** 满意度测评. */
  survey: '/pages-resident/survey/index',
  caseDetail: (caseId: string) => `/pages-resident/case/index?id=${encodeURIComponent(caseId)}`,
} as const;
