import { View } from '@tarojs/components';
import { roleOf } from '../../utils/a11y';
import '../staff-ui/index.scss';

/**
 * A row of chips of which any number may be on (院坝会 roles present, 走访关爱 groups, a
 * department's categories). Each chip is a checkbox to a screen reader (`aria-checked`), at least
 * `--target` tall and wide (staff-ui's `.staff-chip`). Each chip's data-testid is
 * `${chipTestId}${value}`; the row's is `testId`.
 */
export function ChipMultiSelect<T extends string>({
  options,
  value,
  onChange,
  testId,
  chipTestId,
  label,
}: {
  options: readonly { value: T; label: string }[];
  value: readonly T[];
  onChange: (value: T[]) => void;
  testId: string;
  /** Prefix of each chip's data-testid. @default `${testId}-` */
  chipTestId?: string;
  /** What the row is, for a screen reader (aria-label of the group). */
  label?: string;
}) {
  const toggle = (v: T) => onChange(value.includes(v) ? value.filter((x) => x !== v) : [...value, v]);
  const prefix = chipTestId ?? `${testId}-`;
  return (
    <View className="staff-chips" data-testid={testId} aria-label={label} {...roleOf('group')}>
      {options.map((o) => {
        const on = value.includes(o.value);
        return (
          <View
            key={o.value}
            className={`staff-chip ${on ? 'staff-chip--on' : ''}`}
            hoverClass="staff-chip--pressed"
            onClick={() => toggle(o.value)}
            data-testid={`${prefix}${o.value}`}
            aria-checked={on}
            {...roleOf('checkbox')}
          >
            {o.label}
          </View>
        );
      })}
    </View>
  );
}
