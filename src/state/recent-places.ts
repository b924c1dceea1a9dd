import { readStorage, STORAGE_KEYS, writeStorage } from '../services/storage';
import { rememberPlace } from '../utils/nearby-places';
import type { PlaceChoice } from '../utils/places';
import { createStore } from './store';

/** The buildings a resident reported from (常用地点), most recent first, kept on the phone. */
const base = createStore<PlaceChoice[]>(readStorage<PlaceChoice[]>(STORAGE_KEYS.recentPlaces) ?? []);

export const recentPlacesStore = {
  ...base,
  remember(choice: PlaceChoice) {
    const next = rememberPlace(base.get(), choice);
    writeStorage(STORAGE_KEYS.recentPlaces, next);
    base.set(next);
  },
};
