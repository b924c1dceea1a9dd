/**
 * 民生微实事 photos on the local host: the photos of a round's projects (a candidate's, and each
 * delivery stage's — 立项 / 实施中 / 已完成) are public on the board, so `GET /files/<id>?roundId=…`
 * serves a photo to anyone when that round holds it. Any other photo keeps the case rules.
 */
import type { Store } from '../backend/store/store.port';

export async function isProjectPhoto(store: Store, roundId: string, fileId: string): Promise<boolean> {
  const round = await store.getRef('voteRounds', roundId);
  return round !== undefined && round.projects.some((p) => p.photos.includes(fileId) || p.delivery.some((d) => d.photos.includes(fileId)));
}
