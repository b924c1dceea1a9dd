/** The stored shape of the 12345 import history (backend/services/hotline-history.ts), spread into `schemas.ts`. */
import * as z from 'zod';
import type { HotlineImport } from '../services/hotline-history';

type Shape<T> = Record<keyof T, z.ZodType>;
const nonEmpty = z.string().min(1);
const count = z.number().int().nonnegative();

export const hotlineImportShapes = {
  hotlineImports: {
    id: nonEmpty,
    streetId: nonEmpty,
    communityId: nonEmpty.optional(),
    fileName: z.string().max(120),
    by: z.looseObject({ openid: nonEmpty, name: z.string() }),
    at: z.iso.datetime({ offset: true }),
    imported: count,
    skipped: count,
    refused: count,
    invalid: count,
  } satisfies Shape<HotlineImport>,
};
