/**
 * The host remembers verified tokens (`TokenVerifier`): the same answers as `verifyToken`, expiry
 * still respected, nothing but the very token verified answered from memory, and a bounded size.
 */
import { randomBytes } from 'node:crypto';
import { TOKEN_TTL_MS, TokenVerifier, issueToken, verifyToken } from '../../host/tokens';

describe('TokenVerifier', () => {
  const secret = randomBytes(32);
  const t0 = Date.UTC(2026, 11, 7, 2);

  it('answers what verifyToken answers, and keeps only valid tokens', () => {
    const v = new TokenVerifier(secret);
    const token = issueToken(secret, 'res-1', t0);
    expect(v.verify(token, t0 + 1)).toEqual(verifyToken(secret, token, t0 + 1));
    expect(v.verify(token, t0 + 2)?.openid).toBe('res-1');
    expect(v.size).toBe(1);
    // Forged: another signature, another person, another secret.
    const [kind, who, exp] = token.split('.');
    const sig = token.split('.')[3]!;
    const flipped = `${kind}.${who}.${exp}.${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`;
    const other = `${kind}.${Buffer.from('res-2').toString('base64url')}.${exp}.${sig}`;
    const foreign = issueToken(randomBytes(32), 'res-1', t0);
    for (const bad of [flipped, other, foreign, 'x', `${token}.`]) expect(v.verify(bad, t0 + 3)).toBeUndefined();
    expect(v.size).toBe(1);
  });

  it('refuses a remembered token once it expires, and forgets it', () => {
    const v = new TokenVerifier(secret);
    const token = issueToken(secret, 'res-1', t0);
    expect(v.verify(token, t0 + TOKEN_TTL_MS - 1)?.openid).toBe('res-1');
    expect(v.verify(token, t0 + TOKEN_TTL_MS)).toBeUndefined();
    expect(v.size).toBe(0);
    expect(v.verify(token, t0 + TOKEN_TTL_MS + 1)).toBeUndefined();
  });

  it('keeps at most max tokens, dropping the oldest, and still verifies a dropped one', () => {
    const v = new TokenVerifier(secret, 3);
    const tokens = ['a', 'b', 'c', 'd'].map((who) => issueToken(secret, `res-${who}`, t0));
    for (const t of tokens) v.verify(t, t0);
    expect(v.size).toBe(3);
    expect(v.verify(tokens[0]!, t0)?.openid).toBe('res-a');
    expect(v.size).toBe(3);
  });

  it('a remembered answer cannot be changed by its caller', () => {
    const v = new TokenVerifier(secret);
    const token = issueToken(secret, 'res-1', t0);
    const claims = v.verify(token, t0)!;
    expect(() => {
      (claims as { openid: string }).openid = 'admin';
    }).toThrow();
    expect(v.verify(token, t0)?.openid).toBe('res-1');
  });
});
