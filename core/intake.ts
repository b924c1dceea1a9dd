/**
 * Every channel in (代登记) and results back by phone (电话回访). Pure: the lifecycle
 * (core/case-lifecycle.ts) calls these checks for the `proxy_submit` and `phone_visit` actions.
 *
 * - 代登记: a member of the community, or a community or street admin, files a case for a resident
 *   who phoned, walked in, spoke at a 院坝会, wrote to the 意见箱, or came as a 12345 工单 (with its
 *   工单号). The resident's name and phone are private (handler and admins); the filer is the
 *   reporter of record, and the rating comes from a 电话回访, never from the filer's own tap.
 * - 电话回访: for a case filed by staff, or one whose reporter did not rate within the rating window
 *   (still 待评价 past the window, or closed by the clock without a rating), a member or admin
 *   records 满意 / 基本满意 / 不满意 with a note; it is the case's rating, and 不满意 reworks.
 */
import type { DomainError } from './errors';
import { CHANNEL_NAMES, type ActorRole, type Case, type CaseChannel } from './model';

/** The channels a 代登记 names (走访 has its own flow: a visit's need becomes a case). */
export const PROXY_CHANNELS = ['phone', 'walk_in', 'meeting', 'mailbox', 'hotline'] as const satisfies readonly CaseChannel[];
export type ProxyChannel = (typeof PROXY_CHANNELS)[number];

/** Where any case came from, for filters, statistics and ledgers: the app, a patrol, or a channel. */
export const INTAKE_CHANNELS = ['app', 'patrol', 'visit', ...PROXY_CHANNELS] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];
export const INTAKE_CHANNEL_NAMES: Record<IntakeChannel, string> = { app: '小程序', patrol: '巡查', ...CHANNEL_NAMES };

export function intakeChannelOf(c: Pick<Case, 'source' | 'origin'>): IntakeChannel {
  if (c.origin) return c.origin.channel;
  return c.source === 'patrol' ? 'patrol' : 'app';
}

/** 12345 工单号: letters, digits and dashes, as the hotline prints them. */
export const TICKET_NO_RE = /^[A-Za-z0-9][A-Za-z0-9-]{3,39}$/;

export const MAX_CONTACT_NAME = 20;

export interface ProxyIntake {
  channel: string;
  ticketNo?: string;
  contactName: string;
  contactPhone?: string;
}

/** Refuses a 代登记 that does not say who the resident is and how they came. */
export function checkProxyIntake(p: ProxyIntake): DomainError | undefined {
  if (!(PROXY_CHANNELS as readonly string[]).includes(p.channel)) return { code: 'INPUT.INVALID', message: '请选择受理渠道' };
  const name = p.contactName.trim();
  if (!name) return { code: 'INPUT.INVALID', message: '请填写群众姓名' };
  if (Array.from(name).length > MAX_CONTACT_NAME) return { code: 'INPUT.INVALID', message: `群众姓名不能超过${MAX_CONTACT_NAME}字` };
  // A letter in the 意见箱 may leave no number; every other channel has one to call back on.
  if (!p.contactPhone && p.channel !== 'mailbox') return { code: 'INPUT.INVALID', message: '请填写群众联系电话，以便电话回访' };
  if (p.channel === 'hotline') {
    if (!p.ticketNo) return { code: 'INPUT.INVALID', message: '12345工单须填写工单号' };
    if (!TICKET_NO_RE.test(p.ticketNo)) return { code: 'INPUT.INVALID', message: '工单号只能包含字母、数字和短横线，4至40位' };
  } else if (p.ticketNo) return { code: 'INPUT.INVALID', message: '只有12345工单填写工单号' };
  return undefined;
}

/** The timeline note of a 代登记: the channel (and 工单号), never the resident's name. */
export function proxyNote(channel: ProxyChannel, ticketNo?: string): string {
  return `代登记（${CHANNEL_NAMES[channel]}${ticketNo ? ` 工单号${ticketNo}` : ''}）`;
}

/** How long after the clock closed an unrated case a 回访 may still record the rating. */
export const PHONE_VISIT_AFTER_CLOSE_DAYS = 30;

/** Why a 电话回访 cannot be recorded on this case now, or undefined when it can. */
export function phoneVisitRefusal(c: Case, now: Date, role: ActorRole): DomainError | undefined {
  if (role === 'resident' || role === 'system' || role === 'department')
    return { code: 'CASE.FORBIDDEN', message: '只有五员共治小组成员或管理员可以登记电话回访' };
  if (c.status === 'resolved') {
    if (c.source === 'proxy') return undefined;
    const rateBy = c.deadlines.rateBy;
    if (rateBy && now.toISOString() >= rateBy) return undefined;
    return { code: 'CASE.TOO_EARLY', message: '居民仍在评价期内，请等居民自行评价；评价期满仍未评价的再电话回访' };
  }
  if (c.status === 'closed') {
    if (!c.rating?.auto) return { code: 'CASE.INVALID_TRANSITION', message: '该诉求已有评价，无需电话回访' };
    if (!c.result) return { code: 'CASE.INVALID_TRANSITION', message: '该诉求没有办理结果，无需电话回访' };
    const closedAt = Date.parse(c.closedAt ?? c.rating.at);
    if (now.getTime() - closedAt > PHONE_VISIT_AFTER_CLOSE_DAYS * 86_400_000)
      return { code: 'CASE.INVALID_TRANSITION', message: `自动办结已超过${PHONE_VISIT_AFTER_CLOSE_DAYS}天，不能再登记回访` };
    return undefined;
  }
  return { code: 'CASE.INVALID_TRANSITION', message: '只有待评价或逾期未评价自动办结的诉求可以电话回访' };
}

/** Whether a case is waiting for a 电话回访 now (the 回访 list): what `phoneVisitRefusal` allows. */
export const needsPhoneVisit = (c: Case, now: Date): boolean => phoneVisitRefusal(c, now, 'community_admin') === undefined;
