import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { EmptyState, ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { StaffTag } from '../../components/staff-ui';
import { surveyApi, type SurveyResultsView } from '../../services/survey-api';
import { useKeyedRemote } from '../../utils/board-remote';
import { formatRate } from '../../utils/board-format';
import { quarterLabel } from '../../utils/survey-plan';
import './index.scss';

type QuestionResult = SurveyResultsView['community'][number];

/** The figure a survey is known by: its question about the community's work, or its first rating question. */
function overall(s: SurveyResultsView): QuestionResult | undefined {
  const about = s.questions.find((q) => q.kind === 'rating' && q.subject === 'community');
  return s.community.find((r) => r.questionId === about?.id) ?? s.community[0];
}

/** A grid's figure: its question about the grid's five-role group, or the first rating question. */
function gridFigure(s: SurveyResultsView, results: QuestionResult[]): QuestionResult | undefined {
  const about = s.questions.find((q) => q.kind === 'rating' && q.subject === 'grid');
  return results.find((r) => r.questionId === about?.id) ?? results[0];
}

/**
 * 满意度测评 on the 公示栏: each community's quarterly survey with its overall satisfaction over the
 * number of residents who took part, every rating question, each grid, and the suggestions the
 * community approved (masked). No login; never a respondent, never an unapproved word.
 */
export default function SurveyBoardPage() {
  const communityId = useRouter().params.communityId || undefined;
  const data = useKeyedRemote(() => surveyApi.board(communityId), `survey|${communityId ?? ''}`);
  usePullDownRefresh(() => {
    void data.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const items = data.data?.items ?? [];

  return (
    <PageShell className="survey-board" testId="page-board-survey" requireIdentity={false}>
      <ErrorLine message={data.error} onRetry={() => void data.reload()} />
      {data.loading && !data.data ? <Loading /> : null}
      {data.data && items.length === 0 ? <EmptyState title="还没有开展满意度测评">社区每季度开展一次群众满意度测评</EmptyState> : null}
      {items.map((s) => (
        <SurveyCard key={s.id} survey={s} />
      ))}
    </PageShell>
  );
}

function SurveyCard({ survey: s }: { survey: SurveyResultsView }) {
  const head = overall(s);
  return (
    <View className="card" data-testid="board-survey" data-community={s.communityId}>
      <View className="survey-board__head">
        {s.communityName} {quarterLabel(s.quarter)} <StaffTag tone={s.state === 'open' ? 'green' : 'grey'}>{s.stateName}</StaffTag>
      </View>
      <View className="survey-board__meta">{`${s.opensOn} 至 ${s.closesOn}${s.state === 'open' ? '（实时结果）' : ''}`}</View>
      <View className="survey-board__figure" data-testid="board-survey-overall">
        <View className="survey-board__rate">{formatRate(head?.satisfactionRate)}</View>
        <View className="survey-board__meta">{`满意率 · ${s.responses} 人参与`}</View>
      </View>
      <SectionTitle>各题结果</SectionTitle>
      {s.community.map((r) => (
        <View key={r.questionId} className="survey-board__line" data-testid="board-survey-question">
          <View>{r.text}</View>
          <View className="survey-board__meta">
            {`满意率 ${formatRate(r.satisfactionRate)}（${r.responses} 人作答：满意 ${r.counts.satisfied}，基本满意 ${r.counts.basically_satisfied}，不满意 ${r.counts.unsatisfied}）`}
          </View>
        </View>
      ))}
      {s.grids.length ? <SectionTitle>各网格</SectionTitle> : null}
      {s.grids.map((g) => {
        const f = gridFigure(s, g.results);
        return (
          <View key={g.gridId} className="survey-board__line" data-testid="board-survey-grid">
            <View>{g.gridName}</View>
            <View className="survey-board__meta">
              {g.responses > 0 ? `满意率 ${formatRate(f?.satisfactionRate)} · ${g.responses} 人参与` : '暂无居民参与'}
            </View>
          </View>
        );
      })}
      <SectionTitle>居民意见建议（{s.approvedSuggestions.length}）</SectionTitle>
      {s.approvedSuggestions.length === 0 ? <View className="survey-board__meta">暂无公开的意见建议</View> : null}
      {s.approvedSuggestions.map((x, i) => (
        <View key={`${x.questionId}:${i}`} className="survey-board__suggestion" data-testid="board-survey-suggestion">
          {x.text}
        </View>
      ))}
      <View className="survey-board__meta">意见建议经社区审核、遮盖个人信息后公开。</View>
    </View>
  );
}
