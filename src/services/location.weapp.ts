import Taro from '@tarojs/taro';
import { locateFailure, type LocateResult } from './location-result';

export type { LocateResult } from './location-result';

/** WeChat's own fix in GCJ-02 (`requiredPrivateInfos: getLocation`, `scope.userLocation`). */
export async function locate(): Promise<LocateResult> {
  try {
    const res = await Taro.getLocation({ type: 'gcj02' });
    return { ok: true, point: { latitude: res.latitude, longitude: res.longitude } };
  } catch (e) {
    const msg = String((e as { errMsg?: string } | undefined)?.errMsg ?? e);
    // 「auth deny」「authorize no response」「system permission denied」「privacy … not authorized」
    return locateFailure(/auth|deny|denied|permission|privacy/i.test(msg) ? 'denied' : 'unavailable');
  }
}
