/**
 * What 「用我的位置」 answers, shared by every platform's `location.*.ts`. A file of its own: the
 * platform files cannot import values from `./location`, which the build resolves to themselves.
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
