/**
 * Local identity tokens: `openid.expiresAt.signature`, HMAC-SHA256 with a secret kept in the
 * data folder. They stand in for what the WeChat cloud gives every call (`OPENID`).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TOKEN_TTL_MS = 30 * 24 * 3_600_000;

export function loadSecret(dataDir: string): Buffer {
  const file = join(dataDir, 'token-secret');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  const secret = randomBytes(32);
  writeFileSync(file, secret.toString('hex'), { mode: 0o600 });
  return secret;
}

const sign = (secret: Buffer, payload: string): string => createHmac('sha256', secret).update(payload).digest('base64url');

export function issueToken(secret: Buffer, openid: string, nowMs: number): string {
  const payload = `${Buffer.from(openid).toString('base64url')}.${nowMs + TOKEN_TTL_MS}`;
  return `${payload}.${sign(secret, payload)}`;
}

/** The openid of a valid token, or undefined for a forged, malformed or expired one. */
export function verifyToken(secret: Buffer, token: string, nowMs: number): string | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || token.length > 512) return undefined;
  const [who, exp, sig] = parts as [string, string, string];
  const expected = Buffer.from(sign(secret, `${who}.${exp}`));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  if (!/^\d+$/.test(exp) || Number(exp) < nowMs) return undefined;
  return Buffer.from(who, 'base64url').toString('utf8');
}
