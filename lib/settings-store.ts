import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { readSettings, type Settings } from '../utils/settings';

// Settings follow the reader across browsers through storage.sync; where sync is unavailable
// (some Chromium builds, Firefox without an account, policy) they stay in storage.local.
const SYNC_KEY = 'sync:settings';
const LOCAL_KEY = 'local:settings';

let keyPromise: Promise<typeof SYNC_KEY | typeof LOCAL_KEY> | undefined;
function settingsKey() {
  keyPromise ??= (async () => {
    try {
      if (!browser.storage.sync) return LOCAL_KEY;
      await browser.storage.sync.get('settings');
      return SYNC_KEY;
    } catch {
      return LOCAL_KEY;
    }
  })();
  return keyPromise;
}

export interface LoadedSettings {
  settings: Settings;
  /** Human messages for each stored field that was unreadable and fell back to its default. */
  problems: string[];
}

export async function loadSettings(topicIds: readonly string[]): Promise<LoadedSettings> {
  return readSettings(await storage.getItem(await settingsKey()), topicIds);
}

export async function saveSettings(settings: Settings): Promise<void> {
  await storage.setItem(await settingsKey(), settings);
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
  let unwatch: (() => void) | undefined;
  let stopped = false;
  void settingsKey().then((key) => {
    if (!stopped) unwatch = storage.watch(key, (value) => callback(readSettings(value, topicIds).settings));
  });
  return () => {
    stopped = true;
    unwatch?.();
  };
}
