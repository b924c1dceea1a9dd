import Taro from '@tarojs/taro';
import { createStore } from './store';

/**
 * WeChat's privacy authorization (weapp only). When a privacy-relevant API (chooseLocation,
 * chooseMedia …) needs the user's consent, WeChat calls our listener and waits; the page shows
 * the prompt (components/privacy-prompt) and answers through `answerPrivacy`.
 */
type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;

export const privacyStore = createStore<{ open: boolean }>({ open: false });

/** The id of the agree button; WeChat checks that this very button was tapped. */
export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree';

const waiting: Resolve[] = [];

/** Called once at launch (app.tsx). */
export function installPrivacyHandler(): void {
  if (process.env.TARO_ENV !== 'weapp') return;
  const api = Taro as unknown as { onNeedPrivacyAuthorization?: (listener: (resolve: Resolve) => void) => void };
  if (typeof api.onNeedPrivacyAuthorization !== 'function') return;
  api.onNeedPrivacyAuthorization((resolve) => {
    waiting.push(resolve);
    privacyStore.set({ open: true });
    resolve({ event: 'exposureAuthorization' });
  });
}

export function answerPrivacy(agree: boolean): void {
  const pending = waiting.splice(0);
  for (const resolve of pending) resolve(agree ? { event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID } : { event: 'disagree' });
  privacyStore.set({ open: false });
}

/** The in-app privacy guide; the prompt is not drawn over it (it would cover what it links to). */
export const PRIVACY_GUIDE_PATH = '/pages-resident/privacy/index';

/** Whether the prompt is shown on the page at `path` (Taro's router path, with or without `/`). */
export function privacyPromptShown(open: boolean, path: string | undefined): boolean {
  if (!open) return false;
  const page = (path ?? '').split('?')[0]!.replace(/^\/?/, '/');
  return page !== PRIVACY_GUIDE_PATH;
}

/**
 * Opens the privacy guide from the prompt: WeChat's own contract page (`openPrivacyContract`,
 * which shows over everything), else our privacy page, where the prompt steps aside.
 */
export function openPrivacyGuide(): void {
  const api = Taro as unknown as { openPrivacyContract?: (o: { fail?: () => void }) => void };
  const fallback = () => void Taro.navigateTo({ url: PRIVACY_GUIDE_PATH });
  if (typeof api.openPrivacyContract === 'function') api.openPrivacyContract({ fail: fallback });
  else fallback();
}
