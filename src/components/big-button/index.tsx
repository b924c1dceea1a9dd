import type { PropsWithChildren } from 'react';
import { View } from '@tarojs/components';
import './index.scss';

interface BigButtonProps {
  onClick?: () => void;
  /**
   * `primary` (the one main action), `secondary` (outlined) or `plain` (text only).
   * @default 'primary'
   */
  kind?: 'primary' | 'secondary' | 'plain';
  /** Greyed out and not tappable. @default false */
  disabled?: boolean;
  /** A larger button for the one action a page is for. @default false */
  hero?: boolean;
  testId?: string;
  className?: string;
}

/** A full-width button with a touch target well above 48 px. */
export function BigButton({
  onClick,
  kind = 'primary',
  disabled = false,
  hero = false,
  testId,
  className,
  children,
}: PropsWithChildren<BigButtonProps>) {
  const classes = [
    'big-button',
    `big-button--${kind}`,
    hero ? 'big-button--hero' : '',
    disabled ? 'big-button--disabled' : '',
    className ?? '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <View
      className={classes}
      hoverClass={disabled ? 'none' : 'big-button--pressed'}
      onClick={disabled ? undefined : onClick}
      data-testid={testId}
      aria-disabled={disabled}
      aria-role="button"
    >
      {children}
    </View>
  );
}
