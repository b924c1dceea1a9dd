import { CallLink } from '../call-link';
import type { PropsWithChildren, ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './index.scss';
import { Icon, type IconWith } from '../icon';
import { asButton, asCheckbox, asRadio, asRadioGroup, roleOf } from '../../utils/a11y';

/**
 * Small pieces the staff pages share: chips, key–value rows, count tiles, tags and a phone link.
 * Every tap target is at least 44 px high (88 design px) for a thumb on the move.
 */

export interface ChipOption<T extends string> {
  value: T;
  label: string;
  /** A number shown after the label (counts). */
  count?: number;
}

interface ChipsProps<T extends string> {
  options: ReadonlyArray<ChipOption<T>>;
  value: T | undefined;
  onChange: (value: T) => void;
  /** Each chip gets data-testid `${testId}-${value}`. */
  testId: string;
  /** One line that scrolls sideways instead of wrapping. @default false */
  scroll?: boolean;
  /** What is chosen, for screen readers (the group's name). */
  label?: string;
}

/** A row of choices, one of them on. */
export function StaffChips<T extends string>({ options, value, onChange, testId, scroll = false, label }: ChipsProps<T>) {
  return (
    <View
      className={`staff-chips ${scroll ? 'staff-chips--scroll' : ''}`}
      data-testid={testId}
      {...(label ? asRadioGroup(label) : roleOf('radiogroup'))}
    >
      {options.map((o) => (
        <View
          key={o.value}
          className={`staff-chip ${o.value === value ? 'staff-chip--on' : ''}`}
          hoverClass="staff-chip--pressed"
          onClick={() => onChange(o.value)}
          data-testid={`${testId}-${o.value}`}
          {...asRadio(o.value === value, o.count !== undefined ? `${o.label}，${o.count}` : o.label)}
        >
          {o.label}
          {o.count !== undefined ? <Text className="staff-chip__count">{o.count}</Text> : null}
        </View>
      ))}
    </View>
  );
}

/**
 * A key–value row, one line of a detail card. With `onTap` the whole row is one tap target: a
 * button named by what it shows (「来自 院坝会 …」: the label, and the value when it is text), or,
 * with `checked`, a check box named `label` that the tap flips (a setting with a switch:
 * the switch, drawn by the platform at 52 × 32 px, only shows the state; give it `staff-row__switch`).
 */
export function StaffRow({
  label,
  children,
  testId,
  onTap,
  checked,
}: PropsWithChildren<{ label: string; testId?: string; onTap?: () => void; checked?: boolean }>) {
  const role = checked === undefined ? asButton(typeof children === 'string' ? `${label} ${children}` : label) : asCheckbox(checked, label);
  return (
    <View className={onTap ? 'staff-row staff-row--tap' : 'staff-row'} onClick={onTap} {...(onTap && role)}>
      <Text className="staff-row__key">{label}</Text>
      <View className="staff-row__value" data-testid={testId}>
        {children}
      </View>
    </View>
  );
}

export type Tone = 'red' | 'orange' | 'yellow' | 'green' | 'blue' | 'grey';

/** A short label in a tone: the one tag of the app (a status is a `pill`, StatusTag). */
export function StaffTag({
  tone = 'grey',
  pill = false,
  children,
  testId,
}: PropsWithChildren<{ tone?: Tone; pill?: boolean; testId?: string }>) {
  return (
    <Text className={`staff-tag staff-tag--${tone} ${pill ? 'staff-tag--pill' : ''}`} data-testid={testId}>
      {children}
    </Text>
  );
}

interface TileProps {
  label: string;
  value: number | string;
  /** Red when it needs attention. */
  alert?: boolean;
  onClick?: () => void;
  testId?: string;
  hint?: string;
  /** What a number counts, for a screen reader (「整改中 3项」). @default '件' */
  unit?: string;
}

/**
 * A big number with its label; tapping opens what it counts. A tappable tile is a button named by
 * what it shows, then what a tap does: 「整改中 3项，查看」, 「整改任务 2项，1项已逾期，查看」 (the
 * unit follows a number only, not 85.0% or —).
 */
export function StaffTile({ label, value, alert = false, onClick, testId, hint, unit = '件' }: TileProps) {
  return (
    <View
      className={`staff-tile ${alert ? 'staff-tile--alert' : ''}`}
      hoverClass={onClick ? 'staff-tile--pressed' : 'none'}
      onClick={onClick}
      data-testid={testId}
      {...(onClick && asButton(`${label} ${value}${typeof value === 'number' ? unit : ''}${hint ? `，${hint}` : ''}，查看`))}
    >
      <Text className="staff-tile__value">{value}</Text>
      <Text className="staff-tile__label">{label}</Text>
      {hint ? <Text className="staff-tile__hint">{hint}</Text> : null}
    </View>
  );
}

export function StaffTiles({ children }: PropsWithChildren) {
  return <View className="staff-tiles">{children}</View>;
}

/** A grid of big entry buttons (icon over label). */
export function StaffEntry({
  icon,
  label,
  onClick,
  testId,
  badge,
}: {
  icon: IconWith<'primary'>;
  label: string;
  onClick: () => void;
  testId?: string;
  badge?: ReactNode;
}) {
  return (
    <View className="staff-entry" hoverClass="staff-entry--pressed" onClick={onClick} data-testid={testId}>
      <View className="staff-entry__icon">
        <Icon name={icon} tone="primary" className="icon--block" />
      </View>
      <Text className="staff-entry__label">{label}</Text>
      {badge ? <View className="staff-entry__badge">{badge}</View> : null}
    </View>
  );
}

export function StaffEntries({ children }: PropsWithChildren) {
  return <View className="staff-entries">{children}</View>;
}

/** A phone number that calls when tapped: `makePhoneCall` in the weapp, a `tel:` link in H5. */
export function PhoneLink({ phone, testId }: { phone: string; testId?: string }) {
  return <CallLink phone={phone} testId={testId} className="staff-phone" tone="ok" />;
}

/** A plain note in a soft box (why something is read-only, what a limit means). */
export function StaffNote({ children, tone = 'grey', testId }: PropsWithChildren<{ tone?: 'grey' | 'red' | 'green'; testId?: string }>) {
  return (
    <View className={`staff-note staff-note--${tone}`} data-testid={testId}>
      {children}
    </View>
  );
}
