import { callFunction } from './cloud';
import type { StaffCaseCard, StaffPerson } from './member-api';

/**
 * 代登记 and 电话回访 (backend/functions/intake.ts): the same actions in the `member` function (a
 * member of the community) and the `admin` function (community and street admins).
 */
export type ProxyChannel = 'phone' | 'walk_in' | 'meeting' | 'mailbox' | 'hotline';
export type Rating = 'satisfied' | 'basically_satisfied' | 'unsatisfied';

export const PROXY_CHANNEL_OPTIONS: ReadonlyArray<{ value: ProxyChannel; label: string }> = [
  { value: 'phone', label: '来电' },
  { value: 'walk_in', label: '来访' },
  { value: 'meeting', label: '院坝会' },
  { value: 'mailbox', label: '意见箱' },
  { value: 'hotline', label: '12345工单' },
];

export const RATING_OPTIONS: ReadonlyArray<{ value: Rating; label: string }> = [
  { value: 'satisfied', label: '满意' },
  { value: 'basically_satisfied', label: '基本满意' },
  { value: 'unsatisfied', label: '不满意' },
];

export interface ProxyInput {
  requestId: string;
  channel: ProxyChannel;
  ticketNo?: string;
  contactName: string;
  contactPhone?: string;
  categoryId: string;
  buildingId?: string;
  gridId?: string;
  description: string;
  isPublic: boolean;
}

export interface ProxyResult {
  caseId: string;
  status: string;
  statusName: string;
  holder?: StaffPerson;
  channelName: string;
  replayed: boolean;
}

/** One case to call back: who to call (staff only) and what was done. */
export interface PhoneVisitLine extends StaffCaseCard {
  channelName: string;
  ticketNo?: string;
  contactName?: string;
  contactPhone?: string;
  result?: string;
  /** Closed by the clock without a rating. */
  unrated: boolean;
}

export function intakeApi(fn: 'admin' | 'member') {
  const call = <T>(action: string, params: Record<string, unknown> = {}) => callFunction<T>(fn, { action, ...params });
  return {
    fileForResident: (input: ProxyInput) => call<ProxyResult>('fileForResident', { ...input }),
    phoneVisitQueue: () => call<{ items: PhoneVisitLine[] }>('phoneVisitQueue'),
    phoneVisit: (caseId: string, rating: Rating, note?: string) =>
      call<{ caseId: string; status: string; statusName: string; ratingName: string }>('phoneVisit', {
        caseId,
        rating,
        ...(note ? { note } : {}),
      }),
  };
}
