import { browser } from 'wxt/browser';
import { isPlainObject } from '../core/settings';
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

export async function loadSettingsPolicy(managed: Promise<Record<string, unknown>> = loadManagedPolicy()): Promise<LoadedSettingsPolicy> {
  return readSettingsPolicy(await managed);
}

/** Calls back when the organisation's policy changes (the browser reads it again now and then). */
export function watchManagedPolicy(callback: () => void): () => void {
  return directStorage.watch((_changes, area) => {
    if (area === 'managed') callback();
  });
}

/**
 * Chromium answers storage.managed only once its policy service is up: seconds after the browser
 * starts, with or without a policy (measured: the first read 2.9 s alone on the bench's machine, 33 s
 * in the bench's busy browser, every later one 0.2-3 ms; at once with no `managed_schema`, but the
 * schema is what lets an organisation set anything). A card opened on a restored tab in those
 * seconds waited for it. So the background keeps a copy of the last policy the browser gave
 * (storage.local), to answer from meanwhile.
 */
const POLICY_COPY_KEY = 'managedPolicyCopy';
/** How long the browser's answer is waited for before the copy is used: far less than a card's open delay (400 ms). */
const POLICY_PATIENCE_MS = 150;

export interface ManagedPolicyReading {
  /** The browser's answer: what anything written (the reader's settings, the packs) is made from. */
  current: Promise<Record<string, unknown>>;
  /**
   * What is only shown meanwhile (a card's answers, its locks): the browser's answer if it comes
   * within the patience, else the copy of the last one. Without a copy (the first start after
   * install), the browser's answer, however long it takes.
   */
  meanwhile: Promise<Record<string, unknown>>;
}

/** Where a reading of the policy comes from (the browser's storage in the extension; stand-ins in tests). */
export interface ManagedPolicySources {
  read(): Promise<Record<string, unknown>>;
  readCopy(): Promise<unknown>;
  keepCopy(policy: Record<string, unknown>): Promise<void>;
  wait(ms: number): Promise<void>;
}

const browserPolicySources: ManagedPolicySources = {
  read: loadManagedPolicy,
  readCopy: async () => (await browser.storage.local.get(POLICY_COPY_KEY))[POLICY_COPY_KEY],
  keepCopy: (policy) => browser.storage.local.set({ [POLICY_COPY_KEY]: policy }),
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Reads the policy, and keeps the copy up to date with the browser's answer. */
export function readManagedPolicy(sources: ManagedPolicySources = browserPolicySources, patienceMs = POLICY_PATIENCE_MS): ManagedPolicyReading {
  const current = sources.read();
  const copy = sources.readCopy().then(
    (stored) => (isPlainObject(stored) ? stored : undefined),
    () => undefined,
  );
  void Promise.all([current, copy]).then(([policy, kept]) => (samePolicy(policy, kept) ? undefined : sources.keepCopy(policy))).catch(() => {});
  const timedOut = sources.wait(patienceMs).then(() => undefined);
  const meanwhile = Promise.race([current, timedOut]).then(async (first) => first ?? (await copy) ?? current);
  return { current, meanwhile };
}

/** Whether two readings of the policy say the same (key order aside). */
export function samePolicy(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isPlainObject(value)) return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'undefined';
}
