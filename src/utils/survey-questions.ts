/**
 * The street's 满意度测评 questionnaire as the admin edits it: add, move, change and remove
 * questions, and the problem with a draft said in Chinese before a round trip. The server checks
 * it again with the core rule (`checkQuestions`); the test holds both to the same sentences. The
 * core module is not imported as a value: it would bring the metrics and zod into the subpackage.
 */
import type { QuestionSubject, SurveyQuestion } from '../../core/satisfaction-survey';
import { chars } from './staff-form';

/** As core/satisfaction-survey.ts MAX_QUESTIONS. */
export const MAX_QUESTIONS = 8;

export type { QuestionSubject, SurveyQuestion };

export const SUBJECT_LABELS: Record<QuestionSubject, string> = {
  community: '社区工作（计入社区满意率）',
  grid: '网格五员小组（计入网格满意率）',
  other: '其他（只统计，不计入满意率）',
};

export const KIND_LABELS: Record<SurveyQuestion['kind'], string> = { rating: '满意度题', text: '意见建议题' };

/** The first free id `q1`, `q2`, … (ids are stored with the answers, so existing ones never change). */
export function freeQuestionId(questions: readonly SurveyQuestion[]): string {
  const taken = new Set(questions.map((q) => q.id));
  for (let i = 1; ; i++) if (!taken.has(`q${i}`)) return `q${i}`;
}

/** A new, empty question at the end. */
export function addQuestion(questions: readonly SurveyQuestion[], kind: SurveyQuestion['kind']): SurveyQuestion[] {
  const id = freeQuestionId(questions);
  const q: SurveyQuestion = kind === 'rating' ? { id, kind, text: '', subject: 'other' } : { id, kind, text: '', required: false };
  return [...questions, q];
}

/** The question at `index` moved one place up (-1) or down (+1); unchanged at either end. */
export function moveQuestion(questions: readonly SurveyQuestion[], index: number, by: -1 | 1): SurveyQuestion[] {
  const to = index + by;
  if (index < 0 || index >= questions.length || to < 0 || to >= questions.length) return [...questions];
  const next = [...questions];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

export function removeQuestion(questions: readonly SurveyQuestion[], index: number): SurveyQuestion[] {
  return questions.filter((_, i) => i !== index);
}

export function updateQuestion(questions: readonly SurveyQuestion[], index: number, change: Partial<SurveyQuestion>): SurveyQuestion[] {
  return questions.map((q, i) => (i === index ? ({ ...q, ...change } as SurveyQuestion) : q));
}

/**
 * Letters, digits and Chinese characters: the server counts every Unicode letter; a `\p{L}` class
 * here would be spelt out by the ES5 build into some 15 KB of the subpackage.
 */
const meaningful = (s: string): number => (s.match(/[0-9A-Za-z\u3400-\u9fff]/g) ?? []).length;

/** What is wrong with a draft, in the words the admin sees; undefined when it may be saved. */
export function questionsProblem(questions: readonly SurveyQuestion[]): string | undefined {
  if (questions.length === 0) return '测评问卷至少要有一个问题';
  if (questions.length > MAX_QUESTIONS) return `测评问卷最多${MAX_QUESTIONS}个问题`;
  for (const [i, q] of questions.entries()) {
    const t = q.text.trim();
    if (!t) return `请填写第${i + 1}题的题目`;
    if (meaningful(t) < 4) return `第${i + 1}题的题目至少4个字`;
    if (chars(t) > 60) return `第${i + 1}题的题目最多60字`;
  }
  if (new Set(questions.map((q) => q.id)).size !== questions.length) return '问题编号不能重复';
  const about = (subject: QuestionSubject) => questions.filter((q) => q.kind === 'rating' && q.subject === subject).length;
  if (about('community') > 1) return '只能有一个针对社区工作的满意度问题';
  if (about('grid') > 1) return '只能有一个针对网格五员小组的满意度问题';
  if (!questions.some((q) => q.kind === 'rating')) return '测评问卷至少要有一个满意度问题';
  return undefined;
}
