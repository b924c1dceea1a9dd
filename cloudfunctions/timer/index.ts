/** Cloud entry of `timer`: runs every minute on its trigger (config.json); users cannot call it. */
import cloud from 'wx-server-sdk';
import { runTimerTick } from '../../backend/functions/timer';
import { prepareCloud } from '../../backend/cloud/cloud-setup';
import { cloudDeps, subscribeSender, type WxCloud } from '../../backend/cloud/cloud-deps';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

export async function main(event: { Type?: string; TriggerName?: string }): Promise<unknown> {
  // A timer trigger has no user; a call from the mini-program carries an OPENID and is refused.
  const { OPENID } = cloud.getWXContext();
  if (OPENID) return { ok: false, error: { code: 'AUTH.FORBIDDEN', message: '无权执行定时任务' } };
  const w = cloud as unknown as WxCloud;
  await prepareCloud(w);
  const report = await runTimerTick(cloudDeps(w), subscribeSender(w));
  // Missing holiday data makes deadlines wrong: say so in the function's log, once an hour.
  if (report.calendarWarning && new Date().getUTCMinutes() === 0) console.warn(`节假日数据警告：${report.calendarWarning}`);
  return { ok: true, data: { trigger: event?.TriggerName, ...report } };
}
