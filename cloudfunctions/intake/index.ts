/** Cloud entry of `intake`: the caller is the OPENID WeChat gives; everything else is the shared handler. */
import cloud from 'wx-server-sdk';
import { intake } from '../../backend/functions/intake';
import { prepareCloud } from '../../backend/cloud/cloud-setup';
import { cloudDeps, stripPlatformFields, type WxCloud } from '../../backend/cloud/cloud-deps';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

export async function main(event: unknown): Promise<unknown> {
  const { OPENID } = cloud.getWXContext();
  await prepareCloud(cloud as unknown as WxCloud);
  return intake.handle(stripPlatformFields(event), OPENID || undefined, cloudDeps(cloud as unknown as WxCloud));
}
