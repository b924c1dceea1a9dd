import Taro from '@tarojs/taro';
import { ApiError, CLIENT_ERRORS } from './api-error';
import { unwrapEnvelope, type CallFunction } from './envelope';

export type { FunctionData } from './envelope';

/** WeChat cloud: the function's return value is the same envelope the HTTP host sends. */
export const callFunction: CallFunction = async <T>(name: string, data: Record<string, unknown>) => {
  let result: unknown;
  try {
    const res = await Taro.cloud.callFunction({ name, data });
    result = res.result;
  } catch (e) {
    // errMsg is English and technical; log it for DevTools, show people a sentence.
    console.warn(`[cloud] ${name} failed`, e);
    throw new ApiError(CLIENT_ERRORS.cloud.code, CLIENT_ERRORS.cloud.message);
  }
  return unwrapEnvelope<T>(result);
};
