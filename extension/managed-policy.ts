import { browser } from 'wxt/browser';
import { readSettingsPolicy, type SettingsPolicy } from '../core/settings-policy';
import { directStorage } from './storage-access';

/**
 * What the organisation's policy sets for this extension (storage.managed, checked by Chromium
 * against public/managed-schema.json): its topic packs (extension/pack-store.ts) and the settings
 * it locks (core/settings-policy.ts). Nothing where no policy is set: Firefox throws then,
 * Chromium answers {}.
 */
export async function loadManagedPolicy(): Promise<Record<string, unknown>> {
  try {
    return (await browser.storage.managed.get(null)) ?? {};
  } catch {
    return {};
  }
}

export interface LoadedSettingsPolicy {
  policy: SettingsPolicy;
  /** Why a value of the policy was not applied (shown on the options page). */
  problems: string[];
}

export async function loadSettingsPolicy(): Promise<LoadedSettingsPolicy> {
  return readSettingsPolicy(await loadManagedPolicy());
}

/** Calls back when the organisation's policy changes (the browser reads it again now and then). */
export function watchManagedPolicy(callback: () => void): () => void {
  return directStorage.watch((_changes, area) => {
    if (area === 'managed') callback();
  });
}
