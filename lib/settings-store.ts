import { browser } from 'wxt/browser';
import { readSettings, type Settings, type SettingsProblem } from '../utils/settings';

// Settings follow the reader across browsers through storage.sync; where sync is unavailable
// (some Chromium builds, Firefox without an account, enterprise policy) they stay in
// storage.local. This is a few lines over browser.storage rather than WXT's storage wrapper,
// which would add ~10 KB to the content script that runs on every page.
const KEY = 'settings';
type Area = 'sync' | 'local';

let areaPromise: Promise<Area> | undefined;
function settingsArea(): Promise<Area> {
  areaPromise ??= (async () => {
    try {
      if (!browser.storage.sync) return 'local';
      await browser.storage.sync.get(KEY);
      return 'sync';
    } catch {
      return 'local';
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
  const area = await settingsArea();
  const stored = await browser.storage[area].get(KEY);
  return readSettings(stored[KEY], topicIds);
}

export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage[await settingsArea()].set({ [KEY]: settings });
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
  const listener = async (changes: Record<string, { newValue?: unknown }>, areaName: string) => {
    if (KEY in changes && areaName === (await settingsArea())) callback(readSettings(changes[KEY].newValue, topicIds).settings);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
