import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { LabelledInput } from '../../components/labelled-field';
import { SectionTitle } from '../../components/notice';
import { StaffChips, StaffNote, StaffTag } from '../../components/staff-ui';
import { SubmitButton } from '../../components/submit-button';
import { useSubmit } from '../../hooks/use-submit';
import { surveyApi } from '../../services/survey-api';
import {
  KIND_LABELS,
  MAX_QUESTIONS,
  SUBJECT_LABELS,
  addQuestion,
  moveQuestion,
  questionsProblem,
  removeQuestion,
  updateQuestion,
  type QuestionSubject,
  type SurveyQuestion,
} from '../../utils/survey-questions';

const SUBJECTS = (Object.keys(SUBJECT_LABELS) as QuestionSubject[]).map((s) => ({ value: s, label: SUBJECT_LABELS[s] }));
const REQUIRED = [
  { value: 'no', label: '选填' },
  { value: 'yes', label: '必填' },
] as const;

/**
 * The street's questionnaire: add, reorder, reword and remove questions. Surveys opened after a
 * save use it; a survey already open keeps the questions it opened with. Community admins read it.
 */
export function QuestionsEditor({ initial, editable, onSaved }: { initial: SurveyQuestion[]; editable: boolean; onSaved: () => void }) {
  const [questions, setQuestions] = useState<SurveyQuestion[]>(initial);
  const saving = useSubmit();
  const changed = JSON.stringify(questions) !== JSON.stringify(initial);

  const save = () => {
    return saving.run(() => surveyApi.saveQuestions(questions.map((q) => ({ ...q, text: q.text.trim() }))), {
      problem: questionsProblem(questions),
      done: () => {
        Taro.showToast({ title: '问卷已保存', icon: 'none' });
        onSaved();
      },
    });
  };

  if (!editable)
    return (
      <View className="card" data-testid="survey-questions">
        <SectionTitle>测评问卷（街道统一设置）</SectionTitle>
        {initial.map((q, i) => (
          <View key={q.id} className="survey-admin__question" data-testid="survey-question">
            <View className="survey-admin__title">
              {i + 1}. {q.text}
            </View>
            <View className="survey-admin__meta">
              {KIND_LABELS[q.kind]} · {q.kind === 'rating' ? SUBJECT_LABELS[q.subject] : q.required ? '必填' : '选填'}
            </View>
          </View>
        ))}
        <StaffNote>问卷由街道管理员设置，新开展的测评使用最新问卷。</StaffNote>
      </View>
    );

  const set = (i: number, change: Partial<SurveyQuestion>) => setQuestions(updateQuestion(questions, i, change));
  return (
    <View className="card" data-testid="survey-questions">
      <SectionTitle>测评问卷</SectionTitle>
      <StaffNote>修改后新开展的测评使用新问卷，已开展的测评不变。满意度题可以计入社区或网格的满意率，每种最多一题。</StaffNote>
      {questions.map((q, i) => (
        <View key={q.id} className="survey-admin__question" data-testid="survey-question">
          <View className="survey-admin__title">
            第{i + 1}题 <StaffTag tone={q.kind === 'rating' ? 'blue' : 'grey'}>{KIND_LABELS[q.kind]}</StaffTag>
          </View>
          <LabelledInput
            label="题目"
            required
            value={q.text}
            maxlength={60}
            placeholder="题目，如：您对小区环境卫生满意吗？"
            onChange={(text) => set(i, { text })}
            testId="survey-question-text"
            instance={q.id}
          />
          {q.kind === 'rating' ? (
            <StaffChips options={SUBJECTS} value={q.subject} onChange={(subject) => set(i, { subject })} testId={`survey-subject-${i}`} />
          ) : (
            <StaffChips
              options={REQUIRED}
              value={q.required ? 'yes' : 'no'}
              onChange={(v) => set(i, { required: v === 'yes' })}
              testId={`survey-required-${i}`}
            />
          )}
          <View className="survey-admin__row">
            <BigButton
              kind="plain"
              disabled={i === 0}
              onClick={() => setQuestions(moveQuestion(questions, i, -1))}
              testId="survey-question-up"
            >
              上移
            </BigButton>
            <BigButton
              kind="plain"
              disabled={i === questions.length - 1}
              onClick={() => setQuestions(moveQuestion(questions, i, 1))}
              testId="survey-question-down"
            >
              下移
            </BigButton>
            <BigButton kind="plain" onClick={() => setQuestions(removeQuestion(questions, i))} testId="survey-question-remove">
              删除
            </BigButton>
          </View>
        </View>
      ))}
      {questions.length < MAX_QUESTIONS ? (
        <View className="survey-admin__row">
          <BigButton kind="secondary" onClick={() => setQuestions(addQuestion(questions, 'rating'))} testId="survey-add-rating">
            ＋ 满意度题
          </BigButton>
          <BigButton kind="secondary" onClick={() => setQuestions(addQuestion(questions, 'text'))} testId="survey-add-text">
            ＋ 意见建议题
          </BigButton>
        </View>
      ) : null}
      <SubmitButton
        submit={saving}
        onClick={() => void save()}
        disabled={!changed}
        busyText="正在保存…"
        testId="survey-questions-save"
        errorTestId="survey-questions-error"
      >
        保存问卷
      </SubmitButton>
      {changed ? (
        <BigButton kind="plain" onClick={() => setQuestions(initial)} testId="survey-questions-reset">
          放弃修改
        </BigButton>
      ) : null}
    </View>
  );
}
