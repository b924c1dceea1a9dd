import Taro from '@tarojs/taro';
import { StaffTile } from '../../components/staff-ui';
import type { RectificationItem } from '../../services/rectification-api';
import { STAFF_ROUTES } from '../../utils/staff-routes';

/** 整改任务 on the management home while one is open: how many, and how many are past their deadline. */
export function RectifyTile({ items }: { items: readonly RectificationItem[] }) {
  const open = items.filter((t) => t.status === 'open');
  const late = open.filter((t) => t.late).length;
  return (
    <StaffTile
      label="整改任务"
      value={open.length}
      hint={late > 0 ? `${late}项已逾期` : '待提交整改报告'}
      alert
      unit="项"
      onClick={() => void Taro.navigateTo({ url: STAFF_ROUTES.rectify })}
      testId="tile-rectify"
    />
  );
}
