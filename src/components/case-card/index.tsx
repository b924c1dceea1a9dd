import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ROUTES } from '../../routes';
import type { CaseSummary } from '../../services/api-types';
import { excerpt, formatTime } from '../../utils/format';
import { StatusTag } from '../status-tag';
import './index.scss';

/** One case in a list; tapping it opens the detail. */
export function CaseCard({ item }: { item: CaseSummary }) {
  return (
    <View
      className="case-card"
      hoverClass="case-card--pressed"
      data-testid="case-card"
      data-case-id={item.id}
      onClick={() => void Taro.navigateTo({ url: ROUTES.caseDetail(item.id) })}
    >
      <View className="case-card__head">
        <Text className="case-card__category">{item.categoryName}</Text>
        <StatusTag status={item.status} statusName={item.statusName} />
      </View>
      <View className="case-card__desc">{excerpt(item.description, 44)}</View>
      <View className="case-card__meta">
        <Text className="case-card__place">📍 {item.placeName}</Text>
      </View>
      <View className="case-card__meta">
        <Text>{formatTime(item.createdAt)} 提交</Text>
        {item.holder ? (
          <Text className="case-card__holder">
            {item.holder.roleName} {item.holder.name}
          </Text>
        ) : null}
      </View>
    </View>
  );
}
