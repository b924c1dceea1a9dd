/**
 * Where the resident is now, in GCJ-02 (the coordinates the street's buildings are stored in).
 * The build picks the file for the target: `location.weapp.ts` (`Taro.getLocation`, gcj02) or
 * `location.h5.ts` (the browser's geolocation, WGS-84 converted to GCJ-02). This file is what the
 * type checker and any other target see.
 */
import type { LatLng } from '../../core/geo';

export type LocateResult =
  | { ok: true; point: LatLng }
  /** `denied`: the person or the phone refused; `unavailable`: no fix (no signal, timeout, no API). */
  | { ok: false; reason: 'denied' | 'unavailable'; message: string };

export const LOCATE_MESSAGES = {
  denied: '没有获得位置权限，请在下面的列表中选择楼栋（也可以在手机设置里允许使用位置）',
  unavailable: '暂时无法获取您的位置，请在下面的列表中选择楼栋',
} as const;

export const locateFailure = (reason: 'denied' | 'unavailable'): LocateResult => ({ ok: false, reason, message: LOCATE_MESSAGES[reason] });

export async function locate(): Promise<LocateResult> {
  return locateFailure('unavailable');
}
