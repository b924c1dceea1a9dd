import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import casesActive from '../../assets/tabbar/cases-active.png';
import cases from '../../assets/tabbar/cases.png';
import homeActive from '../../assets/tabbar/home-active.png';
import home from '../../assets/tabbar/home.png';
import meActive from '../../assets/tabbar/me-active.png';
import me from '../../assets/tabbar/me.png';
import messagesActive from '../../assets/tabbar/messages-active.png';
import messages from '../../assets/tabbar/messages.png';
import workActive from '../../custom-tab-bar/work-active.png';
import work from '../../custom-tab-bar/work.png';
import { largeTextStore } from '../../state/prefs';
import { useStaffProfile } from '../../state/staff-profile';
import { badgeText, unreadStore } from '../../state/unread';
import { useStore } from '../../state/use-store';
import { visibleTabs, type TabKey } from '../../utils/staff-access';
import './index.scss';
import { roleOf } from '../../utils/a11y';

const ICONS: Record<TabKey, [string, string]> = {
  home: [home, homeActive],
  cases: [cases, casesActive],
  work: [work, workActive],
  messages: [messages, messagesActive],
  me: [me, meActive],
};

/**
 * The tab bar: 首页 · 我的诉求 · 工作台/管理 · 消息 · 我的, the work tab only for people with a staff
 * role. WeChat renders it as the custom tab bar (src/custom-tab-bar); H5 has none of its own, so
 * PageShell renders this inside the tab pages. In the weapp the bar is a component of its own,
 * outside the page's `.page--large`, so it follows the 长辈版 switch itself.
 */
export function StaffTabBar({ current }: { current: TabKey | undefined }) {
  const { profile } = useStaffProfile();
  const tabs = visibleTabs(profile);
  const unread = useStore(unreadStore);
  const large = useStore(largeTextStore);
  return (
    <View className={`staff-tab-bar ${large ? 'staff-tab-bar--large' : ''}`} data-testid="staff-tab-bar" {...roleOf('tablist')}>
      {tabs.map((t) => {
        const on = t.key === current;
        return (
          <View
            key={t.key}
            className={`staff-tab-bar__item ${on ? 'staff-tab-bar__item--on' : ''}`}
            onClick={() => {
              if (!on) void Taro.switchTab({ url: `/${t.pagePath}` });
            }}
            data-testid={`tab-${t.key}`}
            {...roleOf('tab')}
            aria-selected={on}
            aria-label={t.key === 'messages' && unread > 0 ? `${t.text}，${unread}条未读` : t.text}
          >
            <Image className="staff-tab-bar__icon" src={ICONS[t.key][on ? 1 : 0]} />
            {t.key === 'messages' && unread > 0 ? (
              <Text className="staff-tab-bar__badge" data-testid="tab-messages-badge">
                {badgeText(unread)}
              </Text>
            ) : null}
            <Text className="staff-tab-bar__text">{t.text}</Text>
          </View>
        );
      })}
    </View>
  );
}
