/**
 * Calling the handler: a resident may call the member who holds their case on the work phone the
 * member consented to show (公示牌信息, core/public-profile.ts). Nothing is shown without that
 * consent, and only to the case's reporter while the case is theirs to follow. Registered into
 * `resident` by a spread; a separate call so that reading a case stays one round trip.
 */
import * as z from 'zod';
import { fail, ok, type Result } from '../../core/errors';
import { ROLE_NAMES, isFinal, type MemberRole } from '../../core/model';
import { rosterFace } from '../../core/public-profile';
import { id } from '../validation';
import { action } from './define';

export interface HandlerContact {
  /** The member's work phone, present only with their consent while the case is open or awaits the rating. */
  workPhone?: string;
  /** 楼栋物管员 张** (the full name only with consent). */
  who?: string;
}

export const residentContactActions = {
  handlerContact: action({
    auth: 'user',
    input: z.strictObject({ caseId: id }),
    run: async (input, { deps, actor }): Promise<Result<HandlerContact>> => {
      const c = await deps.store.getCase(input.caseId);
      // Someone else's case is "not found", so ids cannot be probed.
      if (!c || c.reporter.openid !== actor.openid) return fail('CASE.NOT_FOUND', '诉求不存在或已删除');
      const memberId = c.holder?.memberId;
      if (!memberId || isFinal(c.status)) return ok({});
      const [member, profile] = await Promise.all([deps.store.getRef('members', memberId), deps.store.getRef('memberProfiles', memberId)]);
      if (!member || !member.active) return ok({});
      const face = rosterFace(member, profile);
      return ok({ who: `${ROLE_NAMES[member.role as MemberRole]} ${face.name}`, ...(face.workPhone ? { workPhone: face.workPhone } : {}) });
    },
  }),
};
