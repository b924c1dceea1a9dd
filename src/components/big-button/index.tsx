import type { PropsWithChildren } from 'react';
import { View } from '@tarojs/components';
import { asButton } from '../../utils/a11y';
import { IconOf, type IconWith } from '../icon';
import './index.scss';

type Kind = 'primary' | 'secondary' | 'plain';

/** The colour of each kind's label (index.scss), which its icon takes. */
const ICON_TONE = { primary: 'on-fill', secondary: 'primary', plain: 'info' } as const satisfies Record<Kind, string>;

interface BigButtonProps<K extends Kind> {
  onClick?: () => void;
  /**
   * `primary` (the one main action), `secondary` (outlined) or `plain` (text only).
   * @default 'primary'
   */
  kind?: K;
  /** Greyed out and not tappable. @default false */
  disabled?: boolean;
  /** A larger button for the one action a page is for. @default false */
  hero?: boolean;
  /** An icon before the label, in the colour of the label. */
  icon?: IconWith<(typeof ICON_TONE)[K]>;
  /** What a screen reader calls it when its text is not enough (受理 in a list: 「受理 2612-0001 安全隐患」). */
  label?: string;
  testId?: string;
  className?: string;
}

/** A full-width button with a touch target well above 48 px. */
export function BigButton<K extends Kind = 'primary'>({
  onClick,
  kind = 'primary' as K,
  disabled = false,
  hero = false,
  icon,
  label,
  testId,
  className,
  children,
}: PropsWithChildren<BigButtonProps<K>>) {
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
      {...asButton(label)}
    >
      {icon ? (
        <View className="big-button__label">
          <IconOf name={icon} tone={ICON_TONE[kind]} />
          {children}
        </View>
      ) : (
        children
      )}
    </View>
  );
}
