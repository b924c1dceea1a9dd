import type { MapLocation } from '../services/resident-types';
import type { PhotoItem } from '../utils/photo-list';
import { createStore } from './store';

/**
 * A report not yet sent. Kept in memory while the app runs, so that leaving the page, a failed
 * submit or a weak network never loses what was typed; cleared once the case is filed. The
 * requestId stays with the draft: a retry files the case once even if the first answer was lost.
 */
export interface SavedReport {
  requestId: string;
  categoryId?: string;
  description: string;
  isPublic?: boolean;
  contactPhone: string;
  location?: MapLocation;
  /** Uploaded photos only. */
  photos: PhotoItem[];
}

export const reportDraftStore = createStore<SavedReport | undefined>(undefined);

/** Whether a draft holds anything worth restoring. */
export const hasContent = (d: SavedReport | undefined): d is SavedReport =>
  !!d && (d.description.trim().length > 0 || d.photos.length > 0 || !!d.categoryId);
