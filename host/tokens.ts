/**
 * Local identity tokens: `kind.openid.expiresAt.signature`, HMAC-SHA256 with a secret kept in the
 * data folder. They stand in for what the WeChat cloud gives every call (`OPENID`).
 *
 * - A token lives `TOKEN_TTL_MS` (12 hours) and is renewed (`POST /auth/renew`) while still valid.
 * - `kind` says where it came from: `dev` for the demo login. Dev tokens are refused once the demo
 *   login is off (`DEV_LOGIN=0`), whenever they were issued.
 * - Rotating the secret revokes every token: stop the host, delete `token-secret` in the data
 *   folder (or replace it), start again.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TOKEN_TTL_MS = 12 * 3_600_000;
/** A token is renewed by the app once less than this much of its life is left. */
export const TOKEN_RENEW_BEFORE_MS = TOKEN_TTL_MS / 2;

export type TokenKind = 'dev';
const KINDS: readonly TokenKind[] = ['dev'];

export const SECRET_FILE = 'token-secret';

export function loadSecret(dataDir: string): Buffer {
  const file = join(dataDir, SECRET_FILE);
  if (existsSync(file)) {
    const hex = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{64,}$/i.test(hex)) return Buffer.from(hex, 'hex');
  }
  // Missing or unreadable: a new secret, which revokes every token issued before.
  const secret = randomBytes(32);
  writeFileSync(file, secret.toString('hex'), { mode: 0o600 });
  return secret;
}

const sign = (secret: Buffer, payload: string): string => createHmac('sha256', secret).update(payload).digest('base64url');

export function issueToken(secret: Buffer, openid: string, nowMs: number, kind: TokenKind = 'dev'): string {
  const payload = `${kind}.${Buffer.from(openid).toString('base64url')}.${nowMs + TOKEN_TTL_MS}`;
  return `${payload}.${sign(secret, payload)}`;
}

export interface TokenClaims {
  openid: string;
  kind: TokenKind;
  expiresAt: number;
}

/** What a valid token says, or undefined for a forged, malformed, old-format or expired one. */
export function verifyToken(secret: Buffer, token: string, nowMs: number): TokenClaims | undefined {
  if (token.length > 512) return undefined;
  const parts = token.split('.');
  if (parts.length !== 4) return undefined;
  const [kind, who, exp, sig] = parts as [string, string, string, string];
  const expected = Buffer.from(sign(secret, `${kind}.${who}.${exp}`));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  if (!KINDS.includes(kind as TokenKind) || !/^\d{1,16}$/.test(exp) || Number(exp) <= nowMs) return undefined;
  return { openid: Buffer.from(who, 'base64url').toString('utf8'), kind: kind as TokenKind, expiresAt: Number(exp) };
}

/** How many verified tokens `TokenVerifier` remembers. */
export const VERIFIED_TOKENS_KEPT = 10_000;

/**
 * `verifyToken` with the answers for valid tokens remembered: the HMAC is computed once per token
 * rather than on every request (a token is sent with every call for up to 12 hours). Only valid
 * tokens are kept — a forged one costs its HMAC every time, and cannot push real ones out — and a
 * kept token is still refused once it expires. Keyed by the whole token string, signature
 * included, so nothing but the very token that was verified is answered from memory. The oldest
 * entry goes first once `max` are kept; a new secret means a new host process, hence a new cache.
 */
export class TokenVerifier {
  private readonly kept = new Map<string, TokenClaims>();

  constructor(
    private readonly secret: Buffer,
    private readonly max = VERIFIED_TOKENS_KEPT,
  ) {}

  verify(token: string, nowMs: number): TokenClaims | undefined {
    const hit = this.kept.get(token);
    if (hit) {
      if (hit.expiresAt > nowMs) return hit;
      this.kept.delete(token);
      return undefined;
    }
    const claims = verifyToken(this.secret, token, nowMs);
    if (!claims) return undefined;
    if (this.kept.size >= this.max) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(token, Object.freeze(claims));
    return claims;
  }

  /** Tokens remembered now (for tests). */
  get size(): number {
    return this.kept.size;
  }
}
