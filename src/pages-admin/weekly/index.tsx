import { useEffect, useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { StaffTaskCard } from '../../components/staff-task-card';
import { StaffChips, StaffNote, StaffTile, StaffTiles } from '../../components/staff-ui';
import { adminApi } from '../../services/admin-api';
import { errorMessage } from '../../services/api-error';
import { addDays, chinaDate } from '../../utils/staff-case-filter';
import { openExport } from '../../utils/staff-export';
import { STAFF_ROUTES } from '../../utils/staff-routes';
import { useRemote } from '../../utils/use-remote';
import './index.scss';
import { useSignedIn } from '../../state/staff-profile';

const WEEKS = [
  { value: '1', label: '上周' },
  { value: '0', label: '本周' },
  { value: '2', label: '两周前' },
  { value: '3', label: '三周前' },
];
const ALL = '__all';

/** 周报: new, closed and late cases of a week, the frequent problems, hot spots and blind spots; exportable. */
export default function WeeklyPage() {
  const [weeksAgo, setWeeksAgo] = useState('1');
  const [communityId, setCommunityId] = useState<string>(ALL);
  const weekOf = useMemo(() => addDays(chinaDate(new Date()), -7 * Number(weeksAgo)), [weeksAgo]);
  const scope = communityId === ALL ? undefined : communityId;
  const report = useRemote(() => adminApi.weeklyReport(weekOf, scope), false);
  const signedIn = useSignedIn();
  const grids = useRemote(() => adminApi.listGrids(), signedIn);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string>();
  const [exportNote, setExportNote] = useState<string>();

  useEffect(() => {
    if (signedIn) void report.reload();
  }, [weekOf, scope, signedIn]);

  const communities = useMemo(() => {
    const m = new Map<string, string>();
    for (const g of grids.data?.items ?? []) m.set(g.communityId, g.communityName);
    return [...m.entries()].map(([value, label]) => ({ value, label }));
  }, [grids.data]);

  const exportIt = async () => {
    if (exporting) return;
    setExporting(true);
    setExportError(undefined);
    try {
      const r = await adminApi.exportWeeklyReport(weekOf, scope);
      setExportNote(`已导出 ${r.rowCount} 行：${r.fileName}`);
      await openExport(r);
    } catch (e) {
      setExportError(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  const r = report.data;
  const now = new Date();
  return (
    <PageShell className="weekly" testId="page-weekly">
      <StaffChips options={WEEKS} value={weeksAgo} onChange={setWeeksAgo} testId="weekly-week" />
      {communities.length > 1 ? (
        <StaffChips
          options={[{ value: ALL, label: '全街道' }, ...communities]}
          value={communityId}
          onChange={setCommunityId}
          testId="weekly-community"
          scroll
        />
      ) : null}
      <ErrorLine message={report.error} onRetry={() => void report.reload()} />
      {report.loading && !r ? <Loading /> : null}
      {r ? (
        <View data-testid="weekly-body">
          <View className="weekly__title">
            {r.scopeName} 治理周报
            <View className="weekly__range">
              {r.weekStart} 至 {r.weekEnd}
            </View>
          </View>
          <StaffTiles>
            <StaffTile label="新增" value={r.counts.new} />
            <StaffTile label="办结" value={r.counts.closed} />
            <StaffTile label="超时" value={r.counts.overdue} alert={r.counts.overdue > 0} />
          </StaffTiles>
          <View className="card weekly__summary" data-testid="weekly-summary">
            {r.summary.map((line) => (
              <View key={line} className="weekly__line">
                {line}
              </View>
            ))}
          </View>

          <SectionTitle>高频问题</SectionTitle>
          <View className="card">
            {r.topCategories.length ? (
              r.topCategories.map((t, i) => (
                <Bar key={t.categoryName} label={`${i + 1}. ${t.categoryName}`} count={t.count} max={r.topCategories[0]!.count} />
              ))
            ) : (
              <View className="weekly__muted">本周无新增诉求</View>
            )}
          </View>

          <SectionTitle>热点</SectionTitle>
          <View className="card">
            {r.hotSpots.gridCategories.map((h) => (
              <Bar
                key={`${h.gridId}-${h.categoryName}`}
                label={`${h.gridName}「${h.categoryName}」`}
                count={h.count}
                max={r.hotSpots.gridCategories[0]!.count}
              />
            ))}
            {r.hotSpots.gridCategories.length === 0 ? <View className="weekly__muted">暂无</View> : null}
          </View>

          <SectionTitle>盲点</SectionTitle>
          {r.blindSpots.noPatrol.length ? (
            <StaffNote tone="red">本周无巡查上报：{r.blindSpots.noPatrol.map((g) => g.gridName).join('、')}</StaffNote>
          ) : (
            <StaffNote tone="green">每个网格本周都有巡查上报。</StaffNote>
          )}
          {r.blindSpots.noCases.length ? (
            <StaffNote>本周无任何诉求（请核实是否漏报）：{r.blindSpots.noCases.map((g) => g.gridName).join('、')}</StaffNote>
          ) : null}

          {r.overdueCases.length ? (
            <View>
              <SectionTitle>超时诉求</SectionTitle>
              {r.overdueCases.map((c) => (
                <StaffTaskCard
                  key={c.id}
                  item={c}
                  now={now}
                  showHolder
                  onOpen={() => void Taro.navigateTo({ url: STAFF_ROUTES.adminCase(c.id) })}
                />
              ))}
            </View>
          ) : null}

          <ErrorLine message={exportError} testId="export-error" />
          {exportNote ? (
            <StaffNote tone="green" testId="export-note">
              {exportNote}
            </StaffNote>
          ) : null}
          <BigButton onClick={() => void exportIt()} disabled={exporting} testId="weekly-export">
            {exporting ? '正在导出…' : '导出周报（Excel）'}
          </BigButton>
        </View>
      ) : null}
    </PageShell>
  );
}

function Bar({ label, count, max }: { label: string; count: number; max: number }) {
  return (
    <View className="weekly__bar">
      <View className="weekly__bar-label">
        {label}
        <View className="weekly__bar-count">{count}件</View>
      </View>
      <View className="weekly__bar-track">
        <View className="weekly__bar-fill" style={{ width: `${Math.max(4, Math.round((count / Math.max(1, max)) * 100))}%` }} />
      </View>
    </View>
  );
}
