import * as z from 'zod/mini';
import { ApiError, CLIENT_ERRORS } from './api-error';
import { rememberFileUrls } from './file-urls';

/**
 * Every function answers with the same envelope, over HTTP (H5) and from the cloud (weapp):
 * `{ok: true, data}` or `{ok: false, error: {code, message}}`. In the cloud a success may carry
 * `fileUrls`, temporary URLs of the photos and exports in `data` (remembered for display).
 */
const Envelope = z.union([
  z.object({ ok: z.literal(true), data: z.unknown(), fileUrls: z.optional(z.record(z.string(), z.string())) }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.string(), message: z.string() }),
  }),
]);

/** Turns an envelope into its data, or throws the ApiError it carries. */
export function unwrapEnvelope<T>(body: unknown, status?: number): T {
  const parsed = Envelope.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(CLIENT_ERRORS.badResponse.code, CLIENT_ERRORS.badResponse.message, status);
  }
  const envelope = parsed.data;
  if (envelope.ok) {
    rememberFileUrls(envelope.fileUrls);
    return envelope.data as T;
  }
  throw new ApiError(envelope.error.code, envelope.error.message || CLIENT_ERRORS.cloud.message, status);
}

/** Data sent to a function: the action plus its parameters. */
export type FunctionData = { action: string } & Record<string, unknown>;

export type CallFunction = <T>(name: string, data: FunctionData) => Promise<T>;
