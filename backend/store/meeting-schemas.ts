/** The stored shape of 院坝会 / 议事日 records (core/meetings.ts), spread into the reference shapes of `schemas.ts`. */
import * as z from 'zod';
import { MEETING_KINDS, type Meeting } from '../../core/meetings';
import { MEMBER_ROLES } from '../../core/model';

type Shape<T> = Record<keyof T, z.ZodType>;
const str = z.string();
const nonEmpty = z.string().min(1);
const instant = z.iso.datetime({ offset: true });
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const meetingShapes = {
  meetings: {
    id: nonEmpty,
    streetId: nonEmpty,
    communityId: nonEmpty,
    gridId: nonEmpty.optional(),
    kind: z.enum(MEETING_KINDS),
    heldOn: localDate,
    place: str,
    topic: nonEmpty,
    attendance: z.number().int().positive(),
    rolesPresent: z.array(z.enum(MEMBER_ROLES)),
    decisions: str,
    issues: z.array(z.looseObject({ text: nonEmpty, raisedBy: str.optional(), caseId: nonEmpty.optional() })),
    recordedBy: z.looseObject({ openid: nonEmpty, name: str }),
    createdAt: instant,
  } satisfies Shape<Meeting>,
};
