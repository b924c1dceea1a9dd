/**
 * What a function handler needs from the world, passed in by the edge: the store, the clock,
 * ids, and the optional cloud-only checks. The cloud entries and the local host build these
 * differently; the handlers do not know which they run in.
 */
import type { DomainError } from '../core/errors';
import type { Store } from './store/store.port';
import { isoOf } from '../core/working-days';

export interface ContentCheck {
  /** WeChat `security.msgSecCheck` v2 in the cloud; absent locally. */
  check(text: string, openid: string): Promise<'pass' | 'risky'>;
}

export interface Limits {
  /** Cases one user may submit per China-local day. */
  submissionsPerDay: number;
}

export interface Deps {
  store: Store;
  now: () => Date;
  /** A new unique id with a prefix; case ids sort by time. */
  newId: (prefix: string) => string;
  contentCheck?: ContentCheck;
  limits: Limits;
  /**
   * Whether every photo id was uploaded by this user, checked before any action with `photos` runs.
   * The local host knows its uploads; the cloud, where the client uploads straight to cloud
   * storage, accepts only ids under the caller's keyed prefix (`uploadPrefix`). A DomainError
   * refuses with its own message (the cloud without its key refuses every photo: fail closed).
   */
  ownsUploads?: (fileIds: string[], openid: string) => Promise<boolean | DomainError>;
  /**
   * Where this user must upload photos (`case-photos/<tag>/`), for `resident.profile`. Only where
   * the client uploads by itself (the cloud); undefined when it cannot be computed.
   */
  uploadPrefix?: (openid: string) => string | undefined;
  /**
   * Temporary URLs for the cloud file ids of an answer (backend/cloud/temp-urls.ts): storage stays
   * private and the caller gets links only to what the answer shows. Absent locally.
   */
  fileUrls?: (fileIds: string[]) => Promise<Record<string, string>>;
  /**
   * The bytes of a spreadsheet this user uploaded (a 12345 工单 sheet to import): the host's own
   * upload, or a cloud file under the caller's keyed prefix. A DomainError when it is not theirs,
   * not a sheet, or gone.
   */
  readUpload?: (fileId: string, openid: string) => Promise<Uint8Array | DomainError>;
  /** Ledger export: writes the file and answers how to get it (a cloud file id or a download URL). */
  saveExport?: (fileName: string, bytes: Uint8Array, openid: string) => Promise<{ fileId?: string; url?: string }>;
}

export const DEFAULT_LIMITS: Limits = { submissionsPerDay: 20 };

const B36 = '0123456789abcdefghijklmnopqrstuvwxyz';
/** Four base-36 digits of count: 1,679,616 ids, far more than a process makes in a second. */
const ID_COUNT_WRAP = 36 ** 4;

/**
 * `C2026112314300500a7ab12cd`: China-local time, then a count of this process's ids, then random.
 * Ids sort by creation and read as numbers; the count makes one process's ids increase within a
 * second too, so that a new case, its events and its notices go in at the end of the B-trees keyed
 * by the case id (a page split at the edge, one page shared by a group commit's cases) instead of
 * at random places among the second's ids. The random tail keeps ids unguessable and unique across
 * processes (cloud function instances); `shortId` shows its last six characters.
 */
export function makeIdFactory(now: () => Date, random: () => number = Math.random): (prefix: string) => string {
  let count = 0;
  return (prefix: string) => {
    const local = isoOf(new Date(now().getTime() + 8 * 3_600_000));
    const stamp = local.slice(0, 19).replace(/[-T:]/g, '');
    count = (count + 1) % ID_COUNT_WRAP;
    let tail = '';
    for (let i = 0; i < 6; i++) tail += B36[Math.floor(random() * 36)];
    return `${prefix}${stamp}${count.toString(36).padStart(4, '0')}${tail}`;
  };
}
