import { browser } from 'wxt/browser';
import { readSettings, type Settings, type SettingsProblem } from '../core/settings';
import { watchStorage } from './storage-changes';

// Settings follow the reader across browsers through storage.sync; where sync is unavailable
// (some Chromium builds, Firefox without an account, enterprise policy) they stay in
// storage.local. This is a few lines over browser.storage rather than WXT's storage wrapper,
// which would add ~10 KB to the content script that runs on every page.
const KEY = 'settings';
type Area = 'sync' | 'local';

type Stored = Record<string, unknown>;

/** Where the settings live, and what was read there while finding out. */
let areaPromise: Promise<{ area: Area; firstRead?: Stored }> | undefined;
function settingsArea(): Promise<{ area: Area; firstRead?: Stored }> {
  areaPromise ??= (async () => {
    try {
      if (!browser.storage.sync) return { area: 'local' };
      return { area: 'sync', firstRead: await browser.storage.sync.get(KEY) };
    } catch {
      return { area: 'local' };
    }
  })();
  return areaPromise;
}

export interface LoadedSettings {
  settings: Settings;
  /** Each stored field that was unreadable and fell back to its default (words: settings-messages.ts). */
  problems: SettingsProblem[];
}

export async function loadSettings(topicIds: readonly string[]): Promise<LoadedSettings> {
  // The load that finds the area uses what it read there (one round trip on every page, not two).
  const discovering = areaPromise === undefined;
  const found = await settingsArea();
  const stored = discovering && found.firstRead ? found.firstRead : await browser.storage[found.area].get(KEY);
  return readSettings(stored?.[KEY], topicIds);
}

export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage[(await settingsArea()).area].set({ [KEY]: settings });
}

/** Reads, changes and writes the settings in one step. */
export async function updateSettings(topicIds: readonly string[], change: (settings: Settings) => Settings): Promise<Settings> {
  const { settings } = await loadSettings(topicIds);
  const next = change(settings);
  await saveSettings(next);
  return next;
}

/** Calls back with the validated settings whenever any part of the extension changes them. */
export function watchSettings(topicIds: readonly string[], callback: (settings: Settings) => void): () => void {
  return watchStorage(async (changes, areaName) => {
    if (KEY in changes && areaName === (await settingsArea()).area) callback(readSettings(changes[KEY].newValue, topicIds).settings);
  });
}
