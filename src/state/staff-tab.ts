import type { TabKey } from '../utils/staff-access';
import { createStore } from './store';

/**
 * The tab page on show. WeChat gives every tab page its own custom tab bar instance; each tab page
 * says here when it shows, so whichever bar is on screen marks the right tab.
 */
export const currentTabStore = createStore<TabKey | undefined>(undefined);
