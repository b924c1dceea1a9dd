import Taro from '@tarojs/taro';
import { readStorage, STORAGE_KEYS, writeStorage } from '../services/storage';
import { elderModeFromScale } from '../utils/elder-mode';
import { createStore } from './store';

/** WeChat's own font scale (关怀模式 and 字体大小 in WeChat's settings); 1 outside the weapp. */
function wechatFontScale(): number | undefined {
  if (process.env.TARO_ENV !== 'weapp') return undefined;
  try {
    return (Taro.getAppBaseInfo() as { fontSizeScaleFactor?: number }).fontSizeScaleFactor;
  } catch {
    return undefined;
  }
}

/**
 * 长辈版: larger text and targets everywhere. The person's own choice (stored, survives restarts)
 * wins; without one, the weapp follows WeChat's font setting (关怀模式 → 长辈版).
 */
const stored = readStorage<boolean>(STORAGE_KEYS.largeText);
const followsWechat = stored === undefined && elderModeFromScale(wechatFontScale());
const base = createStore<boolean>(stored ?? followsWechat);

export const largeTextStore = {
  ...base,
  set(on: boolean) {
    writeStorage(STORAGE_KEYS.largeText, on);
    writeStorage(STORAGE_KEYS.elderOffered, true);
    base.set(on);
  },
};

/** Whether to offer 长辈版 on this launch: never chosen, never offered, and not already on by WeChat's setting. */
export const elderOfferStore = createStore<boolean>(
  stored === undefined && !followsWechat && readStorage<boolean>(STORAGE_KEYS.elderOffered) !== true,
);

/** The offer was answered (either way): do not ask again. */
export function dismissElderOffer(on: boolean): void {
  largeTextStore.set(on);
  elderOfferStore.set(false);
}
