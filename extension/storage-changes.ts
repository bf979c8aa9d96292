import { browser } from 'wxt/browser';

type StorageListener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;

/**
 * Listens to changes of the extension's storage (every area); returns the function that stops
 * listening, which is safe to call after the extension was reloaded or updated.
 */
export function watchStorage(listener: StorageListener): () => void {
  browser.storage.onChanged.addListener(listener);
  return () => {
    try {
      browser.storage.onChanged.removeListener(listener);
    } catch {
      // The extension was reloaded or updated: its runtime, and the listener with it, are gone.
    }
  };
}
