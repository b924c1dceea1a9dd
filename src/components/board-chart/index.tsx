import { Text, View } from '@tarojs/components';
import { axisTicks, barPercent, niceMax, ratePercent } from '../../utils/board-chart';
import { formatRate } from '../../utils/board-format';
import './index.scss';

/**
 * Charts drawn with plain views: the same in WeChat and in a browser, and nothing added to the
 * package. Every axis starts at zero and every bar carries its number, so the picture never says
 * more than the count does.
 */

export interface ColumnSeries {
  /** The legend's words: 受理, 办结. */
  name: string;
  /** One of the colours the stylesheet defines. */
  tone: 'received' | 'closed';
  values: number[];
}

interface ColumnChartProps {
  /** Labels under each group of columns (months). */
  labels: string[];
  series: ColumnSeries[];
  /** What the numbers count, for the axis note: 件. @default '件' */
  unit?: string;
  testId?: string;
}

/** Grouped columns: for each month one column per series, the count printed on top. */
export function ColumnChart({ labels, series, unit = '件', testId }: ColumnChartProps) {
  const top = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  return (
    <View className="board-chart" data-testid={testId}>
      <Legend items={series.map((s) => ({ name: s.name, tone: s.tone }))} />
      <View className="board-chart__plot">
        <Gridlines ticks={axisTicks(top).map((t) => ({ at: top ? (t / top) * 100 : 0, label: String(t) }))} />
        <View className="board-chart__groups">
          {labels.map((label, i) => (
            <View key={label} className="board-chart__group" data-testid={testId ? `${testId}-group` : undefined}>
              {series.map((s) => {
                const v = s.values[i] ?? 0;
                return (
                  <View key={s.name} className="board-chart__slot">
                    <View className={`board-chart__column board-chart__column--${s.tone}`} style={{ height: `${barPercent(v, top)}%` }}>
                      <Text className="board-chart__value" data-testid={testId ? `${testId}-${s.tone}` : undefined}>
                        {v}
                      </Text>
                    </View>
                  </View>
                );
              })}
            </View>
          ))}
        </View>
      </View>
      <AxisLabels labels={labels} />
      <View className="board-chart__note">单位：{unit}；纵轴从 0 开始</View>
    </View>
  );
}

interface RateColumnChartProps {
  labels: string[];
  /** 0–1, or null when nothing was rated that month. */
  rates: (number | null)[];
  /** A dashed line at the pass mark (0.8 for 满意率). */
  threshold?: number;
  thresholdLabel?: string;
  testId?: string;
}

/** One column per month on a fixed 0–100% axis; a month without ratings says 无评价. */
export function RateColumnChart({ labels, rates, threshold, thresholdLabel, testId }: RateColumnChartProps) {
  const mark = threshold === undefined ? undefined : ratePercent(threshold);
  return (
    <View className="board-chart" data-testid={testId}>
      <View className="board-chart__plot">
        <Gridlines
          ticks={[
            { at: 0, label: '0' },
            { at: 50, label: '50%' },
            { at: 100, label: '100%' },
          ]}
        />
        {mark !== undefined && mark !== null ? <View className="board-chart__threshold" style={{ bottom: `${mark}%` }} /> : null}
        <View className="board-chart__groups">
          {labels.map((label, i) => {
            const p = ratePercent(rates[i] ?? null);
            const low = threshold !== undefined && rates[i] !== null && (rates[i] ?? 1) < threshold;
            return (
              <View key={label} className="board-chart__group">
                <View className="board-chart__slot board-chart__slot--wide">
                  {p === null ? (
                    <Text className="board-chart__none">无评价</Text>
                  ) : (
                    <View
                      className={`board-chart__column board-chart__column--${low ? 'low' : 'rate'}`}
                      style={{ height: `${Math.max(p, 1)}%` }}
                    >
                      <Text className="board-chart__value board-chart__value--rate" data-testid={testId ? `${testId}-value` : undefined}>
                        {formatRate(rates[i] ?? null)}
                      </Text>
                    </View>
                  )}
                </View>
              </View>
            );
          })}
        </View>
      </View>
      <AxisLabels labels={labels} />
      {mark !== undefined && mark !== null ? (
        <View className="board-chart__legend board-chart__legend--below">
          <View className="board-chart__legend-item">
            <View className="board-chart__dash" />
            <Text>{thresholdLabel ?? formatRate(threshold ?? null)}</Text>
          </View>
        </View>
      ) : null}
    </View>
  );
}

export interface BarRow {
  key: string;
  label: string;
  /** The bar's full length (受理). */
  total: number;
  /** The darker part inside it (办结); at most `total`. */
  part: number;
  /** Printed under the label: 受理 10 · 办结 8 · 满意率 100.0%. */
  caption: string;
}

/** Horizontal bars, one per row, longest first as given; the part (办结) drawn inside the whole (受理). */
export function BarChart({ rows, totalName, partName, testId }: { rows: BarRow[]; totalName: string; partName: string; testId?: string }) {
  const top = niceMax(Math.max(0, ...rows.map((r) => r.total)));
  return (
    <View className="board-chart" data-testid={testId}>
      <Legend
        items={[
          { name: totalName, tone: 'whole' },
          { name: partName, tone: 'closed' },
        ]}
      />
      {rows.map((r) => (
        <View key={r.key} className="board-bar" data-testid={testId ? `${testId}-row` : undefined}>
          <View className="board-bar__head">
            <Text className="board-bar__label">{r.label}</Text>
            <Text className="board-bar__caption">{r.caption}</Text>
          </View>
          <View className="board-bar__track">
            <View className="board-bar__whole" style={{ width: `${barPercent(r.total, top)}%` }}>
              <View className="board-bar__part" style={{ width: `${r.total > 0 ? Math.min(100, (r.part / r.total) * 100) : 0}%` }} />
            </View>
          </View>
        </View>
      ))}
      <View className="board-chart__note">横轴从 0 到 {top} 件</View>
    </View>
  );
}

function Legend({ items }: { items: { name: string; tone: string }[] }) {
  return (
    <View className="board-chart__legend">
      {items.map((it) => (
        <View key={it.name} className="board-chart__legend-item">
          <View className={`board-chart__swatch board-chart__column--${it.tone}`} />
          <Text>{it.name}</Text>
        </View>
      ))}
    </View>
  );
}

function Gridlines({ ticks }: { ticks: { at: number; label: string }[] }) {
  return (
    <View className="board-chart__grid">
      {ticks.map((t) => (
        <View key={t.label} className="board-chart__gridline" style={{ bottom: `${t.at}%` }}>
          <Text className="board-chart__tick">{t.label}</Text>
        </View>
      ))}
    </View>
  );
}

function AxisLabels({ labels }: { labels: string[] }) {
  return (
    <View className="board-chart__xlabels">
      {labels.map((l) => (
        <Text key={l} className="board-chart__xlabel">
          {l}
        </Text>
      ))}
    </View>
  );
}
