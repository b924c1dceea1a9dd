import { useMemo, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { BoardCaseCard } from '../../components/board-case-card';
import { BoardRectifications } from '../../components/board-rectifications';
import { BarChart, ColumnChart, RateColumnChart } from '../../components/board-chart';
import { Chips, ScopePicker } from '../../components/board-scope';
import { CountTile, RateTile } from '../../components/board-stat';
import { EmptyState, ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { careApi } from '../../services/care-api';
import { meetingsApi } from '../../services/meetings-api';
import { boardApi, type BoardMetrics, type BoardScope, type BoardSummary, type RankedUnit } from '../../services/board-api';
import { BOARD_ROUTES, compareGridNames } from '../../utils/board-case';
import { describeMetricRate, describeWeights, formatRate, formatScore, numeratorOf, RATE_INFO, RATE_KEYS } from '../../utils/board-format';
import { isMonth, isQuarter, monthAxisLabels, periodLabel } from '../../utils/board-period';
import { useKeyedRemote } from '../../utils/board-remote';
import './index.scss';
import { Glyph, Icon } from '../../components/icon';

const PASS_MARK = 0.8;

/** 公示栏: what the street, a community or a grid did, for everyone to see. No login. */
export default function BoardPage() {
  const { params } = useRouter();
  const [scope, setScope] = useState<BoardScope>(() => ({
    communityId: params.communityId || undefined,
    gridId: params.communityId && params.gridId ? params.gridId : undefined,
  }));
  const [period, setPeriod] = useState<string>(() => {
    const p = params.period ?? '';
    return p === 'quarter' || isMonth(p) || isQuarter(p) ? p : 'month';
  });
  const [level, setLevel] = useState<'grid' | 'community'>('grid');
  const now = useMemo(() => new Date(), []);

  const scopeKey = `${scope.communityId ?? ''}|${scope.gridId ?? ''}`;
  // The figures first: they are what people open the board for.
  const summary = useKeyedRemote(() => boardApi.summary(scope, period), `${scopeKey}|${period}`);
  const places = useKeyedRemote(() => boardApi.listPlaces(), 'places');
  const rankLevel = scope.communityId ? 'grid' : level;
  const ranking = useKeyedRemote(
    () => boardApi.rankings(rankLevel, scope.communityId, period),
    `${rankLevel}|${scope.communityId ?? ''}|${period}`,
  );
  const latest = useKeyedRemote(() => boardApi.listCases({ ...scope, limit: 3 }), scopeKey);
  const care = useKeyedRemote(() => careApi.counts(scope), `care|${scopeKey}`);
  const meetings = useKeyedRemote(() => meetingsApi.counts(scope), `meetings|${scopeKey}`);

  usePullDownRefresh(() => {
    void Promise.all([summary.reload(), ranking.reload(), latest.reload()]).finally(() => Taro.stopPullDownRefresh());
  });
  useShareAppMessage(() => ({ title: '五员共治 · 公示栏', path: BOARD_ROUTES.board }));

  const communities = places.data?.communities ?? [];
  const s = summary.data;
  const fresh = summary.dataKey === `${scopeKey}|${period}`;

  return (
    <PageShell className="board" testId="page-board" requireIdentity={false}>
      <View className="board__hero">
        <View className="board__title">公示栏</View>
        <View className="board__scope-name" data-testid="board-scope-name">
          {s ? `${s.scope.name} · ${periodLabel(s.period)}` : '办了什么，大家都看得见'}
        </View>
      </View>

      {communities.length ? (
        <ScopePicker communities={communities} scope={scope} onScope={setScope} period={period} onPeriod={setPeriod} now={now} />
      ) : null}

      <ErrorLine message={summary.error} onRetry={() => void summary.reload()} testId="summary-error" />
      {summary.loading && !s ? <Loading text="正在读取数字…" /> : null}
      {s ? <Figures summary={s} stale={!fresh} /> : null}

      {care.data ? (
        <View className="card" data-testid="board-care">
          <SectionTitle>走访关爱</SectionTitle>
          <View className="board__figures">
            <CountTile label="本月走访（人次）" value={care.data.visitsThisMonth} testId="care-month" />
            <CountTile label="今年走访（人次）" value={care.data.visitsThisYear} testId="care-year" />
            <CountTile label="今年覆盖（人）" value={care.data.peopleCoveredThisYear} testId="care-covered" />
          </View>
          <View className="board__hint">烈属、孤寡老人、困境儿童、低保、特困、残障人士等群体，名单不公开。</View>
        </View>
      ) : null}

      {meetings.data ? (
        <View className="card" data-testid="board-meetings">
          <SectionTitle>院坝会 · 议事日</SectionTitle>
          <View className="board__figures">
            <CountTile label="本月会议" unit="场" value={meetings.data.meetingsThisMonth} testId="meetings-month" />
            <CountTile label="今年会议" unit="场" value={meetings.data.meetingsThisYear} testId="meetings-year" />
            <CountTile label="今年群众反映" unit="条" value={meetings.data.issuesThisYear} testId="meetings-issues" />
            <CountTile label="已办结" value={meetings.data.casesDoneThisYear} testId="meetings-done" />
          </View>
          <View className="board__hint">{`会上反映的问题登记为诉求 ${meetings.data.casesThisYear} 件，其中已办结 ${meetings.data.casesDoneThisYear} 件。`}</View>
        </View>
      ) : null}

      <View className="card" data-testid="board-projects">
        <SectionTitle>民生微实事</SectionTitle>
        <View className="board__hint">居民投票选出最需要的服务项目，立项、实施、完成全程公示。</View>
        <BigButton
          kind="secondary"
          onClick={() => void Taro.navigateTo({ url: BOARD_ROUTES.projects(scope.communityId) })}
          testId="open-projects"
        >
          查看投票结果和项目进度
        </BigButton>
      </View>

      <View className="card" data-testid="board-survey-entry">
        <SectionTitle>满意度测评</SectionTitle>
        <View className="board__hint">社区每季度开展群众满意度测评，结果和参与人数、审核后的意见建议在这里公开。</View>
        <BigButton
          kind="secondary"
          onClick={() => void Taro.navigateTo({ url: BOARD_ROUTES.survey(scope.communityId) })}
          testId="open-board-survey"
        >
          查看测评结果
        </BigButton>
      </View>

      {s ? (
        <>
          <SectionTitle>近6个月 受理与办结</SectionTitle>
          <View className="card">
            <ColumnChart
              testId="chart-trend"
              labels={monthAxisLabels(s.trend.map((t) => t.month))}
              series={[
                { name: '受理', tone: 'received', values: s.trend.map((t) => t.received) },
                { name: '办结', tone: 'closed', values: s.trend.map((t) => t.closed) },
              ]}
            />
          </View>

          <SectionTitle>近6个月 满意率</SectionTitle>
          <View className="card">
            <RateColumnChart
              testId="chart-satisfaction"
              labels={monthAxisLabels(s.trend.map((t) => t.month))}
              rates={s.trend.map((t) => t.satisfactionRate)}
              threshold={PASS_MARK}
              thresholdLabel="80% 达标线"
            />
            <View className="board__chart-note">满意率 = 满意和基本满意的件数 ÷ 居民已评价的件数；没有评价的月份不画柱子。</View>
          </View>

          <SectionTitle>各类诉求（{periodLabel(s.period)}）</SectionTitle>
          <View className="card">
            {s.byCategory.length ? (
              <BarChart
                testId="chart-category"
                totalName="受理"
                partName="其中已办结"
                rows={s.byCategory.map((c) => ({
                  key: c.categoryId,
                  label: c.categoryName,
                  total: c.received,
                  part: Math.min(c.closed, c.received),
                  caption: `受理 ${c.received} 件 · 办结 ${c.closed} 件`,
                }))}
              />
            ) : (
              <EmptyState icon="chart-column" title="这段时间没有诉求" />
            )}
          </View>
        </>
      ) : null}

      <Rankings
        ranking={ranking.data}
        error={ranking.error}
        loading={ranking.loading}
        onRetry={() => void ranking.reload()}
        showLevel={!scope.communityId}
        level={level}
        onLevel={setLevel}
        highlight={scope.gridId}
      />

      <BoardRectifications communityId={scope.communityId} period={period} />

      <SectionTitle>五员公示牌</SectionTitle>
      <View className="card board__rosters" data-testid="roster-links">
        <View className="board__hint">每个网格都有一个「五员共治小组」，点网格看看谁在为您服务。</View>
        {communities
          .filter((c) => !scope.communityId || c.id === scope.communityId)
          .flatMap((c) =>
            [...c.grids]
              .sort((a, b) => compareGridNames(a.name, b.name))
              .filter((g) => !scope.gridId || g.id === scope.gridId)
              .map((g) => (
                <View
                  key={g.id}
                  className="board__roster-link"
                  hoverClass="board__roster-link--pressed"
                  data-testid={`roster-link-${g.id}`}
                  onClick={() => void Taro.navigateTo({ url: BOARD_ROUTES.roster(g.id) })}
                >
                  <Text>
                    {c.name} {g.name}
                  </Text>
                  <Glyph className="board__chevron">›</Glyph>
                </View>
              )),
          )}
        {places.loading && !places.data ? <Loading /> : null}
        <ErrorLine message={places.error} onRetry={() => void places.reload()} testId="places-error" />
      </View>

      <SectionTitle>最新公开的诉求</SectionTitle>
      <ErrorLine message={latest.error} onRetry={() => void latest.reload()} testId="latest-error" />
      {latest.loading && !latest.data ? <Loading /> : null}
      {latest.data && latest.data.items.length === 0 ? <EmptyState icon="inbox" title="还没有公开的诉求" /> : null}
      <View data-testid="latest-cases">
        {(latest.data?.items ?? []).map((c) => (
          <BoardCaseCard key={c.id} item={c} />
        ))}
      </View>
      <BigButton kind="secondary" testId="all-cases" onClick={() => void Taro.navigateTo({ url: BOARD_ROUTES.cases(scope) })}>
        查看全部公开诉求
      </BigButton>
      <View className="board__footer">
        <View>文字和照片经社区审核、隐去姓名和门牌号后才公开。数字随每件诉求的办理实时更新。</View>
        {s ? <View>综合得分的权重：{describeWeights(s.weights)}。</View> : null}
      </View>
    </PageShell>
  );
}

/** The counts, the four rates, the combined score and the quarter's verdict. */
function Figures({ summary, stale }: { summary: BoardSummary; stale: boolean }) {
  const m = summary.metrics;
  const q = summary.quarterFlag;
  return (
    <View className={`board__figures ${stale ? 'board__figures--stale' : ''}`} data-testid="board-figures" data-period={summary.period}>
      <View className="board-stats">
        <CountTile label="受理" value={m.received} testId="figure-received" />
        <CountTile label="办理中" value={m.open} note="含待居民评价" testId="figure-open" />
        <CountTile label="已办结" value={m.closed} testId="figure-closed" />
        <CountTile label="超时" value={m.overdue} tone="alert" testId="figure-overdue" />
      </View>
      <View className="board__tap-hint">点按下面的比率，查看它是按多少件算的</View>
      <View className="board-stats">
        {RATE_KEYS.map((key) => (
          <RateTile
            key={key}
            label={RATE_INFO[key].name}
            value={formatRate(m[key])}
            warn={key === 'satisfactionRate' && m[key] !== null && m[key]! < PASS_MARK}
            testId={`rate-${key}`}
            details={rateDetails(m, key)}
          />
        ))}
        <RateTile
          wide
          label="综合得分（满分100）"
          value={formatScore(m.score)}
          testId="rate-score"
          details={[
            `综合得分 ${formatScore(m.score)} 分`,
            `按权重合计：${describeWeights(summary.weights)}`,
            '某项比率暂无可算的件数时，不计入，其余权重按比例放大。',
          ]}
        />
      </View>
      <View
        className={`board__flag board__flag--${q.flagged ? 'bad' : q.rate === null ? 'none' : 'good'}`}
        data-testid="quarter-flag"
        data-flagged={q.flagged ? 'yes' : 'no'}
      >
        <View className="board__flag-title">
          {q.flagged ? <Icon name="triangle-alert" tone="warn" /> : q.rate === null ? '' : '✓ '}
          {periodLabel(q.quarter)}满意率{q.flagged ? '未达标' : q.rate === null ? '' : '达标'}
        </View>
        <View className="board__flag-text">{q.label}</View>
        <View className="board__flag-rule">季度满意率低于80%的，回炉整改。</View>
      </View>
    </View>
  );
}

function rateDetails(m: BoardMetrics, key: (typeof RATE_KEYS)[number]): string[] {
  const info = RATE_INFO[key];
  const n = numeratorOf(m, key);
  return [
    describeMetricRate(m, key),
    n === null ? `暂无${info.denominatorLabel}的诉求，不计算。` : `其中${info.numeratorLabel} ${n} 件。`,
    info.meaning,
  ];
}

interface RankingsProps {
  ranking?: { level: 'grid' | 'community'; period: string; units: RankedUnit[]; praised: RankedUnit[]; criticised: RankedUnit[] };
  error?: string;
  loading: boolean;
  onRetry: () => void;
  showLevel: boolean;
  level: 'grid' | 'community';
  onLevel: (level: 'grid' | 'community') => void;
  highlight?: string;
}

/** 排名: praise for the top (通报表扬), the bottom named (通报批评); units with too few cases are listed, not ranked. */
function Rankings({ ranking, error, loading, onRetry, showLevel, level, onLevel, highlight }: RankingsProps) {
  return (
    <>
      <SectionTitle>
        {ranking ? `${ranking.level === 'grid' ? '网格' : '社区'}排名（${periodLabel(ranking.period)}）` : '排名'}
      </SectionTitle>
      {showLevel ? (
        <View className="board__level">
          <Chips
            testId="rank-level"
            label="排名"
            value={level}
            items={[
              { value: 'grid', label: '网格排名' },
              { value: 'community', label: '社区排名' },
            ]}
            onChange={(v) => onLevel(v === 'community' ? 'community' : 'grid')}
          />
        </View>
      ) : null}
      <ErrorLine message={error} onRetry={onRetry} testId="ranking-error" />
      {loading && !ranking ? <Loading /> : null}
      {ranking ? (
        <View className="card" data-testid="rankings">
          {ranking.praised.length ? (
            <View className="board__verdict board__verdict--praise" data-testid="praised">
              <Icon name="medal" tone="ok" />
              通报表扬：{ranking.praised.map((u) => u.name).join('、')}
            </View>
          ) : null}
          {ranking.criticised.length ? (
            <View className="board__verdict board__verdict--criticise" data-testid="criticised">
              <Icon name="triangle-alert" tone="danger" />
              通报批评：{ranking.criticised.map((u) => u.name).join('、')}
            </View>
          ) : null}
          {ranking.units.map((u) => (
            <RankRow key={u.id} unit={u} highlight={u.id === highlight} />
          ))}
          <View className="board__chart-note">按综合得分排名，得分相同再比满意率、按时办结率、响应率。点按一行看详细比率。</View>
        </View>
      ) : null}
    </>
  );
}

function RankRow({ unit, highlight }: { unit: RankedUnit; highlight: boolean }) {
  const [open, setOpen] = useState(false);
  const m = unit.metrics;
  const classes = ['board-rank', highlight ? 'board-rank--mine' : '', unit.rank === null ? 'board-rank--unranked' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <View className={classes} data-testid="rank-row" data-unit-id={unit.id} onClick={() => setOpen(!open)}>
      <View className="board-rank__main">
        <Text
          className={`board-rank__no ${unit.praised ? 'board-rank__no--praise' : ''} ${unit.criticised ? 'board-rank__no--criticise' : ''}`}
        >
          {unit.rank ?? '—'}
        </Text>
        <View className="board-rank__body">
          <View className="board-rank__name">
            <Text>{unit.name}</Text>
            {unit.praised ? <Text className="board-rank__tag board-rank__tag--praise">通报表扬</Text> : null}
            {unit.criticised ? <Text className="board-rank__tag board-rank__tag--criticise">通报批评</Text> : null}
          </View>
          <View className="board-rank__sub">{unit.note ?? `受理 ${m.received} 件 · ${describeMetricRate(m, 'satisfactionRate')}`}</View>
        </View>
        <View className="board-rank__score">
          <Text className="board-rank__score-value" data-testid="rank-score">
            {formatScore(m.score)}
          </Text>
          <Text className="board-rank__score-unit">分</Text>
        </View>
      </View>
      {m.score !== null ? (
        <View className="board-rank__track">
          <View className="board-rank__bar" style={{ width: `${Math.max(0, Math.min(100, m.score))}%` }} />
        </View>
      ) : null}
      {open ? (
        <View className="board-rank__details">
          {RATE_KEYS.map((k) => (
            <View key={k}>{describeMetricRate(m, k)}</View>
          ))}
          <View>
            超时 {m.overdue} 件 · 回炉整改 {m.rework} 次
          </View>
        </View>
      ) : null}
    </View>
  );
}
