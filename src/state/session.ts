import type { Persona } from '../services/api-types';
import { readStorage, removeStorage, STORAGE_KEYS, writeStorage } from '../services/storage';
import { createStore } from './store';

/**
 * Who is using the H5 app: the demo persona picked and the token the host gave for it.
 * In WeChat the identity is the WeChat user and this stays empty.
 */
export interface Session {
  token?: string;
  persona?: Persona;
}

const base = createStore<Session>(readStorage<Session>(STORAGE_KEYS.session) ?? {});

export const sessionStore = {
  ...base,
  login(token: string, persona: Persona) {
    const next = { token, persona };
    writeStorage(STORAGE_KEYS.session, next);
    base.set(next);
  },
  /** A renewed token for the same persona. */
  renew(token: string) {
    const current = base.get();
    if (!current.persona || !current.token) return;
    const next = { token, persona: current.persona };
    writeStorage(STORAGE_KEYS.session, next);
    base.set(next);
  },
  logout() {
    removeStorage(STORAGE_KEYS.session);
    base.set({});
  },
};

/** When a host token (`kind.openid.expiresAt.signature`) runs out, ms since the epoch; undefined when unreadable. */
export function tokenExpiry(token: string): number | undefined {
  const exp = token.split('.')[2];
  return exp && /^\d{1,16}$/.test(exp) ? Number(exp) : undefined;
}

/** Only the H5 app needs somebody picked before it can work. */
export const needsPersona = (session: Session): boolean => process.env.TARO_ENV === 'h5' && !session.token;
