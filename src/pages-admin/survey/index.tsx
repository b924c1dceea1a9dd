import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { ErrorLine, Loading } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { StaffChips, StaffNote } from '../../components/staff-ui';
import { surveyApi } from '../../services/survey-api';
import { useSignedIn } from '../../state/staff-profile';
import { useRemote } from '../../utils/use-remote';
import { QuestionsEditor } from './questions';
import { SurveyResults, SuggestionQueue, OpenSurvey } from './results';
import './index.scss';

type Tab = 'results' | 'review' | 'questions';

/**
 * 满意度测评 for admins: a community admin opens the quarter's survey (once) and sees its results
 * per community and grid with response counts; suggestions wait in a review queue (公开 after
 * masking, or kept staff-only); the street admin edits the questionnaire surveys open with.
 */
export default function SurveyAdminPage() {
  const communityId = useRouter().params.communityId || undefined;
  const signedIn = useSignedIn();
  const results = useRemote(() => surveyApi.results(communityId), signedIn);
  const questions = useRemote(() => surveyApi.questions(), signedIn);
  const [tab, setTab] = useState<Tab>('results');
  const items = results.data?.items ?? [];
  const pending = items.flatMap((s) => s.suggestions).filter((s) => s.state === 'pending').length;

  return (
    <PageShell className="survey-admin" testId="page-admin-survey">
      <StaffNote>社区每季度开展一次群众满意度测评，居民在首页作答，每季度一次；结果和审核通过的建议在公示栏公开。</StaffNote>
      <StaffChips
        options={[
          { value: 'results', label: '测评结果' },
          { value: 'review', label: '意见建议', count: pending },
          { value: 'questions', label: '测评问卷' },
        ]}
        value={tab}
        onChange={setTab}
        testId="survey-tab"
      />
      <ErrorLine message={results.error} onRetry={() => void results.reload()} />
      {results.loading && !results.data ? <Loading /> : null}
      {results.data && tab === 'results' ? (
        <View>
          <OpenSurvey communities={results.data.communities} surveys={items} onOpened={() => void results.reload()} />
          <SurveyResults surveys={items} />
        </View>
      ) : null}
      {results.data && tab === 'review' ? <SuggestionQueue surveys={items} onChanged={() => void results.reload()} /> : null}
      {tab === 'questions' ? (
        <View>
          <ErrorLine message={questions.error} onRetry={() => void questions.reload()} />
          {questions.data ? (
            <QuestionsEditor
              key={JSON.stringify(questions.data.questions)}
              initial={questions.data.questions}
              editable={questions.data.editable}
              onSaved={() => void questions.reload()}
            />
          ) : (
            <Loading />
          )}
        </View>
      ) : null}
    </PageShell>
  );
}
