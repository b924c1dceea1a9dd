/**
 * Small checks for the staff forms, so a missing reason is said before a round trip. The server
 * checks everything again; its sentence is what people see when it refuses.
 */

/** Length as people count it: one per character, emoji included. */
export const chars = (s: string): number => Array.from(s).length;

/** The problem with a required text of at most `max` characters, or undefined. */
export function textProblem(value: string, label: string, max: number): string | undefined {
  const v = value.trim();
  if (!v) return `请填写${label}`;
  if (chars(v) > max) return `${label}最多${max}字`;
  return undefined;
}

/** Idempotency key of one submission: a retry after a failure sends the same one. */
export function newRequestId(now: number = Date.now(), random: () => number = Math.random): string {
  const rand = Array.from({ length: 12 }, () => Math.floor(random() * 36).toString(36)).join('');
  return `s-${now.toString(36)}-${rand}`;
}

/** Mobile (13812345678) or landline with area code (023-12345678), as the server accepts. */
export const isPhone = (s: string): boolean => /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/.test(s.trim());

/** Invite codes are letters and digits; people type them in any case and with spaces. */
export function normaliseInviteCode(raw: string): string {
  return raw.replace(/[\s-]+/g, '').toUpperCase();
}

export function inviteCodeProblem(code: string): string | undefined {
  if (!code) return '请输入邀请码';
  if (!/^[A-Z0-9]{4,16}$/.test(code)) return '邀请码是4到16位字母或数字';
  return undefined;
}
