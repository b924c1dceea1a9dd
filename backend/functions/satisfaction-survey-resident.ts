/** The 满意度测评 for residents (in `resident`): the open surveys of their community and the answer (see satisfaction-survey.ts). */
import * as z from 'zod';
import { fail, ok } from '../../core/errors';
import { RATINGS } from '../../core/model';
import { MAX_SUGGESTION, checkAnswer, surveyState, type SurveyAnswer } from '../../core/satisfaction-survey';
import { localDateOf } from '../../core/working-days';
import { boundPlace, communitiesOf } from '../services/residence';
import { text } from '../validation';
import { action } from './define';
import { NOT_FOUND, answerId, newestFirst } from './satisfaction-survey';

// ——— resident ———

export const surveyResidentActions = {
  /** The surveys of the resident's community open now, with whether they answered. */
  mySurveys: action({
    auth: 'user',
    input: z.strictObject(boundPlace),
    run: async (input, call) => {
      const mine = await communitiesOf(call.deps.store, call.dir, call.actor.openid, input);
      if (!mine.ok) return mine;
      const today = localDateOf(call.now);
      const surveys = (await Promise.all([...mine.value.keys()].map((c) => call.deps.store.listRef('surveys', { communityId: c }))))
        .flat()
        .filter((s) => surveyState(s, today) === 'open')
        .sort(newestFirst);
      const answered = await Promise.all(surveys.map((s) => call.deps.store.getRef('surveyAnswers', answerId(s.id, call.actor.openid))));
      return ok({
        items: surveys.map((s, i) => ({
          id: s.id,
          communityName: call.dir.communities.get(s.communityId)?.name ?? '',
          quarter: s.quarter,
          opensOn: s.opensOn,
          closesOn: s.closesOn,
          questions: s.questions,
          answered: answered[i] !== undefined,
        })),
      });
    },
  }),

  /** One answer per survey and person (a quarter per community), never changed. */
  answerSurvey: action({
    auth: 'user',
    input: z.strictObject({
      surveyId: z.string().min(1).max(80),
      ratings: z.record(z.string().max(20), z.enum(RATINGS)),
      texts: z.record(z.string().max(20), text(MAX_SUGGESTION)).optional(),
      ...boundPlace,
    }),
    run: async (input, call) => {
      const s = await call.deps.store.getRef('surveys', input.surveyId);
      if (!s) return fail('SURVEY.NOT_FOUND', NOT_FOUND);
      const mine = await communitiesOf(call.deps.store, call.dir, call.actor.openid, input);
      if (!mine.ok) return mine;
      const gridId = mine.value.get(s.communityId);
      const texts = Object.fromEntries(Object.entries(input.texts ?? {}).flatMap(([k, v]) => (v.trim() ? [[k, v.trim()]] : [])));
      const id = answerId(s.id, call.actor.openid);
      const allowed = checkAnswer(
        s,
        { ratings: input.ratings, texts },
        { today: localDateOf(call.now), residentOf: gridId !== undefined, answered: false },
      );
      if (!allowed.ok) return allowed;
      const answer: SurveyAnswer = {
        id,
        surveyId: s.id,
        communityId: s.communityId,
        gridId: gridId!,
        quarter: s.quarter,
        openid: call.actor.openid,
        ratings: input.ratings,
        texts,
        at: call.now.toISOString(),
      };
      if (!(await call.deps.store.createRef('surveyAnswers', answer)))
        return fail('SURVEY.ANSWERED', '您本季度已参加过测评，每季度只能参加一次');
      return ok({ surveyId: s.id, answered: true });
    },
  }),
};
