/**
 * The one error type pages see. `code` is the stable code from the server
 * (`CASE.NOT_FOUND`) or one of the client codes below; `message` is Chinese and meant for people.
 */
export class ApiError extends Error {
  readonly code: string;
  /** HTTP status when the call went over HTTP (H5); absent for cloud calls and network failures. */
  readonly status?: number;

  constructor(code: string, message: string, status?: number) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }
}

/** Codes the client itself produces. */
export const CLIENT_ERRORS = {
  network: { code: 'CLIENT.NETWORK', message: '网络连接失败，请检查网络后重试' },
  timeout: { code: 'CLIENT.TIMEOUT', message: '请求超时，请稍后重试' },
  badResponse: { code: 'CLIENT.BAD_RESPONSE', message: '服务返回了无法识别的内容，请稍后重试' },
  cloud: { code: 'CLIENT.CLOUD_CALL_FAILED', message: '服务暂时不可用，请稍后重试' },
} as const;

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** The message to show for any thrown value: a Chinese sentence, never a stack or an English code. */
export function errorMessage(e: unknown): string {
  if (isApiError(e)) return e.message;
  return '出了点问题，请稍后重试';
}

/** Whether the error means the caller's identity is missing or no longer valid. */
export const isAuthError = (e: unknown): boolean => isApiError(e) && (e.status === 401 || e.code.startsWith('AUTH.'));
