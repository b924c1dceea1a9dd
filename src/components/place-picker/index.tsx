import type { PropsWithChildren } from 'react';
import { View } from '@tarojs/components';
import type { Community } from '../../services/api-types';
import { asRadio, asRadioGroup } from '../../utils/a11y';
import { resolvePlace, type PlaceChoice } from '../../utils/places';
import './index.scss';
import { Glyph } from '../icon';

interface PlacePickerProps {
  communities: Community[];
  choice: PlaceChoice;
  onChange: (choice: PlaceChoice) => void;
  /**
   * How far down to ask: `grid` for the 公示牌 (whose group helps me), `building` for a report.
   * @default 'building'
   */
  depth?: 'grid' | 'building';
  /** @default 'place-pickers' */
  testId?: string;
}

/** 社区 → 网格 → 楼栋 as large tappable chips; each level appears once the one above is chosen. */
export function PlacePicker({ communities, choice, onChange, depth = 'building', testId = 'place-pickers' }: PlacePickerProps) {
  const r = resolvePlace(communities, choice);
  return (
    <View className="card place-picker" data-testid={testId}>
      <View className="place-picker__label">社区</View>
      <View className="place-picker__chips" {...asRadioGroup('社区')}>
        {communities.map((c) => (
          <Chip
            key={c.id}
            on={r.community?.id === c.id}
            name={c.name}
            testId={`community-${c.id}`}
            onClick={() => onChange({ communityId: c.id })}
          >
            {c.name}
          </Chip>
        ))}
      </View>
      {r.community ? (
        <>
          <View className="place-picker__label">网格</View>
          <View className="place-picker__chips" {...asRadioGroup('网格')}>
            {r.community.grids.map((g) => (
              <Chip
                key={g.id}
                on={r.grid?.id === g.id}
                name={g.name}
                testId={`grid-${g.id}`}
                onClick={() => onChange({ communityId: r.community!.id, gridId: g.id })}
              >
                {g.name}
              </Chip>
            ))}
          </View>
        </>
      ) : null}
      {depth === 'building' && r.grid ? (
        <>
          <View className="place-picker__label">楼栋</View>
          <View className="place-picker__chips" {...asRadioGroup('楼栋')}>
            {r.grid.buildings.map((b) => (
              <Chip
                key={b.id}
                on={r.building?.id === b.id}
                name={b.name}
                testId={`building-${b.id}`}
                onClick={() => onChange({ communityId: r.community!.id, gridId: r.grid!.id, buildingId: b.id })}
              >
                {b.name}
              </Chip>
            ))}
          </View>
        </>
      ) : null}
    </View>
  );
}

function Chip({
  on,
  name,
  onClick,
  testId,
  children,
}: PropsWithChildren<{ on: boolean; name: string; onClick: () => void; testId: string }>) {
  return (
    <View
      className={`place-chip ${on ? 'place-chip--on' : ''}`}
      hoverClass="place-chip--pressed"
      onClick={onClick}
      data-testid={testId}
      {...asRadio(on, name)}
    >
      {on ? <Glyph>✓ </Glyph> : null}
      {children}
    </View>
  );
}
