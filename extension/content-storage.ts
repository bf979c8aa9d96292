import { browser } from 'wxt/browser';
import { isStorageChangedMessage, type MessageCStoBG, type StorageReply } from '../core/messages';
import { directStorage, type StorageAccess } from './storage-access';

/** What relayedStorage needs of the runtime API (a stand-in in tests). */
export interface Messaging {
  sendMessage(message: MessageCStoBG): Promise<unknown>;
  onMessage: {
    addListener(listener: (message: unknown) => void): void;
    removeListener(listener: (message: unknown) => void): void;
  };
}

/**
 * The runtime's messaging, looked up on each use: `contentStorage` is made as the content script
 * starts, in every frame, and a frame whose probe finds nothing must not touch the API (in
 * Firefox, its first touch injects the API into the frame's sandbox).
 */
const runtimeMessaging: Messaging = {
  sendMessage: (message) => browser.runtime.sendMessage(message),
  onMessage: {
    addListener: (listener) => browser.runtime.onMessage.addListener(listener),
    removeListener: (listener) => browser.runtime.onMessage.removeListener(listener),
  },
};

/**
 * The storage through the background: reads and writes are messages it answers, and it tells
 * every tab of changes. Where no background answers (Firefox starts it after the first window at
 * start-up, while restored tabs may already load), `fallback` is used instead.
 */
export function relayedStorage(fallback: StorageAccess, messaging: Messaging = runtimeMessaging): StorageAccess {
  /** The background's reply; undefined if no background answered. */
  const ask = async (message: MessageCStoBG): Promise<StorageReply | undefined> => {
    try {
      const reply = (await messaging.sendMessage(message)) as StorageReply | undefined;
      return typeof reply?.ok === 'boolean' ? reply : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    async get(area, key) {
      const reply = await ask({ type: 'readStorage', area, key });
      if (!reply) return fallback.get(area, key);
      if (!reply.ok) throw new Error(`storage.${area} is not available`);
      return reply.items;
    },
    async set(area, items) {
      const reply = await ask({ type: 'writeStorage', area, items });
      if (!reply) return fallback.set(area, items);
      if (!reply.ok) throw new Error(`storage.${area} is not available`);
    },
    watch(listener) {
      const onMessage = (message: unknown) => {
        if (isStorageChangedMessage(message)) listener(message.changes, message.area);
      };
      messaging.onMessage.addListener(onMessage);
      return () => {
        try {
          messaging.onMessage.removeListener(onMessage);
        } catch {
          // The extension was reloaded or updated: its runtime, and the listener with it, are gone.
        }
      };
    },
  };
}

/**
 * How the content script and the page reader reach the extension's storage (the settings, what
 * the topic packs add).
 *
 * In Chromium, directly. In Firefox, through the background page (extension/storage-relay.ts):
 * the first use of `browser.storage` in a content script makes Firefox load and inject its storage
 * API into the page's process (its child-side scripts, and IndexedDB for storage.local), about 9 ms
 * of the page's main thread in a new process on the bench's machine, where messages to the
 * background need only the runtime API the content script uses anyway (docs/performance.md).
 * Firefox's background page is persistent, so it answers at once; Chromium's service worker may
 * be asleep, and waking it would hold up the settings, and with them the highlights' style sheet.
 */
export const contentStorage: StorageAccess = import.meta.env.FIREFOX ? relayedStorage(directStorage) : directStorage;
