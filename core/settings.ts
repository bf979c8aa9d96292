/**
 * The reader's settings: their shape, defaults, and a reader that never throws. Stored settings
 * may be corrupt, from an older build or from a newer one, and imported files may be hand-edited,
 * so every field is checked on its own: a bad field falls back to its default and the rest survive.
 * No DOM, no browser APIs (extension/settings-store.ts does the storage).
 */
import { hostMatchesRule, isEnabledForHost, mergeSiteRules, parseSite, readStoredSite, type SiteMode, type SiteRule } from './site-rules';

import type { Density } from './density';

export type { Density };

export interface Settings {
  version: 1;
  /** The master switch. */
  enabled: boolean;
  /** Topic id → shown. A topic missing here is shown; ids this build doesn't know are kept. */
  topics: Record<string, boolean>;
  siteMode: SiteMode;
  /** In the reader's order, one rule per host. */
  sites: SiteRule[];
  /** Which mentions get highlighted: every one, the first in each paragraph, or the first on the page. */
  density: Density;
}

export const SETTINGS_VERSION = 1;

export const SITE_MODES = ['all-except', 'only'] as const satisfies readonly SiteMode[];
export const DENSITIES = ['all', 'first-per-paragraph', 'first-per-page'] as const satisfies readonly Density[];

/** Why part of the stored settings fell back to its default (worded by settings-messages.ts). */
export type SettingsProblem =
  | { kind: 'unreadable' | 'newerVersion' | 'badVersion' | 'badSiteEntry' }
  | { kind: 'badSite'; host: string }
  | { kind: 'badTopic'; topicId: string }
  | { kind: 'field'; field: SettingsField; missing: boolean };

export type SettingsField = 'enabled' | 'topics' | 'siteMode' | 'sites' | 'disabledSites' | 'density';

// Type guards, one per field. The settings are a handful of primitives, so plain checks do here
// what a schema library would, without adding its weight to the content script on every page.
type Guard<T> = (value: unknown) => value is T;
export const isPlainObject: Guard<Record<string, unknown>> = (value): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isBoolean: Guard<boolean> = (value): value is boolean => typeof value === 'boolean';
const isArray: Guard<unknown[]> = (value): value is unknown[] => Array.isArray(value);
const oneOf = <T extends string>(choices: readonly T[]): Guard<T> => (value): value is T => choices.includes(value as T);
const isSiteEntry: Guard<{ host: string; includeSubdomains?: boolean }> = (value): value is { host: string; includeSubdomains?: boolean } =>
  isPlainObject(value) && typeof value.host === 'string' && (value.includeSubdomains === undefined || isBoolean(value.includeSubdomains));

const fieldGuards = {
  version: (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0,
  enabled: isBoolean,
  topics: isPlainObject,
  topicShown: isBoolean,
  siteMode: oneOf(SITE_MODES),
  sites: isArray,
  site: isSiteEntry,
  disabledSites: isArray,
  density: oneOf(DENSITIES),
};

export function defaultSettings(topicIds: readonly string[]): Settings {
  return {
    version: SETTINGS_VERSION,
    enabled: true,
    topics: Object.fromEntries(topicIds.map((id) => [id, true])),
    siteMode: 'all-except',
    sites: [],
    density: 'all',
  };
}

interface ReadResult {
  settings: Settings;
  problems: SettingsProblem[];
  /** How many of the settings' fields came from the input rather than a default. */
  recognised: number;
}

function readAll(raw: unknown, topicIds: readonly string[]): ReadResult {
  const settings = defaultSettings(topicIds);
  const problems: SettingsProblem[] = [];
  if (raw === undefined || raw === null) return { settings, problems, recognised: 0 };
  if (!isPlainObject(raw)) return { settings, problems: [{ kind: 'unreadable' }], recognised: 0 };

  // Version 0 had no version field and fewer fields: a field it lacks is not a problem.
  let legacy = raw.version === undefined;
  if (!legacy) {
    const version = raw.version;
    if (!fieldGuards.version(version)) problems.push({ kind: 'badVersion' });
    else if (version === 0) legacy = true;
    else if (version > SETTINGS_VERSION) problems.push({ kind: 'newerVersion' });
  }

  const stored: Record<string, unknown> = raw;
  let recognised = 0;
  function field<T>(key: SettingsField, isValid: Guard<T>): T | undefined {
    const value = stored[key];
    if (value === undefined) {
      if (!legacy) problems.push({ kind: 'field', field: key, missing: true });
      return undefined;
    }
    if (!isValid(value)) {
      problems.push({ kind: 'field', field: key, missing: false });
      return undefined;
    }
    recognised++;
    return value;
  }

  const enabled = field('enabled', fieldGuards.enabled);
  if (enabled !== undefined) settings.enabled = enabled;

  const topics = field('topics', fieldGuards.topics);
  if (topics) {
    const choices = Object.entries(topics).map(([id, shown]): [string, boolean] => {
      if (fieldGuards.topicShown(shown)) return [id, shown];
      problems.push({ kind: 'badTopic', topicId: id });
      return [id, true];
    });
    settings.topics = Object.fromEntries([...Object.entries(settings.topics), ...choices]);
  }

  if (legacy && raw.disabledSites !== undefined) {
    // Version 0 could only turn sites off, one exact host at a time.
    const hosts = field('disabledSites', fieldGuards.disabledSites);
    if (hosts) settings.sites = readSites(hosts, problems, (entry) => (typeof entry === 'string' ? { host: entry, includeSubdomains: false } : undefined));
  } else {
    const siteMode = field('siteMode', fieldGuards.siteMode);
    if (siteMode) settings.siteMode = siteMode;
    const sites = field('sites', fieldGuards.sites);
    if (sites) {
      settings.sites = readSites(sites, problems, (entry) => {
        return fieldGuards.site(entry) ? { host: entry.host, includeSubdomains: entry.includeSubdomains ?? true } : undefined;
      });
    }
  }

  const density = field('density', fieldGuards.density);
  if (density) settings.density = density;

  if (legacy && recognised === 0 && Object.keys(raw).length > 0) problems.push({ kind: 'unreadable' });
  return { settings, problems, recognised };
}

/** Each valid entry as a normalised rule; each invalid one left out with a problem of its own. */
function readSites(entries: readonly unknown[], problems: SettingsProblem[], toRule: (entry: unknown) => SiteRule | undefined): SiteRule[] {
  const rules: SiteRule[] = [];
  for (const entry of entries) {
    const rule = toRule(entry);
    if (!rule) {
      problems.push({ kind: 'badSiteEntry' });
      continue;
    }
    // Normalised, so a hand-edited "News.Example.com." is stored as news.example.com.
    const stored = readStoredSite(rule.host, rule.includeSubdomains);
    if (stored) rules.push(stored);
    else problems.push({ kind: 'badSite', host: rule.host });
  }
  return mergeSiteRules([], rules);
}

/**
 * Settings from whatever was stored, field by field; never throws. `problems` has one message per
 * field (or list entry) that fell back to its default; nothing stored at all is not a problem.
 */
export function readSettings(raw: unknown, topicIds: readonly string[]): { settings: Settings; problems: SettingsProblem[] } {
  const { settings, problems } = readAll(raw, topicIds);
  return { settings, problems };
}

export function isTopicEnabled(settings: Settings, topicId: string): boolean {
  // Only an explicit `false` hides a topic: a new topic is shown to readers with older settings.
  return settings.topics[topicId] !== false;
}

/**
 * Turns Fact Context on or off for one host (the popup's "on this site" switch), changing as few
 * rules as it can; afterwards isEnabledForHost(hostname, …) === enabled.
 */
export function setSiteEnabled(settings: Settings, hostname: string, enabled: boolean): Settings {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  const copy = { ...settings, topics: { ...settings.topics }, sites: settings.sites.map((rule) => ({ ...rule })) };
  if (isEnabledForHost(host, settings.siteMode, settings.sites) === enabled) return copy;
  const listed = settings.siteMode === 'only' ? enabled : !enabled;
  // An added rule is for this exact host: turning off news.example.com leaves example.com alone.
  // A removal takes every rule that covers the host, even one for a parent domain.
  copy.sites = listed ? mergeSiteRules(copy.sites, [{ host, includeSubdomains: false }]) : copy.sites.filter((rule) => !hostMatchesRule(host, rule));
  return copy;
}

/**
 * Settings from a parsed settings file (or undefined when nothing in it is recognisable), with
 * the sites first read like typed input. Worded errors: settings-messages.ts `parseSettingsFile`.
 */
export function readSettingsFile(raw: Record<string, unknown>, topicIds: readonly string[]): { settings: Settings; problems: SettingsProblem[] } | undefined {
  // A hand-edited file may name sites as a reader would type them (a URL, Unicode): read each
  // like typed input first, so that the stored form is the one the settings reader expects.
  for (const key of ['sites', 'disabledSites'] as const) {
    const list = raw[key];
    if (!Array.isArray(list)) continue;
    raw[key] = list.map((entry: unknown) => {
      const host = typeof entry === 'string' ? entry : isPlainObject(entry) && typeof entry.host === 'string' ? entry.host : undefined;
      const parsed = host === undefined ? undefined : parseSite(host, true);
      if (!parsed?.ok) return entry;
      return typeof entry === 'string' ? parsed.rule.host : { ...(entry as object), host: (host!.trim().startsWith('*.') ? '*.' : '') + parsed.rule.host };
    });
  }
  const { settings, problems, recognised } = readAll(raw, topicIds);
  return recognised === 0 ? undefined : { settings, problems };
}

/** The settings as a readable JSON file, with its version, for export. */
export function serializeSettings(settings: Settings): string {
  const file: Settings = {
    version: SETTINGS_VERSION,
    enabled: settings.enabled,
    topics: settings.topics,
    siteMode: settings.siteMode,
    sites: settings.sites.map(({ host, includeSubdomains }) => ({ host, includeSubdomains })),
    density: settings.density,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
