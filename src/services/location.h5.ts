import { wgs84togcj02 } from 'coordtransform';
import { locateFailure, type LocateResult } from './location-result';

export type { LocateResult } from './location-result';

const TIMEOUT_MS = 15000;
/**
 * The browser's own timeout starts only once the person answered the permission prompt; a prompt
 * left open (or a browser that never answers) must not keep the page waiting for ever.
 */
const WATCHDOG_MS = 30000;

/**
 * The browser's fix. Browsers give WGS-84; the buildings are stored in GCJ-02 (what WeChat and
 * Chinese maps use), a few hundred metres apart in China, so the point is converted first.
 */
export function locate(): Promise<LocateResult> {
  const geo = typeof navigator === 'undefined' ? undefined : navigator.geolocation;
  if (!geo) return Promise.resolve(locateFailure('unavailable'));
  return new Promise((resolve) => {
    let done = false;
    const finish = (r: LocateResult) => {
      if (done) return;
      done = true;
      clearTimeout(watchdog);
      resolve(r);
    };
    const watchdog = setTimeout(() => finish(locateFailure('unavailable')), WATCHDOG_MS);
    geo.getCurrentPosition(
      (pos) => {
        const [longitude, latitude] = wgs84togcj02(pos.coords.longitude, pos.coords.latitude);
        finish({ ok: true, point: { latitude, longitude } });
      },
      (err) => finish(locateFailure(err.code === err.PERMISSION_DENIED ? 'denied' : 'unavailable')),
      // A fresh fix each time: the person may have walked to another building since the last tap.
      { enableHighAccuracy: true, timeout: TIMEOUT_MS, maximumAge: 0 },
    );
  });
}
