import { Text, View } from '@tarojs/components';
import { boardApi } from '../../services/board-api';
import { periodLabel } from '../../utils/board-period';
import { useKeyedRemote } from '../../utils/board-remote';
import { ErrorLine, SectionTitle } from '../notice';
import { StaffTag } from '../staff-ui';
import './index.scss';

/** How many tasks the board lists; the newest quarters first. */
const SHOWN = 10;

/**
 * 整改中 / 已整改 on the public board: each unit the 80 % rule sent back that was under way or
 * finished in the board's period, with the quarter judged and the deadline. The 整改报告 itself
 * stays with staff (the server never sends it here).
 */
export function BoardRectifications({ communityId, period }: { communityId?: string; period: string }) {
  const key = `rect|${communityId ?? ''}|${period}`;
  const list = useKeyedRemote(() => boardApi.rectifications(communityId, period), key);
  // Until the period's own list is in, the last one is not shown as if it were this period's.
  const fresh = list.dataKey === key ? list.data : undefined;
  const items = fresh?.items ?? [];
  return (
    <View className="card board-rect" data-testid="board-rectifications">
      <SectionTitle>满意率低于80% 回炉整改</SectionTitle>
      <View className="board-rect__hint">季度满意率低于80%（已评价不少于5件）的网格、社区和类别，须限期整改并提交整改报告。</View>
      <ErrorLine message={list.error} onRetry={() => void list.reload()} testId="board-rect-error" />
      {fresh && items.length === 0 ? (
        <View className="board-rect__hint" data-testid="board-rect-empty">
          {`${periodLabel(fresh.period)}没有整改中或已整改的单位。`}
        </View>
      ) : null}
      {items.slice(0, SHOWN).map((r) => (
        <View key={`${r.period}|${r.unitKindName}|${r.unitName}`} className="board-rect__row" data-testid="board-rect-row">
          <View className="board-rect__main">
            <Text className="board-rect__name">
              {r.unitKindName} · {r.unitName}
            </Text>
            <Text className="board-rect__meta">
              {periodLabel(r.period)} · 整改期限 {r.dueDate}
            </Text>
          </View>
          <StaffTag tone={r.statusName === '已整改' ? 'green' : 'orange'} pill testId="board-rect-status">
            {r.statusName}
          </StaffTag>
        </View>
      ))}
    </View>
  );
}
