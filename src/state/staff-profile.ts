import { useEffect } from 'react';
import { errorMessage } from '../services/api-error';
import { callFunction } from '../services/cloud';
import type { StaffProfile } from '../utils/staff-access';
import { sessionStore } from './session';
import { createStore } from './store';
import { useStore } from './use-store';

/**
 * Who the user is to the staff side (`resident.profile`): roles decide whether the 工作台 / 管理
 * tab shows and what the work page holds. Loaded once per identity; a bind or a persona switch
 * loads it again.
 */
export interface StaffProfileState {
  profile?: StaffProfile;
  loading: boolean;
  error?: string;
  /** The identity the profile belongs to (the H5 token; one fixed key in WeChat). */
  key?: string;
}

const base = createStore<StaffProfileState>({ loading: false });

const identityKey = (): string | undefined => (process.env.TARO_ENV === 'h5' ? sessionStore.get().token || undefined : 'wechat');

let inflight: { key: string; promise: Promise<void> } | undefined;

async function load(key: string): Promise<void> {
  base.set({ ...base.get(), loading: true, error: undefined, ...(base.get().key === key ? {} : { profile: undefined, key }) });
  try {
    const profile = await callFunction<StaffProfile>('resident', { action: 'profile' });
    if (identityKey() === key) base.set({ profile, loading: false, key });
  } catch (e) {
    if (identityKey() === key) base.set({ ...base.get(), loading: false, error: errorMessage(e) });
  }
}

export const staffProfileStore = {
  get: base.get,
  subscribe: base.subscribe,
  /** Loads the profile unless it is loaded (or loading) for the current identity. */
  ensure(): Promise<void> {
    const key = identityKey();
    if (!key) {
      if (base.get().profile || base.get().key) base.set({ loading: false });
      return Promise.resolve();
    }
    if (inflight?.key === key) return inflight.promise;
    const s = base.get();
    if (s.key === key && s.profile) return Promise.resolve();
    return staffProfileStore.reload();
  },
  /** Loads it again (after binding an invite, switching duty, …). */
  reload(): Promise<void> {
    const key = identityKey();
    if (!key) return Promise.resolve();
    const promise = load(key).finally(() => {
      if (inflight?.promise === promise) inflight = undefined;
    });
    inflight = { key, promise };
    return promise;
  },
};

// A persona switch in H5 is a new person: forget the old profile at once.
sessionStore.subscribe(() => {
  const key = identityKey();
  if (base.get().key !== key) {
    base.set({ loading: false });
    if (key) void staffProfileStore.ensure();
  }
});

/** The profile, loaded on first use. */
export function useStaffProfile(): StaffProfileState {
  const state = useStore(base);
  useEffect(() => {
    void staffProfileStore.ensure();
  }, []);
  return state;
}

/** Whether calls can be made: in H5 only once a persona is picked (PageShell shows the picker till then). */
export function useSignedIn(): boolean {
  const session = useStore(sessionStore);
  return process.env.TARO_ENV !== 'h5' || Boolean(session.token);
}
