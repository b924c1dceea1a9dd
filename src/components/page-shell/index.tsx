import type { PropsWithChildren } from 'react';
import { View } from '@tarojs/components';
import { largeTextStore } from '../../state/prefs';
import { needsPersona, sessionStore } from '../../state/session';
import { useStore } from '../../state/use-store';
import { ElderOffer } from '../elder-offer';
import { PersonaPicker } from '../persona-picker';
import { PrivacyPrompt } from '../privacy-prompt';
import { StaffTabBar } from '../staff-tab-bar';
import { tabOfPath } from '../../utils/staff-access';
import { useDidShow, useRouter } from '@tarojs/taro';
import { currentTabStore } from '../../state/staff-tab';
import './index.scss';

interface PageShellProps {
  /** Extra class for the page root. */
  className?: string;
  /** data-testid of the page root, for the end-to-end tests. */
  testId?: string;
  /**
   * Whether the page needs somebody logged in. In H5 the persona picker replaces the page until
   * somebody is picked; in WeChat the user is always known.
   * @default true
   */
  requireIdentity?: boolean;
}

/**
 * The root of every page: large-text mode, in H5 the persona picker when nobody is logged in, and
 * in WeChat the privacy prompt when WeChat asks for consent.
 */
export function PageShell({ className, testId, requireIdentity = true, children }: PropsWithChildren<PageShellProps>) {
  const largeText = useStore(largeTextStore);
  const session = useStore(sessionStore);
  const classes = ['page', largeText ? 'page--large' : '', className ?? ''].filter(Boolean).join(' ');
  // H5 has no custom tab bar of its own: tab pages draw it themselves (WeChat uses src/custom-tab-bar).
  const tab = tabOfPath(useRouter().path);
  const h5TabBar = process.env.TARO_ENV === 'h5' && tab !== undefined && !needsPersona(session);
  useDidShow(() => {
    if (tab) currentTabStore.set(tab);
  });
  return (
    <View className={classes} data-testid={testId}>
      {/* First launch: 长辈版 offered once on the first tab page, above its content. */}
      {tab !== undefined && !needsPersona(session) ? <ElderOffer /> : null}
      {requireIdentity && needsPersona(session) ? <PersonaPicker /> : children}
      {h5TabBar ? <View className="staff-tab-bar-spacer" /> : null}
      {h5TabBar ? <StaffTabBar current={tab} /> : null}
      {process.env.TARO_ENV === 'weapp' ? <PrivacyPrompt /> : null}
    </View>
  );
}
