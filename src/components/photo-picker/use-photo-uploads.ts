import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../services/api-error';
import { uploadPhoto, type PhotoSource } from '../../services/photo-upload';
import { MAX_PHOTOS, photosProblem, roomLeft, summarize, updatePhoto, type PhotoItem } from '../../utils/photo-list';

export interface PhotoUploads {
  items: PhotoItem[];
  /** Uploaded fileIds, in order. */
  fileIds: string[];
  /** Why the form cannot be sent yet because of photos. */
  problem?: string;
  max: number;
  add: (picked: Array<{ preview: string; source: PhotoSource }>) => void;
  remove: (key: string) => void;
  retry: (key: string) => void;
  /** Starts again, e.g. with the photos of a saved draft. */
  reset: (items?: PhotoItem[]) => void;
  /** The last upload error, for a toast. */
  lastError?: string;
}

let seq = 0;

/** Each picked photo uploads at once, so that sending the report later is quick. */
export function usePhotoUploads(max = MAX_PHOTOS, initial: PhotoItem[] = []): PhotoUploads {
  const [items, setItems] = useState<PhotoItem[]>(initial);
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const [lastError, setLastError] = useState<string>();
  const sources = useRef(new Map<string, PhotoSource>());
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const start = useCallback((key: string) => {
    const source = sources.current.get(key);
    if (source === undefined) return;
    uploadPhoto(source)
      .then((fileId) => {
        if (alive.current) setItems((xs) => updatePhoto(xs, key, { status: 'done', fileId }));
      })
      .catch((e: unknown) => {
        if (!alive.current) return;
        setItems((xs) => updatePhoto(xs, key, { status: 'failed' }));
        setLastError(errorMessage(e));
      });
  }, []);

  const add = useCallback(
    (picked: Array<{ preview: string; source: PhotoSource }>) => {
      const fresh = picked.slice(0, roomLeft(itemsRef.current, max)).map((p) => {
        const key = `p${++seq}`;
        sources.current.set(key, p.source);
        return { key, preview: p.preview, status: 'uploading' as const };
      });
      itemsRef.current = [...itemsRef.current, ...fresh];
      setItems((xs) => [...xs, ...fresh]);
      fresh.forEach((p) => start(p.key));
    },
    [max, start],
  );

  const remove = useCallback((key: string) => {
    sources.current.delete(key);
    setItems((xs) => xs.filter((p) => p.key !== key));
  }, []);

  const retry = useCallback(
    (key: string) => {
      setItems((xs) => updatePhoto(xs, key, { status: 'uploading' }));
      start(key);
    },
    [start],
  );

  const reset = useCallback((next: PhotoItem[] = []) => {
    sources.current.clear();
    setItems(next);
  }, []);

  const summary = summarize(items);
  return { items, fileIds: summary.fileIds, problem: photosProblem(items), max, add, remove, retry, reset, lastError };
}
