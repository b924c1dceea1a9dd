import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { LabelledTextarea } from '../../components/labelled-field';
import { EmptyState, ErrorLine, SectionTitle } from '../../components/notice';
import { StaffChips, StaffNote, StaffTag } from '../../components/staff-ui';
import { SubmitButton } from '../../components/submit-button';
import { useSubmit } from '../../hooks/use-submit';
import { surveyApi, type StaffSuggestion, type StaffSurvey } from '../../services/survey-api';
import { formatRate } from '../../utils/board-format';
import { chinaDate } from '../../utils/staff-case-filter';
import { SURVEY_LENGTHS, quarterLabel, quarterOfDay, surveyPlan, type SurveyLength } from '../../utils/survey-plan';
import { KeepReasonForm, type KeepDecision } from './keep-reason';

type QuestionResult = StaffSurvey['community'][number];

/** 「满意率 50.0%（2 人作答：满意 1，基本满意 0，不满意 1）」: one string, one text node in the weapp. */
export const rateLine = (r: QuestionResult): string =>
  `满意率 ${formatRate(r.satisfactionRate)}（${r.responses} 人作答：满意 ${r.counts.satisfied}，基本满意 ${r.counts.basically_satisfied}，不满意 ${r.counts.unsatisfied}）`;

/** One line per rating question: the rate over its responses, and the counts behind it. */
export function RateLines({ results, testId }: { results: QuestionResult[]; testId: string }) {
  return (
    <View>
      {results.map((r) => (
        <View key={r.questionId} className="survey-admin__rate" data-testid={testId}>
          <View>{r.text}</View>
          <View className="survey-admin__meta">{rateLine(r)}</View>
        </View>
      ))}
    </View>
  );
}

/** For each community the admin keeps: this quarter's survey, or the form to open it (once a quarter). */
export function OpenSurvey({
  communities,
  surveys,
  onOpened,
}: {
  communities: { id: string; name: string }[];
  surveys: StaffSurvey[];
  onOpened: () => void;
}) {
  const today = chinaDate(new Date());
  const quarter = quarterOfDay(today);
  return (
    <View>
      <SectionTitle>{quarterLabel(quarter)}</SectionTitle>
      {communities.map((c) => {
        const current = surveys.find((s) => s.communityId === c.id && s.quarter === quarter);
        return current ? (
          <View key={c.id} className="card" data-testid={`survey-current-${c.id}`}>
            <View className="survey-admin__title">
              {c.name} <StaffTag tone={current.state === 'open' ? 'green' : 'grey'}>{current.stateName}</StaffTag>
            </View>
            <View className="survey-admin__meta">{`${current.opensOn} 至 ${current.closesOn} · ${current.responses} 人参与`}</View>
          </View>
        ) : (
          <OpenForm key={c.id} community={c} today={today} onOpened={onOpened} />
        );
      })}
    </View>
  );
}

function OpenForm({ community, today, onOpened }: { community: { id: string; name: string }; today: string; onOpened: () => void }) {
  const [length, setLength] = useState<SurveyLength>('14');
  const opening = useSubmit();
  const plan = surveyPlan(today, length);

  const open = () =>
    opening.run(() => surveyApi.open({ communityId: community.id, ...plan }), {
      done: () => {
        Taro.showToast({ title: '测评已开展', icon: 'none' });
        onOpened();
      },
    });

  return (
    <View className="card" data-testid={`survey-open-form-${community.id}`}>
      <View className="survey-admin__title">{community.name}：本季度尚未开展测评</View>
      <View className="survey-admin__meta">测评时长（从今天开始）</View>
      <StaffChips options={SURVEY_LENGTHS} value={length} onChange={setLength} testId={`survey-length-${community.id}`} />
      <View className="survey-admin__meta" data-testid="survey-plan">
        {`${plan.opensOn} 至 ${plan.closesOn}，每位居民本季度只能参加一次，开展后不能撤回`}
      </View>
      <SubmitButton
        submit={opening}
        onClick={() => void open()}
        busyText="正在开展…"
        testId={`survey-open-${community.id}`}
        errorTestId="survey-open-error"
      >
        开展本季度测评
      </SubmitButton>
    </View>
  );
}

/** Each survey's results for the community and per grid, every figure with its number of responses. */
export function SurveyResults({ surveys }: { surveys: StaffSurvey[] }) {
  return (
    <View>
      <SectionTitle>测评结果（{surveys.length} 次）</SectionTitle>
      {surveys.length === 0 ? <EmptyState title="还没有开展过满意度测评" /> : null}
      {surveys.map((s) => (
        <View key={s.id} className="card" data-testid="survey-result">
          <View className="survey-admin__title">
            {s.communityName} {quarterLabel(s.quarter)} <StaffTag tone={s.state === 'open' ? 'green' : 'grey'}>{s.stateName}</StaffTag>
          </View>
          <View className="survey-admin__meta" data-testid="survey-responses">
            {`${s.opensOn} 至 ${s.closesOn} · ${s.responses} 人参与`}
          </View>
          <RateLines results={s.community} testId="survey-community-rate" />
          {s.grids.map((g) => (
            <View key={g.gridId} className="survey-admin__grid" data-testid="survey-grid">
              <View className="survey-admin__title">{`${g.gridName} · ${g.responses} 人参与`}</View>
              <RateLines results={g.results} testId="survey-grid-rate" />
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}

type Filter = StaffSuggestion['state'];

/** The suggestions of every survey, waiting first: 公开 the masked text (or an edit of it), or keep it staff-only. */
export function SuggestionQueue({ surveys, onChanged }: { surveys: StaffSurvey[]; onChanged: () => void }) {
  const [filter, setFilter] = useState<Filter>('pending');
  const all = surveys.flatMap((s) => s.suggestions.map((x) => ({ ...x, survey: `${s.communityName} ${quarterLabel(s.quarter)}` })));
  const shown = all.filter((x) => x.state === filter);
  const count = (f: Filter) => all.filter((x) => x.state === f).length;
  return (
    <View>
      <StaffNote>居民的意见建议默认不公开。审核公开的内容已遮盖电话、证件、车牌、门牌和姓名，可修改后公开。</StaffNote>
      <StaffChips
        options={[
          { value: 'pending', label: '待审核', count: count('pending') },
          { value: 'approved', label: '已公开', count: count('approved') },
          { value: 'private', label: '不公开', count: count('private') },
        ]}
        value={filter}
        onChange={setFilter}
        testId="suggestion-filter"
      />
      {shown.length === 0 ? <EmptyState icon="circle-check" title={filter === 'pending' ? '没有待审核的意见建议' : '暂无'} /> : null}
      {shown.map((x) => (
        <SuggestionCard key={`${x.answerId}:${x.questionId}:${x.state}`} item={x} onChanged={onChanged} />
      ))}
    </View>
  );
}

function SuggestionCard({ item, onChanged }: { item: StaffSuggestion & { survey: string }; onChanged: () => void }) {
  const [editing, setEditing] = useState<string>();
  const [keeping, setKeeping] = useState(false);
  const deciding = useSubmit();
  const { busy } = deciding;

  const decide = (approve: boolean, text?: string, keep?: KeepDecision) =>
    deciding.run(
      () =>
        surveyApi.reviewSuggestion({
          answerId: item.answerId,
          questionId: item.questionId,
          approve,
          ...(text ? { text: text.trim() } : {}),
          ...(keep ?? {}),
        }),
      {
        problem: text !== undefined && !text.trim() ? '公开内容不能为空' : undefined,
        done: () => {
          Taro.showToast({ title: approve ? '已公开' : '已设为不公开', icon: 'none' });
          onChanged();
        },
      },
    );

  return (
    <View className="card" data-testid="suggestion" data-state={item.state}>
      <View className="survey-admin__title">
        {item.survey}{' '}
        <StaffTag tone={item.state === 'approved' ? 'green' : item.state === 'private' ? 'grey' : 'orange'}>{item.stateName}</StaffTag>
      </View>
      <View className="survey-admin__meta">
        {item.gridName} · {item.at.slice(0, 10)} · {item.questionText}
      </View>
      <View className="survey-admin__pair">
        <View className="survey-admin__col">
          <View className="survey-admin__meta">原文（不公开）</View>
          <View className="survey-admin__original" data-testid="suggestion-original">
            {item.original}
          </View>
        </View>
        <View className="survey-admin__col">
          <View className="survey-admin__meta">{item.state === 'approved' ? '公开内容' : '公开建议（已脱敏）'}</View>
          <View className="survey-admin__masked" data-testid="suggestion-masked">
            {item.suggested}
          </View>
        </View>
      </View>
      {item.keptReasonName ? (
        <View className="survey-admin__meta" data-testid="suggestion-kept-reason">
          {`不公开原因：${item.keptReasonName}`}
        </View>
      ) : null}
      {keeping ? (
        <KeepReasonForm busy={busy} onKeep={(k) => void decide(false, undefined, k)} onCancel={() => setKeeping(false)} />
      ) : editing !== undefined ? (
        <View>
          <LabelledTextarea
            label="公开内容"
            required
            value={editing}
            maxlength={300}
            counter
            onChange={setEditing}
            testId="suggestion-edit-text"
            instance={`${item.answerId}-${item.questionId}`}
          />
          <View className="survey-admin__row">
            <BigButton onClick={() => void decide(true, editing)} disabled={busy} testId="suggestion-confirm">
              确认公开
            </BigButton>
            <BigButton kind="plain" onClick={() => setEditing(undefined)}>
              取消
            </BigButton>
          </View>
        </View>
      ) : (
        <View className="survey-admin__row">
          {item.state !== 'approved' ? (
            <BigButton onClick={() => void decide(true)} disabled={busy} testId="suggestion-approve">
              按建议公开
            </BigButton>
          ) : null}
          <BigButton kind="secondary" onClick={() => setEditing(item.suggested)} disabled={busy} testId="suggestion-edit">
            修改后公开
          </BigButton>
          {item.state !== 'private' ? (
            <BigButton kind="plain" onClick={() => setKeeping(true)} disabled={busy} testId="suggestion-private">
              {item.state === 'approved' ? '撤回，不公开' : '不公开'}
            </BigButton>
          ) : null}
        </View>
      )}
      <ErrorLine message={deciding.error} testId="suggestion-error" />
    </View>
  );
}
