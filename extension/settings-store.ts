import { readSettings, type Settings, type SettingsProblem } from '../core/settings';
import { directStorage, type StorageAccess, type StorageAreaName } from './storage-access';

// Settings follow the reader across browsers through storage.sync; where sync is unavailable
// (some Chromium builds, Firefox without an account, enterprise policy) they stay in
// storage.local. This is a few lines over browser.storage rather than WXT's storage wrapper,
// which would add ~10 KB to the content script that runs on every page. Each function takes the
// way to the storage (extension/storage-access.ts): the browser's API by default, the background
// for Firefox's content scripts (extension/content-storage.ts).
export const SETTINGS_KEY = 'settings';

type Stored = Record<string, unknown>;

/** Where the settings live, and what was read there while finding out (per way to the storage). */
const areas = new WeakMap<StorageAccess, Promise<{ area: StorageAreaName; firstRead?: Stored }>>();
function settingsArea(storage: StorageAccess): Promise<{ area: StorageAreaName; firstRead?: Stored }> {
  let found = areas.get(storage);
  if (!found) {
    found = storage.get('sync', SETTINGS_KEY).then(
      (firstRead) => ({ area: 'sync' as const, firstRead }),
      () => ({ area: 'local' as const }),
    );
    areas.set(storage, found);
  }
  return found;
}

export interface LoadedSettings {
  settings: Settings;
  /** Each stored field that was unreadable and fell back to its default (words: settings-messages.ts). */
  problems: SettingsProblem[];
}

export async function loadSettings(topicIds: readonly string[], storage: StorageAccess = directStorage): Promise<LoadedSettings> {
  // The load that finds the area uses what it read there (one round trip on every page, not two).
  const discovering = !areas.has(storage);
  const found = await settingsArea(storage);
  const stored = discovering && found.firstRead ? found.firstRead : await storage.get(found.area, SETTINGS_KEY);
  return readSettings(stored?.[SETTINGS_KEY], topicIds);
}

export async function saveSettings(settings: Settings, storage: StorageAccess = directStorage): Promise<void> {
  await storage.set((await settingsArea(storage)).area, { [SETTINGS_KEY]: settings });
}

/** Reads, changes and writes the settings in one step. */
export async function updateSettings(topicIds: readonly string[], change: (settings: Settings) => Settings, storage: StorageAccess = directStorage): Promise<Settings> {
  const { settings } = await loadSettings(topicIds, storage);
  const next = change(settings);
  await saveSettings(next, storage);
  return next;
}

/** Calls back with the validated settings whenever any part of the extension changes them. */
export function watchSettings(topicIds: readonly string[], callback: (settings: Settings) => void, storage: StorageAccess = directStorage): () => void {
  return storage.watch(async (changes, areaName) => {
    if (SETTINGS_KEY in changes && areaName === (await settingsArea(storage)).area) callback(readSettings(changes[SETTINGS_KEY].newValue, topicIds).settings);
  });
}
