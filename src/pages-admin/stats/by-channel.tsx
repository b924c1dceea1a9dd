import { Text, View } from '@tarojs/components';
import { SectionTitle } from '../../components/notice';
import type { Stats } from '../../services/admin-api';
import { percent } from '../../utils/staff-period';

/** 渠道: how many cases each channel brought in the period, and how satisfied those residents were. */
export function ByChannel({ rows }: { rows: Stats['byChannel'] }) {
  const max = Math.max(1, ...rows.map((r) => r.received));
  return (
    <View>
      <SectionTitle>按渠道</SectionTitle>
      <View className="card" data-testid="stats-channels">
        {rows.map((r) => (
          <View key={r.channel} className="stats__channel" data-testid={`stats-channel-${r.channel}`}>
            <View className="stats__channel-head">
              <Text className="stats__channel-name">{r.channelName}</Text>
              <Text className="stats__channel-count">{r.received}件</Text>
            </View>
            <View className="stats__channel-track">
              <View
                className="stats__channel-fill"
                style={{ width: `${r.received ? Math.max(4, Math.round((r.received / max) * 100)) : 0}%` }}
              />
            </View>
            <Text className="stats__muted">
              满意率 {percent(r.satisfactionRate)}（已评价 {r.rated} 件{r.phoneRated ? `，其中电话回访 ${r.phoneRated} 件` : ''}）
            </Text>
          </View>
        ))}
      </View>
    </View>
  );
}
