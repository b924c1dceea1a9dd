import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ROUTES } from '../../routes';
import type { CaseSummary } from '../../services/api-types';
import { excerpt, formatTime } from '../../utils/format';
import { timeLeft, timeTaken } from '../../utils/time-left';
import { caseTime } from '../../../core/case-time';
import { StatusTag } from '../status-tag';
import './index.scss';
import { Icon, type IconTone } from '../icon';
import { Card } from '../card';

/** The list card; the optional fields are what `caseCard` sends besides the summary. */
export type CaseCardItem = CaseSummary & { resolvedAt?: string; closedAt?: string; reworkCount?: number };

const OPEN = ['pending', 'assigned', 'processing', 'escalated'];

/** One case in a list; tapping it opens the detail. */
export function CaseCard({ item, now }: { item: CaseCardItem; /** The clock for the countdown. @default new Date() */ now?: Date }) {
  const clock = clockLine(item, now ?? new Date());
  return (
    <Card
      className="case-card"
      testId="case-card"
      caseId={item.id}
      onClick={() => void Taro.navigateTo({ url: ROUTES.caseDetail(item.id) })}
    >
      <View className="case-card__head">
        <Text className="case-card__category">{item.categoryName}</Text>
        <StatusTag status={item.status} statusName={item.statusName} />
      </View>
      {item.no ? (
        <View className="case-card__no" data-testid="case-no">
          编号 {item.no}
        </View>
      ) : null}
      <View className="case-card__desc">{excerpt(item.description, 44)}</View>
      {clock ? (
        <View className={`case-card__clock case-card__clock--${clock.tone}`} data-testid="case-card-clock">
          <Icon name={clock.icon} tone={CLOCK_TONE[clock.tone]} />
          {clock.text}
        </View>
      ) : null}
      <View className="case-card__meta">
        <View className="case-card__place">
          <Icon name="map-pin" tone="muted" />
          {item.placeName}
        </View>
      </View>
      <View className="case-card__meta">
        <Text>{formatTime(item.createdAt)} 提交</Text>
        {item.holder ? (
          <Text className="case-card__holder">
            {item.holder.roleName} {item.holder.name}
          </Text>
        ) : null}
      </View>
    </Card>
  );
}

/** The line that matters most for the status: time left, please rate, or how long it took. */
type ClockTone = 'calm' | 'urgent' | 'rate' | 'done';

/** Each clock line's icon is drawn in the colour of its text (index.scss). */
const CLOCK_TONE = { calm: 'info', urgent: 'danger', rate: 'caution', done: 'ok' } as const satisfies Record<ClockTone, IconTone>;

function clockLine(
  item: CaseCardItem,
  now: Date,
): { icon: 'triangle-alert' | 'timer' | 'star' | 'circle-check'; text: string; tone: ClockTone } | undefined {
  if (OPEN.includes(item.status)) {
    const rework = (item.reworkCount ?? 0) > 0 ? ' · 回炉整改' : '';
    if (item.clocks) {
      const t = caseTime(item.clocks, now);
      if (!t.text) return undefined;
      const urgent = t.late || (t.running !== undefined && t.running.leftMs < 6 * 3_600_000);
      return { icon: t.everLate ? 'triangle-alert' : 'timer', text: `${t.text}${rework}`, tone: urgent ? 'urgent' : 'calm' };
    }
    const left = timeLeft(item.dueAt, now);
    if (!left) return undefined;
    return { icon: left.overdue ? 'triangle-alert' : 'timer', text: `${left.text}${rework}`, tone: left.urgent ? 'urgent' : 'calm' };
  }
  if (item.status === 'resolved') return { icon: 'star', text: '已办好，请您评价', tone: 'rate' };
  if (item.status === 'closed') {
    const taken = timeTaken(item.createdAt, item.resolvedAt ?? item.closedAt);
    return taken ? { icon: 'circle-check', text: taken, tone: 'done' } : undefined;
  }
  return undefined;
}
