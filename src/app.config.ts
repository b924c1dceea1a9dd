import { COLORS } from './styles/colors';
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/cases/index', 'pages/workbench/index', 'pages/messages/index', 'pages/me/index'],
  // Pages a resident opens from the tabs; loaded when first needed.
  subPackages: [
    {
      root: 'pages-resident',
      pages: ['report/index', 'case/index', 'privacy/index', 'vote/index', 'survey/index'],
    },
    // 公示栏: public, no login; linked from 首页.
    {
      root: 'pages-board',
      pages: ['index/index', 'cases/index', 'case/index', 'roster/index', 'projects/index', 'survey/index'],
    },
    // 工作台: the five-role members' tasks, patrol reports, their group.
    {
      root: 'pages-member',
      pages: ['bind/index', 'tasks/index', 'task/index', 'patrol/index', 'group/index', 'visits/index', 'profile/index'],
    },
    // 管理: community and street admins, departments.
    {
      root: 'pages-admin',
      pages: [
        'cases/index',
        'case/index',
        'org/index',
        'config/index',
        'stats/index',
        'weekly/index',
        'communities/index',
        'care/index',
        'profiles/index',
        'review/index',
        'intake/index',
        'hotline/index',
        'projects/index',
        'rectify/index',
        'survey/index',
        'meetings/index',
        'departments/index',
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: COLORS.primary,
    navigationBarTitleText: '五员共治',
    navigationBarTextStyle: 'white',
    backgroundColor: COLORS.bg,
  },
  tabBar: {
    // Drawn by src/custom-tab-bar (the work tab shows only for staff); H5 draws it in PageShell.
    custom: true,
    color: COLORS.muted,
    selectedColor: COLORS.primary,
    backgroundColor: COLORS.surface,
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png',
      },
      {
        pagePath: 'pages/cases/index',
        text: '我的诉求',
        iconPath: 'assets/tabbar/cases.png',
        selectedIconPath: 'assets/tabbar/cases-active.png',
      },
      { pagePath: 'pages/workbench/index', text: '工作台' },
      {
        pagePath: 'pages/messages/index',
        text: '消息',
        iconPath: 'assets/tabbar/messages.png',
        selectedIconPath: 'assets/tabbar/messages-active.png',
      },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tabbar/me.png', selectedIconPath: 'assets/tabbar/me-active.png' },
    ],
  },
  // WeChat privacy: 上报 finds the nearest building from the resident's position (getLocation,
  // GCJ-02) and may pick a point on the map (chooseLocation) when no building fits. Both need
  // 接口权限 and the 隐私保护指引 (README, deploy); getFuzzyLocation may not be declared beside them.
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于找到离您最近的楼栋，或在地图上选择问题所在的位置，方便网格员找到现场' },
  },
  // The report page may preload with the home page so that 我要上报 opens at once.
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['pages-resident'] },
    'pages/workbench/index': { network: 'all', packages: ['pages-member', 'pages-admin'] },
  },
});
