import type { Output } from '../../backend/contract';
import { call } from './call';

/**
 * 整改任务 and 退单 hints (backend/functions/admin/rectification.ts, returns.ts): the tasks the 80 %
 * rule opened, their 整改报告, and the returns counted per category on the routing configuration.
 * The shapes are the server's own (backend/contract.ts; `import type`, erased at build).
 */

export type RectificationList = Output<'admin', 'listRectifications'>;
export type RectificationItem = RectificationList['items'][number];
export type OpenRectificationsResult = Output<'admin', 'openRectifications'>;
export type RoutingHints = Output<'admin', 'routingHints'>;

export const rectificationApi = {
  list: (status?: 'open' | 'closed') => call('admin', 'listRectifications', status ? { status } : {}),
  /** Opens the quarter's tasks of the street (street admins; the timer does it after a quarter ends). */
  open: (period: string) => call('admin', 'openRectifications', { period }),
  submitReport: (id: string, report: string) => call('admin', 'submitRectificationReport', { id, report }),
  routingHints: (communityId?: string) => call('admin', 'routingHints', communityId ? { communityId } : {}),
};
