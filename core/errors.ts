/**
 * Errors are values: a stable code for programs and a Chinese message for people.
 * Only the edges (cloud function entries, the local host) turn them into responses.
 */
export type ErrorCode =
  | 'CASE.NOT_FOUND'
  | 'CASE.INVALID_TRANSITION'
  | 'CASE.FORBIDDEN'
  | 'CASE.CONFLICT'
  | 'CASE.REASON_REQUIRED'
  | 'CASE.RESULT_REQUIRED'
  | 'CASE.PHOTOS_REQUIRED'
  | 'CASE.ALREADY_SUPPORTED'
  | 'CASE.NOT_PUBLIC'
  | 'CASE.SAME_ROLE'
  | 'CASE.NO_MEMBER'
  | 'CASE.MERGE_SELF'
  | 'CASE.TOO_MANY_PHOTOS'
  | 'CASE.TOO_EARLY'
  | 'LEDGER.WRONG_KIND'
  | 'LEDGER.SETTLED'
  | 'LEDGER.NOT_SETTLED'
  | 'LEDGER.UNCHANGED'
  | 'RECTIFICATION.NOT_FOUND'
  | 'RECTIFICATION.NOT_NEEDED'
  | 'RECTIFICATION.CLOSED'
  | 'INPUT.INVALID'
  | 'INPUT.UNKNOWN_ACTION'
  | 'INPUT.TOO_LARGE'
  | 'INPUT.CONTENT_RISKY'
  | 'AUTH.REQUIRED'
  | 'AUTH.FORBIDDEN'
  | 'AUTH.INVALID_TOKEN'
  | 'AUTH.INVITE_INVALID'
  | 'RATE.LIMITED'
  | 'PLACE.NOT_FOUND'
  | 'PLACE.INVALID'
  | 'CATEGORY.NOT_FOUND'
  | 'MEMBER.NOT_FOUND'
  | 'POLICY.INVALID'
  | 'HOLIDAY.UNREADABLE'
  | 'FILE.INVALID'
  | 'FILE.NOT_FOUND'
  | 'HOST.NOT_ALLOWED'
  | 'CARE.NOT_FOUND'
  | 'CARE.INVALID'
  | 'VOTE.NOT_FOUND'
  | 'VOTE.NOT_OPEN'
  | 'VOTE.CLOSED'
  | 'VOTE.TOO_MANY'
  | 'VOTE.ALREADY_VOTED'
  | 'VOTE.NOT_RESIDENT'
  | 'VOTE.NOT_CLOSED'
  | 'VOTE.STARTED'
  | 'PROJECT.DONE'
  | 'PROJECT.ORDER'
  | 'SURVEY.NOT_FOUND'
  | 'SURVEY.NOT_OPEN'
  | 'SURVEY.CLOSED'
  | 'SURVEY.NOT_RESIDENT'
  | 'SURVEY.ANSWERED'
  | 'SURVEY.EXISTS'
  | 'MEETING.NOT_FOUND'
  | 'MEETING.INVALID'
  | 'INTERNAL';

export interface DomainError {
  readonly code: ErrorCode;
  readonly message: string;
  /** Optional details for programs (field paths of invalid input, for example). */
  readonly details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
/** A refusal: assignable to any `Result<T>`, and (having no type parameter) never widens an action's answer type. */
export type Failure = Extract<Result<never>, { ok: false }>;
export const fail = (code: ErrorCode, message: string, details?: unknown): Failure => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

export const domainError = (code: ErrorCode, message: string): DomainError => ({ code, message });

/** HTTP status an edge should answer for an error code. */
export function httpStatusOf(code: ErrorCode): number {
  if (
    code.startsWith('INPUT.') ||
    code === 'PLACE.INVALID' ||
    code === 'POLICY.INVALID' ||
    code === 'FILE.INVALID' ||
    code === 'HOLIDAY.UNREADABLE' ||
    code === 'MEETING.INVALID'
  )
    return code === 'INPUT.TOO_LARGE' ? 413 : 400;
  switch (code) {
    case 'AUTH.REQUIRED':
    case 'AUTH.INVALID_TOKEN':
      return 401;
    case 'AUTH.FORBIDDEN':
    case 'CASE.FORBIDDEN':
    case 'AUTH.INVITE_INVALID':
      return 403;
    case 'CASE.NOT_FOUND':
    case 'PLACE.NOT_FOUND':
    case 'CATEGORY.NOT_FOUND':
    case 'MEMBER.NOT_FOUND':
    case 'FILE.NOT_FOUND':
    case 'RECTIFICATION.NOT_FOUND':
    case 'CARE.NOT_FOUND':
    case 'VOTE.NOT_FOUND':
    case 'SURVEY.NOT_FOUND':
    case 'MEETING.NOT_FOUND':
      return 404;
    case 'VOTE.NOT_RESIDENT':
    case 'SURVEY.NOT_RESIDENT':
      return 403;
    case 'CASE.CONFLICT':
    case 'CASE.INVALID_TRANSITION':
    case 'CASE.ALREADY_SUPPORTED':
    case 'CASE.TOO_EARLY':
    case 'LEDGER.WRONG_KIND':
    case 'LEDGER.SETTLED':
    case 'LEDGER.NOT_SETTLED':
    case 'LEDGER.UNCHANGED':
    case 'RECTIFICATION.NOT_NEEDED':
    case 'RECTIFICATION.CLOSED':
    case 'VOTE.NOT_OPEN':
    case 'VOTE.CLOSED':
    case 'VOTE.ALREADY_VOTED':
    case 'VOTE.NOT_CLOSED':
    case 'VOTE.STARTED':
    case 'PROJECT.DONE':
    case 'PROJECT.ORDER':
    case 'SURVEY.NOT_OPEN':
    case 'SURVEY.CLOSED':
    case 'SURVEY.ANSWERED':
    case 'SURVEY.EXISTS':
      return 409;
    case 'RATE.LIMITED':
      return 429;
    case 'HOST.NOT_ALLOWED':
      return 421;
    case 'INTERNAL':
      return 500;
    default:
      return 400;
  }
}
