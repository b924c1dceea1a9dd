import { readStorage, STORAGE_KEYS, writeStorage } from '../services/storage';
import { createStore } from './store';

/** 大字模式: larger text everywhere; stored so that it survives restarts. */
const base = createStore<boolean>(readStorage<boolean>(STORAGE_KEYS.largeText) === true);

export const largeTextStore = {
  ...base,
  set(on: boolean) {
    writeStorage(STORAGE_KEYS.largeText, on);
    base.set(on);
  },
};
