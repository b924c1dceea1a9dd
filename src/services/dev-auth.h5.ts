import type { Persona } from './api-types';
import { httpGet, httpPost } from './http';
import { unwrapEnvelope } from './envelope';

/** `GET /auth/dev-personas`: the demo people the host seeded. */
export async function listPersonas(): Promise<Persona[]> {
  const data = await httpGet<{ items: Persona[] }>('/auth/dev-personas');
  return data.items;
}

/** `POST /auth/dev-login {openid}` → a bearer token. */
export async function devLogin(openid: string): Promise<string> {
  const res = await httpPost('/auth/dev-login', { openid });
  return unwrapEnvelope<{ token: string }>(res.json, res.status).token;
}
