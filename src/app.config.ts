export default defineAppConfig({
  pages: ['pages/index/index', 'pages/cases/index', 'pages/messages/index', 'pages/me/index'],
  // Pages a resident opens from the tabs; loaded when first needed.
  subPackages: [
    {
      root: 'pages-resident',
      pages: ['report/index', 'case/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#c62828',
    navigationBarTitleText: '五员共治',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f2',
  },
  tabBar: {
    color: '#5f5f5f',
    selectedColor: '#c62828',
    backgroundColor: '#ffffff',
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
      {
        pagePath: 'pages/messages/index',
        text: '消息',
        iconPath: 'assets/tabbar/messages.png',
        selectedIconPath: 'assets/tabbar/messages-active.png',
      },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tabbar/me.png', selectedIconPath: 'assets/tabbar/me-active.png' },
    ],
  },
  // The report page may preload with the home page so that 我要上报 opens at once.
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['pages-resident'] },
  },
});
