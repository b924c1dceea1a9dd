import Taro from '@tarojs/taro';

/**
 * Storage keys in one place, so that nothing else writes to storage by a string of its own.
 * Reads never throw: a broken or missing value reads as `undefined`.
 */
export const STORAGE_KEYS = {
  session: 'wy.session',
  largeText: 'wy.largeText',
  elderOffered: 'wy.elderOffered',
  lastPlace: 'wy.lastPlace',
  recentPlaces: 'wy.recentPlaces',
} as const;

type StorageKey = (typeof STORAGE_KEYS)[keyof typeof STORAGE_KEYS];

export function readStorage<T>(key: StorageKey): T | undefined {
  try {
    const value = Taro.getStorageSync(key) as T | '' | undefined;
    return value === '' || value === undefined || value === null ? undefined : (value as T);
  } catch {
    return undefined;
  }
}

export function writeStorage<T>(key: StorageKey, value: T): void {
  try {
    Taro.setStorageSync(key, value);
  } catch (e) {
    console.warn('[storage] write failed', key, e);
  }
}

export function removeStorage(key: StorageKey): void {
  try {
    Taro.removeStorageSync(key);
  } catch {
    // nothing to remove
  }
}
