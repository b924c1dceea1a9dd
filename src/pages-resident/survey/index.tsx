import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Textarea, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { EmptyState, ErrorLine, Loading } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { StaffChips } from '../../components/staff-ui';
import { errorMessage } from '../../services/api-error';
import { surveyApi, type MySurvey, type SurveyRating } from '../../services/survey-api';
import { placeStore } from '../../state/place';
import { needsPersona, sessionStore } from '../../state/session';
import { useStore } from '../../state/use-store';
import { useRemote } from '../../utils/use-remote';
import './index.scss';
import { asField } from '../../utils/a11y';

const RATING_OPTIONS: { value: SurveyRating; label: string }[] = [
  { value: 'satisfied', label: '满意' },
  { value: 'basically_satisfied', label: '基本满意' },
  { value: 'unsatisfied', label: '不满意' },
];

/**
 * 满意度测评: the quarter's questionnaire of the resident's community, answered once. Suggestions
 * go to the community; the board shows them only once approved (masked).
 */
export default function SurveyPage() {
  const session = useStore(sessionStore);
  const place = useStore(placeStore);
  const bound = { gridId: place.gridId, buildingId: place.buildingId };
  const surveys = useRemote(() => surveyApi.mine(bound), !needsPersona(session));
  const items = surveys.data?.items ?? [];
  return (
    <PageShell className="survey" testId="page-survey">
      <ErrorLine message={surveys.error} onRetry={() => void surveys.reload()} />
      {surveys.loading && !surveys.data ? <Loading /> : null}
      {surveys.data && items.length === 0 ? (
        <EmptyState title="您所在社区暂时没有进行中的测评">
          {place.gridId ? '社区每季度开展一次满意度测评' : '请先在首页选择您住的社区和网格'}
        </EmptyState>
      ) : null}
      {items.map((s) => (
        <SurveyCard key={s.id} survey={s} bound={bound} onDone={() => void surveys.reload()} />
      ))}
    </PageShell>
  );
}

function SurveyCard({ survey, bound, onDone }: { survey: MySurvey; bound: { gridId?: string; buildingId?: string }; onDone: () => void }) {
  const [ratings, setRatings] = useState<Record<string, SurveyRating>>({});
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async () => {
    if (busy) return;
    const missing = survey.questions.find((q) => q.kind === 'rating' && !ratings[q.id]);
    if (missing) return setError(`请回答：${missing.text}`);
    setBusy(true);
    setError(undefined);
    try {
      await surveyApi.answer(survey.id, ratings, texts, bound);
      Taro.showToast({ title: '提交成功，谢谢参与', icon: 'none' });
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card" data-testid="survey-card">
      <View className="survey__head">
        {survey.communityName} {survey.quarter.replace('-Q', '年第')}季度满意度测评
      </View>
      <View className="survey__meta">
        {survey.opensOn} 至 {survey.closesOn}，每季度参加一次
      </View>
      {survey.answered ? (
        <View className="survey__question" data-testid="survey-answered">
          您本季度已参加测评，感谢您的意见
        </View>
      ) : (
        <>
          {survey.questions.map((q) => (
            <View key={q.id} data-testid={`survey-q-${q.id}`}>
              <View className="survey__question">{q.text}</View>
              {q.kind === 'rating' ? (
                <StaffChips
                  options={RATING_OPTIONS}
                  value={ratings[q.id]}
                  onChange={(v) => setRatings({ ...ratings, [q.id]: v })}
                  testId={`survey-${q.id}`}
                />
              ) : (
                <Textarea
                  className="staff-form__textarea survey__input"
                  value={texts[q.id] ?? ''}
                  maxlength={300}
                  placeholder={q.required ? '请填写' : '选填'}
                  onInput={(e) => setTexts({ ...texts, [q.id]: e.detail.value })}
                  data-testid={`survey-text-${q.id}`}
                  {...asField({ name: q.text, required: q.required })}
                />
              )}
            </View>
          ))}
          <ErrorLine message={error} testId="survey-error" />
          <BigButton onClick={() => void submit()} disabled={busy} testId="survey-submit">
            {busy ? '正在提交…' : '提交测评'}
          </BigButton>
        </>
      )}
    </View>
  );
}
