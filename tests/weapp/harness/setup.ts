/**
 * The setup several journeys share: reading a function's reply, filing a case as a resident,
 * acting as staff through a function, an after-photo in a staff member's own upload folder, and opening 民生微实事 and the
 * 满意度测评 for a community today.
 */
import { uploadPrefix } from '../../../backend/upload-tag';
import type { MiniProgram } from './mini-program';
import { TEST_UPLOAD_SECRET, type World } from './world';

/** The data of a function's reply; a refusal throws with its message. */
export function data<T>(r: unknown): T {
  const reply = r as { ok: boolean; data?: T; error?: { message: string } };
  if (!reply.ok) throw new Error(reply.error?.message ?? 'call failed');
  return reply.data as T;
}

/** Today's date in China (UTC+8), as the app and the functions write it. */
export function chinaToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** What a resident files in a building (`resident.submitCase`); the category is 'cat-01' unless given. */
export interface BuildingCase {
  requestId: string;
  buildingId: string;
  description: string;
  isPublic: boolean;
  categoryId?: string;
}

/** Files a case as `resident` and answers its id; a refusal throws with its message. */
export async function fileCase(world: World, resident: string, c: BuildingCase): Promise<string> {
  const filed = data<{ caseId: string }>(await world.call('resident', { action: 'submitCase', categoryId: 'cat-01', ...c }, resident));
  return filed.caseId;
}

/** Calls the member function as `openid`; a refusal throws `member.<action>: <message>`. */
export async function memberCall(world: World, openid: string, action: string, params: Record<string, unknown>): Promise<void> {
  const r = (await world.call('member', { action, ...params }, openid)) as { ok: boolean; error?: { message: string } };
  if (!r.ok) throw new Error(`member.${action}: ${r.error?.message}`);
}

/** Stores an after-photo in `openid`'s own upload folder and answers its file id. */
export function staffPhoto(world: World, openid: string, seq: number): string {
  const id = world.fileIdOf(`${uploadPrefix(TEST_UPLOAD_SECRET, openid)}20261207/after${String(seq).padStart(11, '0')}.png`);
  world.files.set(id, Buffer.from('png'));
  return id;
}

/**
 * A case waiting for the resident's 评价: 1栋's broken lamp (路灯, so the building's 楼栋物管员),
 * filed by `resident`, accepted and resolved with an after-photo by the steward; answers its id.
 */
export async function resolvedCase(world: World, resident: string, requestId: string): Promise<string> {
  const steward = 'demo-11-building-steward';
  const caseId = await fileCase(world, resident, {
    requestId,
    buildingId: 'sf-yuyuan-g1-b1',
    description: '1栋门口路灯不亮，晚上老人出门看不清台阶',
    isPublic: false,
  });
  await memberCall(world, steward, 'acceptCase', { caseId });
  await memberCall(world, steward, 'resolveCase', { caseId, result: '已更换路灯灯泡', photos: [staffPhoto(world, steward, 1)] });
  return caseId;
}

/** On 我要上报: 设施维修 at 渝园社区 · 第一网格 · 1栋, described as `description`, ready to submit. */
export async function fillReport(mp: MiniProgram, description: string): Promise<void> {
  await mp.tap('设施维修');
  await mp.tap('渝园社区');
  await mp.tap('第一网格');
  await mp.tap('1栋');
  await mp.see('渝园社区 · 第一网格 · 1栋');
  await mp.input('哪里坏了、坏了多久', description);
  await mp.see('提交诉求');
}

/** Opens a 民生微实事 round of two projects and the 满意度测评 in 渝园社区, today only; answers the round's id. */
export async function openEngagement(world: World, admin: string): Promise<string> {
  const today = chinaToday();
  const round = data<{ id: string }>(
    await world.call(
      'community',
      {
        action: 'voteRoundSave',
        communityId: 'sf-yuyuan',
        title: '冬季民生微实事',
        opensOn: today,
        closesOn: today,
        votesPerPerson: 1,
        projects: [
          { title: '楼道加装扶手', description: '为1至4栋楼道加装不锈钢扶手', cost: 18000, provider: '社区服务中心' },
          { title: '小区充电棚', description: '在2栋旁建设电动车集中充电棚', cost: 45000, provider: '物业公司' },
        ],
      },
      admin,
    ),
  );
  data(await world.call('community', { action: 'surveyOpen', communityId: 'sf-yuyuan', opensOn: today, closesOn: today }, admin));
  return round.id;
}
