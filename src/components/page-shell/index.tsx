import type { PropsWithChildren } from 'react';
import { View } from '@tarojs/components';
import { largeTextStore } from '../../state/prefs';
import { needsPersona, sessionStore } from '../../state/session';
import { useStore } from '../../state/use-store';
import { PersonaPicker } from '../persona-picker';
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

/** The root of every page: large-text mode, and in H5 the persona picker when nobody is logged in. */
export function PageShell({ className, testId, requireIdentity = true, children }: PropsWithChildren<PageShellProps>) {
  const largeText = useStore(largeTextStore);
  const session = useStore(sessionStore);
  const classes = ['page', largeText ? 'page--large' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <View className={classes} data-testid={testId}>
      {requireIdentity && needsPersona(session) ? <PersonaPicker /> : children}
    </View>
  );
}
