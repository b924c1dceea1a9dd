import { RATING_NAMES, RATINGS } from '../../core/model';
import { call, type Input, type Output } from './call';

/**
 * 代登记 and 电话回访: the `intake` cloud function (backend/functions/intake.ts), for members of the
 * 五员共治 groups and community and street admins alike. Every type is the server's own.
 */
export type ProxyInput = Input<'intake', 'fileForResident'>;
export type ProxyChannel = ProxyInput['channel'];
export type Rating = Input<'intake', 'phoneVisit'>['rating'];

export type ProxyResult = Output<'intake', 'fileForResident'>;
/** One case to call back: who to call (staff only) and what was done. */
export type PhoneVisitLine = Output<'intake', 'phoneVisitQueue'>['items'][number];
export type PhoneVisitResult = Output<'intake', 'phoneVisit'>;

export const PROXY_CHANNEL_OPTIONS: ReadonlyArray<{ value: ProxyChannel; label: string }> = [
  { value: 'phone', label: '来电' },
  { value: 'walk_in', label: '来访' },
  { value: 'meeting', label: '院坝会' },
  { value: 'mailbox', label: '意见箱' },
  { value: 'hotline', label: '12345工单' },
];

export const RATING_OPTIONS: ReadonlyArray<{ value: Rating; label: string }> = RATINGS.map((r) => ({ value: r, label: RATING_NAMES[r] }));

export const intakeApi = {
  fileForResident: (input: ProxyInput) => call('intake', 'fileForResident', input),
  phoneVisitQueue: (communityId?: string) => call('intake', 'phoneVisitQueue', communityId ? { communityId } : {}),
  phoneVisit: (caseId: string, rating: Rating, note?: string) =>
    call('intake', 'phoneVisit', { caseId, rating, ...(note ? { note } : {}) }),
};
