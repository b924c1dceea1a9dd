/**
 * `callFunction(name, data)` — the one way pages reach the back end.
 *
 * The build picks the file for the target: `cloud.weapp.ts` (WeChat cloud functions) or
 * `cloud.h5.ts` (HTTP to the local host). This file is what the type checker and any other target
 * see; it must never be bundled into the product.
 */
import { ApiError } from './api-error';
import type { CallFunction } from './envelope';

export type { FunctionData } from './envelope';

export const callFunction: CallFunction = async (name) => {
  throw new ApiError('CLIENT.UNSUPPORTED_PLATFORM', `当前平台不支持调用 ${name}`);
};
