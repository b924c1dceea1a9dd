import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import './index.scss';
import { asButton } from '../../utils/a11y';

interface CountTileProps {
  label: string;
  value: number;
  /** A short note under the number (含待评价). */
  note?: string;
  /** `alert` draws the number red (超时) when it is above zero. */
  tone?: 'plain' | 'alert';
  testId: string;
  /** What is counted, after the number. @default '件' */
  unit?: string;
}

/** One count, in big figures. */
export function CountTile({ label, value, note, tone = 'plain', testId, unit = '件' }: CountTileProps) {
  return (
    <View className={`board-stat board-stat--count ${tone === 'alert' && value > 0 ? 'board-stat--alert' : ''}`}>
      <Text className="board-stat__label">{label}</Text>
      <View className="board-stat__figure">
        <Text className="board-stat__number" data-testid={testId}>
          {value}
        </Text>
        <Text className="board-stat__unit">{unit}</Text>
      </View>
      {note ? <Text className="board-stat__note">{note}</Text> : null}
    </View>
  );
}

interface RateTileProps {
  label: string;
  /** The rate as shown: 96.2% or —. */
  value: string;
  /** Shown on tap: '满意率 96.2%（已评价 184 件）' first, then what it means. */
  details: string[];
  /** Full width (the combined score). @default false */
  wide?: boolean;
  /** Red when the rate is below its pass mark. @default false */
  warn?: boolean;
  testId: string;
}

/** A rate in big figures; a tap shows what it is out of, and what it means. */
export function RateTile({ label, value, details, wide = false, warn = false, testId }: RateTileProps) {
  const [open, setOpen] = useState(false);
  const classes = [
    'board-stat',
    'board-stat--rate',
    wide ? 'board-stat--wide' : '',
    warn ? 'board-stat--alert' : '',
    open ? 'board-stat--open' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <View
      className={classes}
      hoverClass="board-stat--pressed"
      onClick={() => setOpen(!open)}
      data-testid={`${testId}-tile`}
      {...asButton(`${label} ${value}，点按查看依据`)}
    >
      <View className="board-stat__head">
        <Text className="board-stat__label">{label}</Text>
        <Text className="board-stat__more">{open ? '收起' : '依据 ›'}</Text>
      </View>
      <Text className="board-stat__number" data-testid={testId}>
        {value}
      </Text>
      {open ? (
        <View className="board-stat__details" data-testid={`${testId}-details`}>
          {details.map((d, i) => (
            <View key={d} className={i === 0 ? 'board-stat__detail board-stat__detail--main' : 'board-stat__detail'}>
              {d}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
