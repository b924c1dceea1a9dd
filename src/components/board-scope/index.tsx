import { useMemo } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import type { Community } from '../../services/api-types';
import type { BoardScope } from '../../services/board-api';
import { compareGridNames } from '../../utils/board-case';
import { asButton, asRadio, asRadioGroup } from '../../utils/a11y';
import { isMonth, isQuarter, periodLabel, recentMonths, recentQuarters } from '../../utils/board-period';
import './index.scss';
import { Glyph } from '../icon';

export interface Chip {
  value: string;
  label: string;
}

/** A row of large, tappable choices; the chosen one is filled. */
export function Chips({
  items,
  value,
  onChange,
  testId,
  label,
}: {
  items: Chip[];
  value: string;
  onChange: (v: string) => void;
  testId: string;
  /** What is chosen (范围, 网格, 时间), for a screen reader. */
  label: string;
}) {
  return (
    <View className="board-chips" data-testid={testId} {...asRadioGroup(label)}>
      {items.map((c) => (
        <View
          key={c.value}
          className={`board-chips__chip ${c.value === value ? 'board-chips__chip--on' : ''}`}
          hoverClass="board-chips__chip--pressed"
          onClick={() => onChange(c.value)}
          data-testid={`${testId}-${c.value || 'all'}`}
          {...asRadio(c.value === value, c.label)}
        >
          {c.label}
        </View>
      ))}
    </View>
  );
}

/** A tappable box that opens a list to choose from (WeChat's and the browser's own picker). */
export function SelectBox({
  label,
  options,
  value,
  onChange,
  on = false,
  testId,
}: {
  label: string;
  options: Chip[];
  value?: string;
  onChange: (v: string) => void;
  /** Filled, as a chosen chip. @default false */
  on?: boolean;
  testId: string;
}) {
  const index = Math.max(
    0,
    options.findIndex((o) => o.value === value),
  );
  return (
    <Picker
      mode="selector"
      range={options.map((o) => o.label)}
      value={index}
      onChange={(e) => onChange(options[Number(e.detail.value)]!.value)}
    >
      <View
        className={`board-chips__chip board-chips__select ${on ? 'board-chips__chip--on' : ''}`}
        data-testid={testId}
        {...asButton(`${label}，点按选择`)}
      >
        <Text>{label}</Text>
        <Glyph className="board-chips__caret">▾</Glyph>
      </View>
    </Picker>
  );
}

interface ScopePickerProps {
  communities: Community[];
  scope: BoardScope;
  onScope: (scope: BoardScope) => void;
  period: string;
  onPeriod: (period: string) => void;
  /** The client's clock, for the list of months and quarters to choose from. */
  now: Date;
}

/** 看哪里、看什么时候: street / community / grid, and this month / this quarter / a chosen one. */
export function ScopePicker({ communities, scope, onScope, period, onPeriod, now }: ScopePickerProps) {
  const community = communities.find((c) => c.id === scope.communityId);
  const grids = useMemo(() => [...(community?.grids ?? [])].sort((a, b) => compareGridNames(a.name, b.name)), [community]);
  const months = useMemo(() => recentMonths(now, 12).map((m) => ({ value: m, label: periodLabel(m) })), [now]);
  const quarters = useMemo(() => recentQuarters(now, 4).map((q) => ({ value: q, label: periodLabel(q) })), [now]);

  return (
    <View className="board-scope card" data-testid="board-scope">
      <View className="board-scope__row">
        <Text className="board-scope__title">范围</Text>
        <Chips
          testId="scope-community"
          label="范围"
          value={scope.communityId ?? ''}
          items={[{ value: '', label: '全街道' }, ...communities.map((c) => ({ value: c.id, label: c.name }))]}
          onChange={(id) => onScope(id ? { communityId: id } : {})}
        />
      </View>
      {community ? (
        <View className="board-scope__row">
          <Text className="board-scope__title">网格</Text>
          <Chips
            testId="scope-grid"
            label="网格"
            value={scope.gridId ?? ''}
            items={[{ value: '', label: '全社区' }, ...grids.map((g) => ({ value: g.id, label: g.name }))]}
            onChange={(id) => onScope(id ? { communityId: community.id, gridId: id } : { communityId: community.id })}
          />
        </View>
      ) : null}
      <View className="board-scope__row">
        <Text className="board-scope__title">时间</Text>
        <View className="board-chips" data-testid="scope-period">
          <Chips
            testId="period"
            label="时间"
            value={period}
            items={[
              { value: 'month', label: '本月' },
              { value: 'quarter', label: '本季度' },
            ]}
            onChange={onPeriod}
          />
          <SelectBox
            testId="period-month"
            label={isMonth(period) ? periodLabel(period) : '选月份'}
            on={isMonth(period)}
            options={months}
            value={isMonth(period) ? period : undefined}
            onChange={onPeriod}
          />
          <SelectBox
            testId="period-quarter"
            label={isQuarter(period) ? periodLabel(period) : '选季度'}
            on={isQuarter(period)}
            options={quarters}
            value={isQuarter(period) ? period : undefined}
            onChange={onPeriod}
          />
        </View>
      </View>
    </View>
  );
}
