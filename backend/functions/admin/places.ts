/**
 * Where buildings stand: the community admin sets (or clears) a building's coordinates in 网格与人员,
 * so that a resident's 「用我的位置」 finds the nearest building (core/geo.ts).
 */
import * as z from 'zod';
import { fail, ok, type Result } from '../../../core/errors';
import { checkCoordinates } from '../../../core/geo';
import type { Building } from '../../store/ref-docs';
import { id } from '../../validation';
import { writeRef } from './ref-writes';
import { ADMINS, inCommunity, staffAction, type AdminCall } from './scope';

/** The shape only; the ranges are checked by `checkCoordinates`, which names the problem in Chinese. */
const setBuildingLocationInput = z.strictObject({
  buildingId: id,
  /** GCJ-02 (what WeChat's map and a Chinese map app show); `null` clears it. */
  location: z.strictObject({ latitude: z.number(), longitude: z.number() }).nullable(),
});

export type BuildingLocationResult = Pick<Building, 'id' | 'name' | 'latitude' | 'longitude'>;

/** Sets or clears where a building stands. */
export async function setBuildingLocation(
  input: z.infer<typeof setBuildingLocationInput>,
  call: AdminCall,
): Promise<Result<BuildingLocationResult>> {
  const known = call.dir.buildings.get(input.buildingId);
  if (!known || !inCommunity(call.scope, call.dir, known.communityId)) return fail('PLACE.NOT_FOUND', '楼栋不存在或不属于本社区');
  let point: { latitude: number; longitude: number } | undefined;
  if (input.location) {
    const checked = checkCoordinates(input.location);
    if (!checked.ok) return checked;
    point = checked.value;
  }
  // The stored record as it is now, so a rename made meanwhile is kept.
  const fresh = (await call.deps.store.getRef('buildings', known.id)) ?? known;
  const { latitude: _lat, longitude: _lng, ...rest } = fresh;
  const next: Building = point ? { ...rest, ...point } : rest;
  await writeRef(call.deps.store, 'buildings', next);
  return ok({ id: next.id, name: next.name, ...(point ?? {}) });
}

export const placeActions = {
  setBuildingLocation: staffAction(ADMINS, setBuildingLocationInput, setBuildingLocation),
};
