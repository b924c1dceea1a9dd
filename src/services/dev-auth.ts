import { ApiError } from './api-error';
import type { Persona } from './api-types';

/**
 * Demo identities for the H5 app (`dev-auth.h5.ts`). In WeChat the identity is the WeChat user,
 * so other targets have no personas.
 */
export async function listPersonas(): Promise<Persona[]> {
  return [];
}

export async function devLogin(_openid: string): Promise<string> {
  throw new ApiError('CLIENT.UNSUPPORTED_PLATFORM', '当前平台不支持演示身份');
}
