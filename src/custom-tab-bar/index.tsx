import { useState } from 'react';
import Taro from '@tarojs/taro';
import { StaffTabBar } from '../components/staff-tab-bar';
import { currentTabStore } from '../state/staff-tab';
import { useStore } from '../state/use-store';
import { tabOfPath } from '../utils/staff-access';

/**
 * WeChat's custom tab bar (`tabBar.custom` in app.config.ts). WeChat gives each tab page its own
 * instance: it marks the tab page that last showed (PageShell tells), or, before any has, the
 * page on top when it was created.
 */
export default function CustomTabBar() {
  const shown = useStore(currentTabStore);
  const [created] = useState(() => {
    const pages = Taro.getCurrentPages();
    return tabOfPath(pages[pages.length - 1]?.route);
  });
  return <StaffTabBar current={shown ?? created} />;
}
