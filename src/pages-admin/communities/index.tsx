import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { ScrollView, Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { ErrorLine, Loading } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { StaffNote } from '../../components/staff-ui';
import { adminApi, type Dashboard, type StatsUnit } from '../../services/admin-api';
import { EMPTY_FILTER, filterToParams } from '../../utils/staff-case-filter';
import { percent, periodLabel, periodOf } from '../../utils/staff-period';
import { STAFF_ROUTES } from '../../utils/staff-routes';
import { useRemote } from '../../utils/use-remote';
import './index.scss';
import { useSignedIn } from '../../state/staff-profile';

interface Column {
  id: string;
  name: string;
  dash: Dashboard;
  unit?: StatsUnit;
}

interface Board {
  period: string;
  columns: Column[];
}

/** Every community's desk and this month's rates, side by side, in one request per community. */
const loadBoard = async (): Promise<Board> => {
  const period = periodOf(new Date(), 'month');
  const [grids, stats] = await Promise.all([adminApi.listGrids(), adminApi.stats({ period, groupBy: 'community' })]);
  const names = new Map<string, string>();
  for (const g of grids.items) names.set(g.communityId, g.communityName);
  const ids = [...names.keys()];
  const dashes = await Promise.all(ids.map((id) => adminApi.dashboard(id)));
  return {
    period,
    columns: ids.map((id, i) => ({ id, name: names.get(id)!, dash: dashes[i]!, unit: stats.units.find((u) => u.id === id) })),
  };
};

type Row = { label: string; value: (c: Column) => string | number; alert?: (c: Column) => boolean; filter?: Partial<typeof EMPTY_FILTER> };

const ROWS: Row[] = [
  { label: '今日新增', value: (c) => c.dash.counts.todayNew, filter: { status: 'all', date: 'today' } },
  { label: '待派单', value: (c) => c.dash.counts.pending, alert: (c) => c.dash.counts.pending > 0, filter: { status: 'pending' } },
  {
    label: '已超时',
    value: (c) => c.dash.counts.overdue,
    alert: (c) => c.dash.counts.overdue > 0,
    filter: { status: 'open', overdue: true },
  },
  { label: '吹哨中', value: (c) => c.dash.counts.escalated, filter: { status: 'escalated' } },
  { label: '回炉整改', value: (c) => c.dash.counts.lowRatings },
  { label: '督办', value: (c) => c.dash.counts.supervised },
  { label: '本月受理', value: (c) => c.unit?.metrics.received ?? 0 },
  { label: '响应率', value: (c) => percent(c.unit?.metrics.responseRate) },
  { label: '按时办结率', value: (c) => percent(c.unit?.metrics.onTimeRate) },
  { label: '满意率', value: (c) => percent(c.unit?.metrics.satisfactionRate), alert: (c) => Boolean(c.unit?.flag.flagged) },
  { label: '综合得分', value: (c) => c.unit?.metrics.score ?? '—' },
  { label: '本月排名', value: (c) => (c.unit?.rank ? `第${c.unit.rank}` : '—') },
];

export default function CommunitiesPage() {
  const board = useRemote(loadBoard, useSignedIn());
  usePullDownRefresh(() => {
    void board.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const b = board.data;
  const open = (communityId: string, f?: Partial<typeof EMPTY_FILTER>) =>
    void Taro.navigateTo({ url: STAFF_ROUTES.adminCases(filterToParams({ ...EMPTY_FILTER, ...(f ?? { status: 'open' }), communityId })) });

  return (
    <PageShell className="communities" testId="page-communities">
      <ErrorLine message={board.error} onRetry={() => void board.reload()} />
      {board.loading && !b ? <Loading /> : null}
      {b ? (
        <View>
          <StaffNote>点数字查看对应案件。考核数据为 {periodLabel(b.period)}，排名按综合得分。</StaffNote>
          <ScrollView scrollX className="communities__scroll">
            <View className="communities__table" data-testid="communities-table">
              <View className="communities__row communities__row--head">
                <View className="communities__cell communities__cell--label" />
                {b.columns.map((c) => (
                  <View
                    key={c.id}
                    className="communities__cell communities__cell--head"
                    onClick={() => open(c.id)}
                    data-testid="community-column"
                  >
                    {c.name}
                  </View>
                ))}
              </View>
              {ROWS.map((r) => (
                <View key={r.label} className="communities__row">
                  <View className="communities__cell communities__cell--label">{r.label}</View>
                  {b.columns.map((c) => (
                    <View
                      key={c.id}
                      className={`communities__cell ${r.alert?.(c) ? 'communities__cell--alert' : ''}`}
                      onClick={r.filter ? () => open(c.id, r.filter) : undefined}
                    >
                      <Text>{r.value(c)}</Text>
                    </View>
                  ))}
                </View>
              ))}
            </View>
          </ScrollView>
          <BigButton
            kind="secondary"
            onClick={() => void Taro.navigateTo({ url: STAFF_ROUTES.stats('community') })}
            testId="communities-ranking"
          >
            社区月度排名
          </BigButton>
          <BigButton kind="secondary" onClick={() => void Taro.navigateTo({ url: STAFF_ROUTES.stats('grid') })} testId="grids-ranking">
            网格月度排名
          </BigButton>
        </View>
      ) : null}
    </PageShell>
  );
}
