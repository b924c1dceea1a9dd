/**
 * Who sees what of the staff side, from `resident.profile`: the 工作台 / 管理 tab, and which
 * parts of it. Pure, so the tab bar and the work page agree and tests can say it once.
 */

export interface Membership {
  memberId: string;
  role: string;
  roleName: string;
  gridId: string;
  gridName?: string;
  communityName?: string;
  onDuty: boolean;
}

/** The answer of `resident.profile`. */
export interface StaffProfile {
  openid: string;
  name: string;
  roles: string[];
  isMember: boolean;
  isAdmin: boolean;
  memberships: Membership[];
  /** WeChat cloud only: the caller's own storage folder (`case-photos/<tag>/`); photos go nowhere else. */
  uploadPrefix?: string;
}

export interface StaffAccess {
  member: boolean;
  communityAdmin: boolean;
  streetAdmin: boolean;
  department: boolean;
  /** Any admin console (community, street or department). */
  admin: boolean;
}

export function accessOf(p: StaffProfile | undefined): StaffAccess {
  const roles = new Set(p?.roles ?? []);
  const communityAdmin = roles.has('community_admin');
  const streetAdmin = roles.has('street_admin');
  const department = roles.has('department');
  return {
    member: Boolean(p?.isMember),
    communityAdmin,
    streetAdmin,
    department,
    admin: Boolean(p?.isAdmin) || communityAdmin || streetAdmin || department,
  };
}

/** The work tab's label: 管理 for anyone who runs things, 工作台 for members, none for residents. */
export function workTabLabel(p: StaffProfile | undefined): string | undefined {
  const a = accessOf(p);
  if (a.admin) return '管理';
  if (a.member) return '工作台';
  return undefined;
}

export type TabKey = 'home' | 'cases' | 'work' | 'messages' | 'me';

export interface TabItem {
  key: TabKey;
  /** As in app.config.ts (no leading slash). */
  pagePath: string;
  text: string;
}

/** The five tab pages in the order of app.config.ts. */
export const TAB_ITEMS: readonly TabItem[] = [
  { key: 'home', pagePath: 'pages/index/index', text: '首页' },
  { key: 'cases', pagePath: 'pages/cases/index', text: '我的诉求' },
  { key: 'work', pagePath: 'pages/workbench/index', text: '工作台' },
  { key: 'messages', pagePath: 'pages/messages/index', text: '消息' },
  { key: 'me', pagePath: 'pages/me/index', text: '我的' },
];

/** The tabs a person sees: the work tab only with a role, labelled for it. */
export function visibleTabs(p: StaffProfile | undefined): TabItem[] {
  const label = workTabLabel(p);
  return TAB_ITEMS.flatMap((t) => (t.key !== 'work' ? [t] : label ? [{ ...t, text: label }] : []));
}

/** The tab a page path belongs to (`/pages/workbench/index?x=1` → work), if any. */
export function tabOfPath(path: string | undefined): TabKey | undefined {
  if (!path) return undefined;
  const clean = path.replace(/^\/+/, '').replace(/[?#].*$/, '');
  return TAB_ITEMS.find((t) => t.pagePath === clean)?.key;
}

/**
 * Where a person lands when the app opens on 首页: staff where they work (members on 工作台,
 * admins and departments on 管理, whose desk lists what waits for them), residents stay on 首页.
 */
export function landingTab(p: StaffProfile | undefined): TabKey {
  const a = accessOf(p);
  return a.admin || a.member ? 'work' : 'home';
}
