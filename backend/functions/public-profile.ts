/**
 * 公示牌 consent: a member chooses, in their profile, to show their full name, a photo, a service
 * commitment (服务承诺) and a work phone on the board (default: surname only). The photo and the
 * words reach the board only after the community admin approves them (core/public-profile.ts).
 * `profileMemberActions` are registered in `member`, `profileAdminActions` in `admin`.
 */
import * as z from 'zod';
import { fail, ok, type Result } from '../../core/errors';
import { ROLE_NAMES, type Actor, type Member } from '../../core/model';
import { MAX_COMMITMENT, rosterFace, updateProfile, type MemberPublicProfile } from '../../core/public-profile';
import type { Directory } from '../services/directory';
import { id, phone, photos, text } from '../validation';
import { action, type AuthedCall } from './define';

/** The member record the caller acts as: the one named, else their only one. */
async function myMember(call: AuthedCall, memberId?: string): Promise<Result<Member>> {
  const ids = call.actor.grants.filter((g) => g.memberId).map((g) => g.memberId!);
  if (ids.length === 0) return fail('AUTH.FORBIDDEN', '您还不是五员共治小组成员');
  const wanted = memberId ?? ids[0]!;
  if (!ids.includes(wanted)) return fail('MEMBER.NOT_FOUND', '只能设置您自己的公示信息');
  const m = await call.deps.store.getRef('members', wanted);
  return m ? ok(m) : fail('MEMBER.NOT_FOUND', '成员不存在');
}

function profileView(m: Member, p: MemberPublicProfile | undefined, dir: Directory) {
  return {
    memberId: m.id,
    name: m.name,
    role: m.role,
    roleName: ROLE_NAMES[m.role],
    gridName: dir.grids.get(m.gridId)?.name ?? '',
    showFullName: p?.showFullName ?? false,
    workPhone: p?.workPhone,
    photo: p?.photo,
    commitment: p?.commitment,
    /** What the board shows now. */
    board: rosterFace(m, p),
  };
}

export const profileMemberActions = {
  /** My 公示牌 choices and what the board shows of me now. */
  myPublicProfile: action({
    auth: 'user',
    input: z.strictObject({ memberId: id.optional() }),
    run: async (input, call) => {
      const m = await myMember(call, input.memberId);
      if (!m.ok) return m;
      return ok(profileView(m.value, await call.deps.store.getRef('memberProfiles', m.value.id), call.dir));
    },
  }),

  /** Changes my choices; a new photo or new words wait for the community's approval. */
  setPublicProfile: action({
    auth: 'user',
    input: z.strictObject({
      memberId: id.optional(),
      showFullName: z.boolean().optional(),
      workPhone: phone.nullable().optional(),
      commitment: text(MAX_COMMITMENT).nullable().optional(),
      photos: photos.max(1).optional(),
    }),
    run: async (input, call) => {
      const m = await myMember(call, input.memberId);
      if (!m.ok) return m;
      const before = await call.deps.store.getRef('memberProfiles', m.value.id);
      const next = updateProfile(before, {
        showFullName: input.showFullName,
        workPhone: input.workPhone,
        commitment: input.commitment,
        photo: input.photos === undefined ? undefined : (input.photos[0] ?? null),
      });
      const doc: MemberPublicProfile = { id: m.value.id, ...next, updatedAt: call.now.toISOString() };
      await call.deps.store.putRef('memberProfiles', doc);
      return ok(profileView(m.value, doc, call.dir));
    },
  }),
};

function keepsCommunity(actor: Actor, m: Member): boolean {
  return actor.grants.some(
    (g) => (g.role === 'community_admin' && g.communityId === m.communityId) || (g.role === 'street_admin' && g.streetId === m.streetId),
  );
}

export const profileAdminActions = {
  /** Members' photos and commitments waiting for approval, in the caller's communities. */
  pendingProfiles: action({
    auth: 'user',
    input: z.strictObject({ communityId: id.optional() }),
    run: async (input, call) => {
      if (!call.actor.grants.some((g) => g.role === 'community_admin' || g.role === 'street_admin'))
        return fail('AUTH.FORBIDDEN', '仅社区或街道管理员可以审核公示信息');
      const profiles = await call.deps.store.listRef('memberProfiles');
      const waiting = profiles.filter((p) => (p.photo && !p.photo.approved) || (p.commitment && !p.commitment.approved));
      const out = [];
      for (const p of waiting) {
        const m = await call.deps.store.getRef('members', p.id);
        if (!m || !keepsCommunity(call.actor, m) || (input.communityId && m.communityId !== input.communityId)) continue;
        out.push(profileView(m, p, call.dir));
      }
      return ok({ items: out });
    },
  }),

  /** Approves (or refuses, which removes) a member's photo and commitment for the board. */
  reviewProfile: action({
    auth: 'user',
    input: z.strictObject({ memberId: id, photo: z.boolean().optional(), commitment: z.boolean().optional() }),
    run: async (input, call) => {
      if (!call.actor.grants.some((g) => g.role === 'community_admin' || g.role === 'street_admin'))
        return fail('AUTH.FORBIDDEN', '仅社区或街道管理员可以审核公示信息');
      const m = await call.deps.store.getRef('members', input.memberId);
      if (!m || !keepsCommunity(call.actor, m)) return fail('MEMBER.NOT_FOUND', '成员不存在或不属于本社区');
      const p = await call.deps.store.getRef('memberProfiles', m.id);
      if (!p || (input.photo === undefined && input.commitment === undefined)) return fail('INPUT.INVALID', '没有需要审核的公示信息');
      const next: MemberPublicProfile = { ...p, updatedAt: call.now.toISOString() };
      for (const key of ['photo', 'commitment'] as const) {
        const verdict = input[key];
        if (verdict === undefined) continue;
        const item = p[key];
        if (!item) return fail('INPUT.INVALID', key === 'photo' ? '该成员没有提交照片' : '该成员没有填写服务承诺');
        if (verdict) next[key] = { ...item, approved: true };
        else delete next[key];
      }
      await call.deps.store.putRef('memberProfiles', next);
      return ok(profileView(m, next, call.dir));
    },
  }),
};
