import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { relayedStorage, type Messaging } from '../../extension/content-storage';
import { answerStorageRequest, storageChangedMessage } from '../../extension/storage-relay';
import { loadSettings, saveSettings, updateSettings, watchSettings } from '../../extension/settings-store';
import { loadPackPage } from '../../extension/pack-page';
import type { StorageAccess, StorageAreaName, StorageListener } from '../../extension/storage-access';
import type { MessageCStoBG } from '../../core/messages';
import { setSiteEnabled } from '../../core/settings';

// Firefox's content scripts reach the storage through the background (extension/content-storage.ts,
// extension/storage-relay.ts): what they read and write, and the changes they hear, must be what
// reading the storage directly gives, and nothing the background keeps for itself.

const TOPICS = ['huawei', '5g-standards', 'trade-blacklist'];
const PACK_PAGE = { topics: [], extends: [], probe: { anchors: 'x', terms: 'x' } };

/** The storage in memory, as the background would reach it; `sync: false` is a browser without storage.sync. */
function memoryStorage({ sync = true } = {}) {
  const areas: Record<StorageAreaName, Map<string, unknown>> = { sync: new Map(), local: new Map() };
  const listeners = new Set<StorageListener>();
  const storage: StorageAccess = {
    async get(area, key) {
      if (area === 'sync' && !sync) throw new Error('storage.sync is not available');
      return areas[area].has(key) ? { [key]: structuredClone(areas[area].get(key)) } : {};
    },
    async set(area, items) {
      if (area === 'sync' && !sync) throw new Error('storage.sync is not available');
      for (const [key, value] of Object.entries(items)) areas[area].set(key, structuredClone(value));
      for (const listener of listeners) listener(Object.fromEntries(Object.entries(items).map(([key, value]) => [key, { newValue: value }])), area);
    },
    watch(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { storage, areas };
}

/** The runtime's messaging between a content script and a background that answers as extension/storage-relay.ts does. */
function messagingTo(background: StorageAccess | undefined) {
  const heard = new Set<(message: unknown) => void>();
  const messaging: Messaging = {
    sendMessage: vi.fn(async (message: MessageCStoBG) => {
      if (!background) throw new Error('Could not establish connection. Receiving end does not exist.');
      if (message.type !== 'readStorage' && message.type !== 'writeStorage') return undefined;
      return structuredClone(await answerStorageRequest(message, background));
    }),
    onMessage: { addListener: (listener) => heard.add(listener), removeListener: (listener) => heard.delete(listener) },
  };
  // The background tells every tab of a change (relayStorageChanges).
  background?.watch((changes, area) => {
    const message = storageChangedMessage(changes, area);
    if (message) for (const listener of heard) listener(structuredClone(message));
  });
  return { messaging, heard };
}

afterEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
});

describe('the content script reads and writes the storage through the background', () => {
  it('touches no extension API until it is used (made in every frame; a frame whose probe finds nothing must not)', async () => {
    const touched = vi.fn();
    const runtime = fakeBrowser.runtime;
    vi.spyOn(fakeBrowser, 'runtime', 'get').mockImplementation(() => {
      touched();
      return runtime;
    });
    const relayed = relayedStorage(memoryStorage().storage);
    expect(touched).not.toHaveBeenCalled();
    await relayed.get('local', 'packProbe').catch(() => {});
    expect(touched).toHaveBeenCalled();
  });


  it('reads the settings and the packs as they are stored', async () => {
    const { storage } = memoryStorage();
    await storage.set('sync', { settings: { version: 1, enabled: false } });
    await storage.set('local', { packPage: PACK_PAGE });
    const relayed = relayedStorage(memoryStorage().storage, messagingTo(storage).messaging);
    expect((await loadSettings(TOPICS, relayed)).settings.enabled).toBe(false);
    expect(await loadPackPage(relayed)).toEqual(PACK_PAGE);
  });

  it('finds the settings in storage.local where storage.sync is unavailable, and writes them there', async () => {
    const { storage, areas } = memoryStorage({ sync: false });
    await storage.set('local', { settings: { version: 1, density: 'first-per-page' } });
    const relayed = relayedStorage(memoryStorage().storage, messagingTo(storage).messaging);
    expect((await loadSettings(TOPICS, relayed)).settings.density).toBe('first-per-page');
    await updateSettings(TOPICS, (settings) => setSiteEnabled(settings, 'example.com', false), relayed);
    expect(areas.local.get('settings')).toMatchObject({ density: 'first-per-page', sites: [{ host: 'example.com' }] });
  });

  it('hears the changes other parts of the extension make, until it stops listening', async () => {
    const { storage } = memoryStorage();
    const { messaging, heard } = messagingTo(storage);
    const relayed = relayedStorage(memoryStorage().storage, messaging);
    const seen: boolean[] = [];
    const stop = watchSettings(TOPICS, (settings) => seen.push(settings.enabled), relayed);
    await saveSettings({ ...(await loadSettings(TOPICS, storage)).settings, enabled: false }, storage);
    await vi.waitFor(() => expect(seen).toEqual([false]));
    stop();
    expect(heard.size).toBe(0);
  });

  it('reads the storage itself where no background answers (Firefox starts it after the first window)', async () => {
    const direct = memoryStorage();
    await direct.storage.set('sync', { settings: { version: 1, enabled: false } });
    const { messaging } = messagingTo(undefined);
    const relayed = relayedStorage(direct.storage, messaging);
    expect((await loadSettings(TOPICS, relayed)).settings.enabled).toBe(false);
    expect(messaging.sendMessage).toHaveBeenCalled();
  });
});

describe('what the background answers', () => {
  it('reads only what pages need, and writes only the settings', async () => {
    const { storage, areas } = memoryStorage();
    await storage.set('local', { topicPacks: { secret: true }, packProbe: { anchors: 'a', terms: 'a' } });
    expect(await answerStorageRequest({ type: 'readStorage', area: 'local', key: 'topicPacks' }, storage)).toEqual({ ok: false });
    expect(await answerStorageRequest({ type: 'readStorage', area: 'local', key: 'packProbe' }, storage)).toEqual({ ok: true, items: { packProbe: { anchors: 'a', terms: 'a' } } });
    expect(await answerStorageRequest({ type: 'writeStorage', area: 'local', items: { topicPacks: {} } }, storage)).toEqual({ ok: false });
    expect(await answerStorageRequest({ type: 'writeStorage', area: 'local', items: { settings: {}, topicPacks: {} } }, storage)).toEqual({ ok: false });
    expect(areas.local.get('topicPacks')).toEqual({ secret: true });
    expect(await answerStorageRequest({ type: 'writeStorage', area: 'sync', items: { settings: { enabled: false } } }, storage)).toEqual({ ok: true, items: {} });
    expect(areas.sync.get('settings')).toEqual({ enabled: false });
  });

  it('says so where the area cannot be used', async () => {
    const { storage } = memoryStorage({ sync: false });
    expect(await answerStorageRequest({ type: 'readStorage', area: 'sync', key: 'settings' }, storage)).toEqual({ ok: false });
  });

  it('tells the tabs of changes to what they read, and of nothing else', () => {
    expect(storageChangedMessage({ settings: { newValue: { enabled: false } }, topicPacks: { newValue: {} } }, 'sync')).toEqual({
      type: 'storageChanged',
      area: 'sync',
      changes: { settings: { newValue: { enabled: false } } },
    });
    expect(storageChangedMessage({ topicPacks: { newValue: {} } }, 'local')).toBeUndefined();
    expect(storageChangedMessage({ settings: { newValue: {} } }, 'managed')).toBeUndefined();
  });
});
