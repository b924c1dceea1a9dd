import { staffProfileStore } from './staff-profile';

/**
 * The caller's upload folder in WeChat cloud storage, from `resident.profile` (loaded once per
 * identity and kept by the profile store). When the kept profile has none — it failed to load,
 * or came from a server without its key — the profile is loaded once more; still none is
 * `undefined`, and the caller refuses to upload.
 */
let again: Promise<void> | undefined;

export async function currentUploadPrefix(): Promise<string | undefined> {
  const before = staffProfileStore.get().profile;
  await staffProfileStore.ensure();
  const profile = staffProfileStore.get().profile;
  if (profile?.uploadPrefix) return profile.uploadPrefix;
  // Just loaded and without one: asking again at once would not help.
  if (profile && profile !== before) return undefined;
  again ??= staffProfileStore.reload().finally(() => (again = undefined));
  await again;
  return staffProfileStore.get().profile?.uploadPrefix;
}
