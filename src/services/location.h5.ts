import { wgs84togcj02 } from 'coordtransform';
import { locateFailure, type LocateResult } from './location';

export { LOCATE_MESSAGES, locateFailure, type LocateResult } from './location';

const TIMEOUT_MS = 15000;

/**
 * The browser's fix. Browsers give WGS-84; the buildings are stored in GCJ-02 (what WeChat and
 * Chinese maps use), a few hundred metres apart in China, so the point is converted first.
 */
export function locate(): Promise<LocateResult> {
  const geo = typeof navigator === 'undefined' ? undefined : navigator.geolocation;
  if (!geo) return Promise.resolve(locateFailure('unavailable'));
  return new Promise((resolve) => {
    geo.getCurrentPosition(
      (pos) => {
        const [longitude, latitude] = wgs84togcj02(pos.coords.longitude, pos.coords.latitude);
        resolve({ ok: true, point: { latitude, longitude } });
      },
      (err) => resolve(locateFailure(err.code === err.PERMISSION_DENIED ? 'denied' : 'unavailable')),
      { enableHighAccuracy: true, timeout: TIMEOUT_MS, maximumAge: 60000 },
    );
  });
}
