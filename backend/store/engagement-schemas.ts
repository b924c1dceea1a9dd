/**
 * The stored shapes of 民生微实事 (rounds, ballots) and the 满意度测评 (surveys, answers), spread
 * into the reference shapes of `schemas.ts`. The field primitives are those of `schemas.ts`.
 */
import * as z from 'zod';
import { RATINGS } from '../../core/model';
import { DELIVERY_STAGES, type Ballot, type DeliveryStep, type MicroProject, type VoteRound } from '../../core/micro-projects';
import { QUESTION_SUBJECTS, type Survey, type SurveyAnswer } from '../../core/satisfaction-survey';
import { KEEP_REASONS } from '../../core/suggestion-keep';

type Shape<T> = Record<keyof T, z.ZodType>;
const str = z.string();
const nonEmpty = z.string().min(1);
const count = z.number().int().nonnegative();
const instant = z.iso.datetime({ offset: true });
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const engagementShapes = {
  voteRounds: {
    id: nonEmpty,
    streetId: nonEmpty,
    communityId: nonEmpty,
    title: str,
    opensOn: localDate,
    closesOn: localDate,
    votesPerPerson: count,
    projects: z.array(
      z.looseObject({
        id: nonEmpty,
        title: str,
        description: str,
        cost: z.number().nonnegative(),
        provider: str,
        photos: z.array(str),
        delivery: z.array(
          z.looseObject({
            stage: z.enum(DELIVERY_STAGES),
            on: localDate,
            note: str.optional(),
            photos: z.array(str),
          } satisfies Shape<DeliveryStep>),
        ),
      } satisfies Shape<MicroProject>),
    ),
    createdBy: str,
    createdAt: instant,
  } satisfies Shape<VoteRound>,
  ballots: {
    id: nonEmpty,
    roundId: nonEmpty,
    communityId: nonEmpty,
    openid: nonEmpty,
    projectIds: z.array(nonEmpty),
    gridId: nonEmpty,
    at: instant,
  } satisfies Shape<Ballot>,
  surveys: {
    id: nonEmpty,
    streetId: nonEmpty,
    communityId: nonEmpty,
    quarter: z.string().regex(/^\d{4}-Q[1-4]$/),
    opensOn: localDate,
    closesOn: localDate,
    questions: z.array(
      z.union([
        z.looseObject({ id: nonEmpty, kind: z.literal('rating'), text: str, subject: z.enum(QUESTION_SUBJECTS) }),
        z.looseObject({ id: nonEmpty, kind: z.literal('text'), text: str, required: z.boolean() }),
      ]),
    ),
    createdBy: str,
    createdAt: instant,
  } satisfies Shape<Survey>,
  surveyAnswers: {
    id: nonEmpty,
    surveyId: nonEmpty,
    communityId: nonEmpty,
    gridId: nonEmpty,
    quarter: z.string().regex(/^\d{4}-Q[1-4]$/),
    openid: nonEmpty,
    ratings: z.record(z.string(), z.enum(RATINGS)),
    texts: z.record(z.string(), str),
    approved: z.record(z.string(), str).optional(),
    kept: z.array(str).optional(),
    keptWhy: z.record(z.string(), z.looseObject({ reason: z.enum(KEEP_REASONS), note: str.optional() })).optional(),
    at: instant,
  } satisfies Shape<SurveyAnswer>,
};
