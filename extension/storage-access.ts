import { browser } from 'wxt/browser';
import type { StorageAreaName, StorageChangedMessage } from '../core/messages';

/** The storage areas the extension keeps its own data in (storage.managed is the policy's, read-only). */
export type { StorageAreaName };

/** What changed, per key (as storage.onChanged gives it, and the background passes it on to Firefox's content scripts). */
export type StorageChanges = StorageChangedMessage['changes'];

export type StorageListener = (changes: StorageChanges, area: string) => void;

/**
 * How a part of the extension reaches its storage: directly through the browser's API
 * (`directStorage`: the background and the extension's pages, and content scripts in Chromium),
 * or through the background (Firefox's content scripts: extension/content-storage.ts).
 */
export interface StorageAccess {
  /** What `area` holds under `key`; rejects where the area cannot be used (storage.sync in some builds, or turned off). */
  get(area: StorageAreaName, key: string): Promise<Record<string, unknown>>;
  set(area: StorageAreaName, items: Record<string, unknown>): Promise<void>;
  /** Calls `listener` on every change of the extension's storage; returns the function that stops, safe to call after a reload of the extension. */
  watch(listener: StorageListener): () => void;
}

/** The browser's storage API, as it is. */
export const directStorage: StorageAccess = {
  get: async (area, key) => storageArea(area).get(key),
  set: async (area, items) => storageArea(area).set(items),
  watch(listener) {
    browser.storage.onChanged.addListener(listener);
    return () => {
      try {
        browser.storage.onChanged.removeListener(listener);
      } catch {
        // The extension was reloaded or updated: its runtime, and the listener with it, are gone.
      }
    };
  },
};

/** The browser's storage area, or an error where it has none (storage.sync in some builds). */
function storageArea(area: StorageAreaName) {
  const storage = browser.storage[area];
  if (!storage) throw new Error(`storage.${area} is not available`);
  return storage;
}
