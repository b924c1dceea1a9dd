/**
 * Where the resident is now, in GCJ-02 (the coordinates the street's buildings are stored in).
 * The build picks the file for the target: `location.weapp.ts` (`Taro.getLocation`, gcj02) or
 * `location.h5.ts` (the browser's geolocation, WGS-84 converted to GCJ-02). This file is what the
 * type checker and any other target see.
 */
import { locateFailure, type LocateResult } from './location-result';

export type { LocateResult } from './location-result';

export async function locate(): Promise<LocateResult> {
  return locateFailure('unavailable');
}
