import { useEffect } from 'react';
import { View } from '@tarojs/components';
import { ErrorLine } from '../../components/notice';
import { StaffChips, StaffNote, StaffTag } from '../../components/staff-ui';
import { rectificationApi, type RoutingHints } from '../../services/rectification-api';
import { useRemote, type Remote } from '../../utils/use-remote';
import type { CommunityRef } from './shared';

/** 退单 of one community in the last 90 days (backend/functions/admin/returns.ts), for the routing list. */
export function useReturnCounts(communityId: string | undefined): Remote<RoutingHints> {
  const r = useRemote(() => rectificationApi.routingHints(communityId), false);
  useEffect(() => {
    if (communityId) void r.reload();
  }, [communityId]);
  return r;
}

/**
 * Above the categories: whose 退单 the counts are (a street admin picks the community), and the
 * categories returned again and again, which may go to the wrong role in that community.
 */
export function ReturnSummary({
  returns,
  communities,
  communityId,
  onCommunity,
}: {
  returns: Remote<RoutingHints>;
  communities: readonly CommunityRef[];
  communityId: string | undefined;
  onCommunity: (id: string) => void;
}) {
  const r = returns.data?.communityId === communityId ? returns.data : undefined;
  return (
    <View data-testid="return-summary">
      {communities.length > 1 ? (
        <StaffChips
          options={communities.map((c) => ({ value: c.id, label: c.name }))}
          value={communityId}
          onChange={onCommunity}
          testId="return-community"
          scroll
        />
      ) : null}
      <ErrorLine message={returns.error} onRetry={() => void returns.reload()} testId="return-error" />
      {r ? (
        r.hints.length ? (
          <StaffNote tone="red" testId="return-hints">
            {r.communityName}近{r.days}天有类别被反复退单（{r.hintMin}次及以上），建议调整分派角色：
            {r.hints.map((h) => `「${h.categoryName}」${h.count}次`).join('、')}
          </StaffNote>
        ) : (
          <StaffNote testId="return-hints">
            {r.communityName}近{r.days}天共退单{r.total}次{r.total ? '，没有类别反复被退单' : ''}。
          </StaffNote>
        )
      ) : null}
    </View>
  );
}

/** On a category's row: its 退单 count, and the hint when it repeats. */
export function CategoryReturns({ returns, categoryId }: { returns: RoutingHints | undefined; categoryId: string }) {
  const count = returns?.byCategory.find((c) => c.categoryId === categoryId)?.count ?? 0;
  if (!returns || count === 0) return null;
  const repeated = count >= returns.hintMin;
  return (
    <View data-testid="category-returns">
      <StaffTag tone={repeated ? 'red' : 'grey'}>
        近{returns.days}天退单{count}次
      </StaffTag>
      {repeated ? (
        <View className="config__hint" data-testid="category-return-hint">
          近{returns.days}天该类诉求被退单{count}次，建议调整分派角色
        </View>
      ) : null}
    </View>
  );
}
