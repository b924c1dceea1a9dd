import { readStorage, STORAGE_KEYS, writeStorage } from '../services/storage';
import type { PlaceChoice } from '../utils/places';
import { createStore } from './store';

/**
 * The resident's place (社区 → 网格 → 楼栋), remembered across visits: 首页 shows that grid's
 * five-role group, 上报 starts from it, 我的 changes it.
 */
const base = createStore<PlaceChoice>(readStorage<PlaceChoice>(STORAGE_KEYS.lastPlace) ?? {});

export const placeStore = {
  ...base,
  set(next: PlaceChoice) {
    const clean: PlaceChoice = {
      ...(next.communityId ? { communityId: next.communityId } : {}),
      ...(next.gridId ? { gridId: next.gridId } : {}),
      ...(next.buildingId ? { buildingId: next.buildingId } : {}),
    };
    writeStorage(STORAGE_KEYS.lastPlace, clean);
    base.set(clean);
  },
};
