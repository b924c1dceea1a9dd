import * as z from 'zod/mini';
import { charCount } from './format';

export const DESCRIPTION_MAX = 500;
export const DESCRIPTION_MIN = 5;

/** What a resident is writing before it is sent. */
export interface ReportDraft {
  categoryId?: string;
  buildingId?: string;
  /** A point picked on the map (weapp) within a chosen grid stands in for the building. */
  mapPlace?: boolean;
  description: string;
  isPublic: boolean;
}

/**
 * Characters that say something — Chinese characters, letters, digits — counted as the server
 * counts them for a description (emoji, punctuation and invisible characters do not count).
 */
export const meaningfulCount = (text: string): number => text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;

const ReadyDraft = z.object({
  categoryId: z.string().check(z.minLength(1, '请先选择问题类别')),
  buildingId: z.string().check(z.minLength(1, '请选择所在的楼栋')),
  description: z.string().check(
    z.refine((s) => meaningfulCount(s) >= DESCRIPTION_MIN, `请用至少${DESCRIPTION_MIN}个字说明情况（表情和标点不算）`),
    z.refine((s) => charCount(s) <= DESCRIPTION_MAX, `说明最多${DESCRIPTION_MAX}字`),
  ),
  isPublic: z.boolean(),
});

/** The first thing still missing, in the order the page asks for it; undefined when ready. */
export function draftProblem(draft: ReportDraft): string | undefined {
  const result = ReadyDraft.safeParse({
    ...draft,
    categoryId: draft.categoryId ?? '',
    buildingId: draft.mapPlace ? 'map' : (draft.buildingId ?? ''),
  });
  return result.success ? undefined : result.error.issues[0]?.message;
}

/** What is wrong with the description alone (too short, too long); undefined when it is fine. */
export function descriptionProblem(description: string): string | undefined {
  const result = ReadyDraft.shape.description.safeParse(description);
  return result.success ? undefined : result.error.issues[0]?.message;
}

/** Mobile (13812345678) or landline with area code (023-12345678), as the server accepts. */
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** What is wrong with an optional contact phone; undefined when empty or fine. */
export function phoneProblem(phone: string): string | undefined {
  const p = phone.trim();
  return p && !PHONE.test(p) ? '请填写正确的手机号或座机号（带区号），或者不填' : undefined;
}

/**
 * An id for one report. A retry after a failure sends the same id, so the server files the
 * case once even when the first answer was lost on the way back.
 */
export function newRequestId(now: number = Date.now(), random: () => number = Math.random): string {
  const rand = Array.from({ length: 12 }, () => Math.floor(random() * 36).toString(36)).join('');
  return `r-${now.toString(36)}-${rand}`;
}
