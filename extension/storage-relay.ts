import { browser } from 'wxt/browser';
import type { MessageCStoBG, StorageChangedMessage, StorageReply } from '../core/messages';
import { PACK_MATCHER_KEY } from './pack-matcher';
import { PACK_PAGE_KEY, PACK_PROBE_KEY } from './pack-page';
import { SETTINGS_KEY } from './settings-store';
import { directStorage, type StorageAccess, type StorageChanges } from './storage-access';

/**
 * The background's side of Firefox's content-script storage (extension/content-storage.ts): it
 * reads and writes for the content scripts, and tells every tab of changes to what they read.
 * Only what pages need is answered: the settings (which the card's "Turn off on this site" also
 * writes) and what the topic packs add. A content script may use the storage API itself, so this
 * gives it nothing more; it keeps the rest (the packs' library, what is set aside) out of reach.
 */

/** What content scripts read. */
export const CONTENT_STORAGE_KEYS: readonly string[] = [SETTINGS_KEY, PACK_PAGE_KEY, PACK_PROBE_KEY, PACK_MATCHER_KEY];
/** What they write. */
const CONTENT_WRITABLE_KEYS: readonly string[] = [SETTINGS_KEY];

/** The answer to a content script's readStorage or writeStorage. */
export async function answerStorageRequest(message: Extract<MessageCStoBG, { type: 'readStorage' | 'writeStorage' }>, storage: StorageAccess = directStorage): Promise<StorageReply> {
  try {
    if (message.type === 'readStorage') {
      if (!CONTENT_STORAGE_KEYS.includes(message.key)) return { ok: false };
      return { ok: true, items: await storage.get(message.area, message.key) };
    }
    if (!Object.keys(message.items).every((key) => CONTENT_WRITABLE_KEYS.includes(key))) return { ok: false };
    await storage.set(message.area, message.items);
    return { ok: true, items: {} };
  } catch {
    return { ok: false }; // the area cannot be used (storage.sync, where sync is unavailable)
  }
}

/** The part of a storage change that content scripts read, as the message that tells them; undefined if none of it. */
export function storageChangedMessage(changes: StorageChanges, area: string): StorageChangedMessage | undefined {
  const relevant = Object.entries(changes).filter(([key]) => CONTENT_STORAGE_KEYS.includes(key));
  if (relevant.length === 0 || (area !== 'sync' && area !== 'local')) return undefined;
  return { type: 'storageChanged', area, changes: Object.fromEntries(relevant.map(([key, change]) => [key, { newValue: change.newValue }])) };
}

/** Tells every frame of every tab of changes to what content scripts read (Firefox's background, at its start). */
export function relayStorageChanges(): void {
  directStorage.watch((changes, area) => {
    const message = storageChangedMessage(changes, area);
    if (!message) return;
    void browser.tabs.query({}).then((tabs) => {
      for (const tab of tabs) {
        // (A tab without a content script that reads, such as a browser page, has no one to answer.)
        if (tab.id !== undefined) browser.tabs.sendMessage(tab.id, message).catch(() => {});
      }
    });
  });
}
