/**
 * Which photos go with which line of the timeline. Later events carry their own photos; the
 * photos the resident sent with the report are the case's `before` photos that no 补充 added.
 */
export interface PhotoRef {
  fileId: string;
  stage: string;
}

export function reportPhotos(casePhotos: readonly PhotoRef[], timeline: ReadonlyArray<{ action: string; photos?: string[] }>): string[] {
  const later = new Set(timeline.filter((e) => e.action !== 'submit').flatMap((e) => e.photos ?? []));
  return casePhotos.filter((p) => p.stage === 'before' && !later.has(p.fileId)).map((p) => p.fileId);
}

/** The photos of the result (办理后), for the result card. */
export const resultPhotos = (casePhotos: readonly PhotoRef[]): string[] =>
  casePhotos.filter((p) => p.stage === 'after').map((p) => p.fileId);
