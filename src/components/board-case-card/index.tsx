import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { PublicCase } from '../../services/board-api';
import { BOARD_ROUTES } from '../../utils/board-case';
import { formatDuration } from '../../utils/board-format';
import { excerpt, formatTime } from '../../utils/format';
import { StatusTag } from '../status-tag';
import { caseTime } from '../../../core/case-time';
import './index.scss';
import { Icon } from '../icon';
import { Card } from '../card';

/** One public case in a list: what, where, who handled it and how long it took. */
export function BoardCaseCard({ item }: { item: PublicCase }) {
  const taken = formatDuration(item.takenMinutes);
  return (
    <Card
      className="board-case"
      testId="board-case-card"
      caseId={item.id}
      onClick={() => void Taro.navigateTo({ url: BOARD_ROUTES.caseDetail(item.id) })}
    >
      <View className="board-case__head">
        <Text className="board-case__category">{item.categoryName}</Text>
        <StatusTag status={item.status} statusName={item.statusName} />
      </View>
      {item.description ? (
        <View className="board-case__desc">{excerpt(item.description, 44)}</View>
      ) : (
        <View className="board-case__desc board-case__desc--pending" data-testid="board-case-pending">
          {item.descriptionState ?? '内容审核中'}
        </View>
      )}
      <View className="board-case__meta">
        <View>
          <Icon name="map-pin" tone="muted" />
          {item.placeName}
        </View>
        <Text>{formatTime(item.createdAt)}</Text>
      </View>
      <View className="board-case__meta">
        <Text className="board-case__holder">{item.holder ? `${item.holder.roleName} ${item.holder.name}` : '等待派单'}</Text>
        <Text className={taken ? 'board-case__taken' : item.overdue ? 'board-case__late' : ''}>{timeText(item, taken)}</Text>
      </View>
      {item.supportCount > 0 ? (
        <View className="board-case__support">
          <Icon name="thumbs-up" tone="primary" />
          {item.supportCount} 人附议
        </View>
      ) : null}
    </Card>
  );
}

/** 用时 36分钟 once resolved; while open, how long it has waited so far (and whether that is late). */
function timeText(item: PublicCase, taken: string): string {
  if (taken) return `用时 ${taken}`;
  const waited = formatDuration((Date.now() - Date.parse(item.createdAt)) / 60000);
  // The same words as every other view: which clock was missed, which runs and how long is left.
  const clocks = item.clocks ? caseTime(item.clocks, new Date()).text : '';
  if (clocks) return waited ? `${clocks} · 已过 ${waited}` : clocks;
  if (item.overdue) return waited ? `已超时 · 已过 ${waited}` : '已超时';
  return waited ? `已过 ${waited}` : '';
}
