import type { PropsWithChildren, ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './index.scss';
import { Icon, type IconWith } from '../icon';
import { asAlert, asButton } from '../../utils/a11y';

/** A visible error sentence, with an optional retry. */
export function ErrorLine({ message, onRetry, testId = 'error-line' }: { message?: string; onRetry?: () => void; testId?: string }) {
  if (!message) return null;
  return (
    <View className="notice notice--error" data-testid={testId} {...asAlert()}>
      <Text className="notice__text">{message}</Text>
      {onRetry ? (
        <View
          className="notice__action"
          hoverClass="notice__action--pressed"
          onClick={onRetry}
          data-testid={`${testId}-retry`}
          {...asButton('重试')}
        >
          重试
        </View>
      ) : null}
    </View>
  );
}

/** What an empty list says, with an icon so it reads at a glance. */
export function EmptyState({ icon = 'inbox', title, children }: PropsWithChildren<{ icon?: IconWith<'muted'>; title: string }>) {
  return (
    <View className="empty-state" data-testid="empty-state">
      <View className="empty-state__icon">
        <Icon name={icon} tone="muted" className="icon--block" />
      </View>
      <Text className="empty-state__title">{title}</Text>
      {children ? <View className="empty-state__body">{children}</View> : null}
    </View>
  );
}

export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className="loading" data-testid="loading">
      {text}
    </View>
  );
}

/** A section heading inside a page. */
export function SectionTitle({ children, extra }: PropsWithChildren<{ extra?: ReactNode }>) {
  return (
    <View className="section-title">
      <Text className="section-title__text">{children}</Text>
      {extra}
    </View>
  );
}
