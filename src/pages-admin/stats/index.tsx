import { useEffect, useMemo, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { StaffChips, StaffNote, StaffTag, StaffTile, StaffTiles } from '../../components/staff-ui';
import { adminApi, type GroupBy, type LedgerKind, type StatsUnit } from '../../services/admin-api';
import { errorMessage } from '../../services/api-error';
import { useSignedIn, useStaffProfile } from '../../state/staff-profile';
import { accessOf } from '../../utils/staff-access';
import { openExport } from '../../utils/staff-export';
import { percent, periodLabel, recentPeriods, type PeriodKind } from '../../utils/staff-period';
import { useRemote } from '../../utils/use-remote';
import './index.scss';
import { Icon } from '../../components/icon';
import { ByChannel } from './by-channel';
import { asButton } from '../../utils/a11y';

const LEDGERS: ReadonlyArray<{ kind: LedgerKind; label: string; hint: string }> = [
  { kind: 'cases', label: '诉求台账', hint: '本期全部诉求' },
  { kind: 'disputes', label: '矛盾纠纷台账', hint: '红黄绿分级，回访提醒' },
  { kind: 'hazards', label: '隐患台账', hint: '红橙蓝分级' },
  { kind: 'assessment', label: '考核表', hint: '按当前分组' },
];

/** 考核: the rates of a month or a quarter per member, grid or community; rankings; 80% flag; ledgers. */
export default function StatsPage() {
  const router = useRouter();
  const access = accessOf(useStaffProfile().profile);
  const [kind, setKind] = useState<PeriodKind>('month');
  const periods = useMemo(() => recentPeriods(new Date(), kind, 4), [kind]);
  const [period, setPeriod] = useState(periods[0]!);
  const [groupBy, setGroupBy] = useState<GroupBy>(
    (['member', 'grid', 'community'] as const).find((g) => g === router.params.groupBy) ?? 'grid',
  );
  const stats = useRemote(() => adminApi.stats({ period, groupBy }), false);
  const [exporting, setExporting] = useState<LedgerKind>();
  const [exportNote, setExportNote] = useState<string>();
  const [exportError, setExportError] = useState<string>();

  useEffect(() => setPeriod(periods[0]!), [periods]);
  const signedIn = useSignedIn();
  useEffect(() => {
    if (signedIn) void stats.reload();
  }, [period, groupBy, signedIn]);

  const groups: { value: GroupBy; label: string }[] = [
    { value: 'member', label: '按成员' },
    { value: 'grid', label: '按网格' },
    ...(access.streetAdmin ? [{ value: 'community' as const, label: '按社区' }] : []),
  ];

  const exportLedger = async (k: LedgerKind) => {
    if (exporting) return;
    setExporting(k);
    setExportError(undefined);
    setExportNote(undefined);
    try {
      const r = await adminApi.exportLedger({
        kind: k,
        period: k === 'disputes' || k === 'hazards' ? undefined : period,
        groupBy: k === 'assessment' ? groupBy : undefined,
      });
      setExportNote(`已导出「${r.sheetName}」${r.rowCount} 行：${r.fileName}`);
      await openExport(r);
    } catch (e) {
      setExportError(errorMessage(e));
    } finally {
      setExporting(undefined);
    }
  };

  const s = stats.data;
  const ranked = (s?.units ?? []).filter((u) => u.rank !== null);
  const unranked = (s?.units ?? []).filter((u) => u.rank === null);

  return (
    <PageShell className="stats" testId="page-stats">
      <StaffChips
        options={[
          { value: 'month', label: '月度' },
          { value: 'quarter', label: '季度' },
        ]}
        value={kind}
        onChange={setKind}
        testId="stats-kind"
        label="月度还是季度"
      />
      <StaffChips
        options={periods.map((p) => ({ value: p, label: periodLabel(p) }))}
        value={period}
        onChange={setPeriod}
        testId="stats-period"
        label="统计周期"
        scroll
      />
      <StaffChips options={groups} value={groupBy} onChange={setGroupBy} testId="stats-group" label="按什么排名" />
      <ErrorLine message={stats.error} onRetry={() => void stats.reload()} />
      {stats.loading && !s ? <Loading /> : null}
      {s ? (
        <View data-testid="stats-body">
          <View className="stats__scope">
            {s.scopeName} · {periodLabel(s.period)} · 共 {s.caseCount} 件
          </View>
          <StaffTiles>
            <StaffTile label="响应率" value={percent(s.total.metrics.responseRate)} />
            <StaffTile label="按时办结率" value={percent(s.total.metrics.onTimeRate)} />
            <StaffTile label="满意率" value={percent(s.total.metrics.satisfactionRate)} alert={s.total.flag.flagged} />
            <StaffTile label="解决率" value={percent(s.total.metrics.resolutionRate)} />
            <StaffTile label="综合得分" value={s.total.metrics.score ?? '—'} />
            <StaffTile label="超时" value={s.total.metrics.overdue} alert={s.total.metrics.overdue > 0} />
            <StaffTile label="走访完成率" value={percent(s.total.care.rate)} alert={s.total.care.overdue > 0} />
          </StaffTiles>
          <View className="stats__weights">
            综合得分权重：响应 {s.weights.response} / 按时办结 {s.weights.onTime} / 满意 {s.weights.satisfaction} / 走访 {s.careWeight}
          </View>
          <View className="stats__weights" data-testid="stats-care">
            {careLine(s.total.care)}
          </View>
          {s.flagApplies ? (
            s.flagged.length ? (
              <StaffNote tone="red" testId="stats-flagged">
                季度满意率低于80%，须回炉整改：{s.flagged.map((f) => f.name).join('、')}
              </StaffNote>
            ) : (
              <StaffNote tone="green" testId="stats-flagged">
                本季度各{s.groupName}满意率均未低于80%。
              </StaffNote>
            )
          ) : (
            <StaffNote>满意率低于80%回炉整改按季度判定，请切换到「季度」查看。</StaffNote>
          )}

          <View className="stats__honours">
            <View className="card stats__honour">
              <View className="stats__honour-title">
                <Icon name="thumbs-up" tone="ok" />
                通报表扬
              </View>
              {s.praise.length ? (
                s.praise.map((p) => <View key={p.id}>{`${p.rank}. ${p.name}（${p.score ?? '—'}分）`}</View>)
              ) : (
                <View className="stats__muted">暂无</View>
              )}
            </View>
            <View className="card stats__honour stats__honour--bad">
              <View className="stats__honour-title">
                <Icon name="triangle-alert" tone="danger" />
                通报批评
              </View>
              {s.criticism.length ? (
                s.criticism.map((p) => <View key={p.id}>{`${p.rank}. ${p.name}（${p.score ?? '—'}分）`}</View>)
              ) : (
                <View className="stats__muted">暂无</View>
              )}
            </View>
          </View>

          <ByChannel rows={s.byChannel} />

          <SectionTitle>排名（{s.groupName}）</SectionTitle>
          <View data-testid="stats-ranking">
            {ranked.map((u) => (
              <UnitRow key={u.id} u={u} flagApplies={s.flagApplies} />
            ))}
            {unranked.length ? <View className="stats__muted">不参与排名（案件少于5件）：</View> : null}
            {unranked.map((u) => (
              <UnitRow key={u.id} u={u} flagApplies={s.flagApplies} />
            ))}
          </View>
        </View>
      ) : null}

      <SectionTitle>导出台账（Excel）</SectionTitle>
      <ErrorLine message={exportError} testId="export-error" />
      {exportNote ? (
        <StaffNote tone="green" testId="export-note">
          {exportNote}
        </StaffNote>
      ) : null}
      <View className="stats__exports">
        {LEDGERS.map((l) => (
          <BigButton
            key={l.kind}
            kind="secondary"
            disabled={exporting !== undefined}
            onClick={() => void exportLedger(l.kind)}
            testId={`export-${l.kind}`}
          >
            <Text>{exporting === l.kind ? '正在导出…' : l.label}</Text>
            <Text className="stats__export-hint">{l.hint}</Text>
          </BigButton>
        ))}
      </View>
      {process.env.TARO_ENV === 'weapp' ? <View className="stats__muted">导出后在预览页右上角可转发或保存到电脑。</View> : null}
    </PageShell>
  );
}

function UnitRow({ u, flagApplies }: { u: StatsUnit; flagApplies: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <View className="card stats__unit" onClick={() => setOpen(!open)} data-testid="stats-unit">
      <View
        className="stats__unit-head"
        {...asButton(
          `${u.name}，${u.rank != null ? `第${u.rank}名` : '未排名'}，${u.score != null ? `${u.score}分` : '无得分'}，${open ? '收起明细' : '展开明细'}`,
        )}
      >
        <Text className="stats__rank">{u.rank ?? '—'}</Text>
        <Text className="stats__unit-name">{u.name}</Text>
        <Text className="stats__score">{u.score ?? '—'}</Text>
      </View>
      <View className="stats__unit-tags">
        {u.praised ? <StaffTag tone="green">表扬</StaffTag> : null}
        {u.criticised ? <StaffTag tone="red">批评</StaffTag> : null}
        {flagApplies && u.flag.flagged ? <StaffTag tone="red">满意率低于80% 回炉整改</StaffTag> : null}
        {u.care?.overdue ? <StaffTag tone="orange">{`走访逾期 ${u.care.overdue} 人`}</StaffTag> : null}
        <Text className="stats__muted">
          {u.metrics.received}件 · 满意率 {percent(u.metrics.satisfactionRate)} · 超时 {u.metrics.overdue}
        </Text>
      </View>
      {open ? (
        <View className="stats__rates">
          {u.rates.map((r) => (
            <View key={r}>{r}</View>
          ))}
          <View>{u.flag.label}</View>
          {u.care ? <View data-testid="stats-unit-care">{careLine(u.care)}</View> : null}
          {u.care?.rate != null && u.score !== u.metrics.score ? (
            <View>{`办件得分 ${u.metrics.score ?? '—'}，含走访 ${u.score ?? '—'}`}</View>
          ) : null}
          {u.note ? <View>{u.note}</View> : null}
        </View>
      ) : null}
    </View>
  );
}

/** '走访完成率 91.7%（已走访 11 / 应走访 12 人次，逾期 1 人）': a rate never without what it is out of. */
function careLine(c: { due: number; done: number; overdue: number; rate: number | null }): string {
  return `走访完成率 ${percent(c.rate)}（已走访 ${c.done} / 应走访 ${c.due} 人次${c.overdue ? `，逾期 ${c.overdue} 人` : ''}）`;
}
