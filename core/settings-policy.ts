/**
 * Settings an organisation sets for every reader through the browser's policy (storage.managed;
 * public/managed-schema.json): each one it sets is locked. The background writes them into the
 * reader's stored settings (entrypoints/background.ts), so pages read one thing as before and pay
 * nothing for the policy; the options page, the popup and the card show what is locked and why.
 * No DOM, no browser APIs.
 */
import { DENSITIES, SITE_MODES, isPlainObject, type Density, type Settings } from './settings';
import { mergeSiteRules, parseSiteInput, type SiteMode, type SiteRule } from './site-rules';

export interface SettingsPolicy {
  /** The master switch. */
  enabled?: boolean;
  density?: Density;
  /** Only the topics named are locked; the reader chooses the others. */
  topics?: Record<string, boolean>;
  /** Where Fact Context runs: the mode and the list are locked together. */
  sites?: { siteMode: SiteMode; sites: SiteRule[] };
}

/** What the options page names as locked, one per part of it. */
export type LockedSetting = keyof SettingsPolicy;

const POLICY = "Your organisation's policy";

/**
 * The settings of the organisation's policy (the whole of storage.managed), each checked on its
 * own: a value that does not read is left out with a message saying so, and the rest apply.
 * Nothing set is no policy. (`topicPacks` is read by core/pack-library.ts.)
 */
export function readSettingsPolicy(managed: unknown): { policy: SettingsPolicy; problems: string[] } {
  const policy: SettingsPolicy = {};
  const problems: string[] = [];
  if (!isPlainObject(managed)) return { policy, problems };

  if (managed.enabled !== undefined) {
    if (typeof managed.enabled === 'boolean') policy.enabled = managed.enabled;
    else problems.push(`${POLICY} sets "enabled" to ${describe(managed.enabled)}, not true or false: it was not applied.`);
  }

  if (managed.density !== undefined) {
    if (DENSITIES.includes(managed.density as Density)) policy.density = managed.density as Density;
    else problems.push(`${POLICY} sets "density" to ${describe(managed.density)}, not one of ${DENSITIES.join(', ')}: it was not applied.`);
  }

  if (managed.topics !== undefined) {
    if (!isPlainObject(managed.topics)) problems.push(`${POLICY} sets "topics" to ${describe(managed.topics)}, not a list of topic ids with true or false: it was not applied.`);
    else {
      const topics: [string, boolean][] = [];
      for (const [id, shown] of Object.entries(managed.topics)) {
        if (typeof shown === 'boolean') topics.push([id, shown]);
        else problems.push(`${POLICY} sets topic "${id}" to ${describe(shown)}, not true or false: it was not applied.`);
      }
      // (fromEntries: an id such as "__proto__" stays a key like any other.)
      if (topics.length > 0) policy.topics = Object.fromEntries(topics);
    }
  }

  if (managed.siteMode !== undefined || managed.sites !== undefined) {
    const sites = readPolicySites(managed.siteMode, managed.sites, problems);
    if (sites) policy.sites = sites;
  }
  return { policy, problems };
}

function readPolicySites(siteMode: unknown, sites: unknown, problems: string[]): SettingsPolicy['sites'] {
  if (siteMode !== undefined && !SITE_MODES.includes(siteMode as SiteMode)) {
    problems.push(`${POLICY} sets "siteMode" to ${describe(siteMode)}, not one of ${SITE_MODES.join(', ')}: its sites were not applied.`);
    return undefined;
  }
  if (sites !== undefined && !Array.isArray(sites)) {
    problems.push(`${POLICY} sets "sites" to ${describe(sites)}, not a list: its sites were not applied.`);
    return undefined;
  }
  // Each site as an administrator would write it: "example.com" (with its subdomains), a URL, or
  // { "host": …, "includeSubdomains": false }. One that does not read is named and left out.
  const rules: SiteRule[] = [];
  for (const entry of (sites as unknown[] | undefined) ?? []) {
    const host = typeof entry === 'string' ? entry : isPlainObject(entry) && typeof entry.host === 'string' ? entry.host : undefined;
    const includeSubdomains = isPlainObject(entry) && typeof entry.includeSubdomains === 'boolean' ? entry.includeSubdomains : true;
    const parsed = host === undefined ? undefined : parseSiteInput(host, includeSubdomains);
    if (parsed?.ok) rules.push(parsed.rule);
    else problems.push(`${POLICY} lists the site ${describe(entry)}, which was left out: ${parsed && !parsed.ok ? parsed.error : 'a site is a host name, a URL, or { "host": …, "includeSubdomains": … }.'}`);
  }
  return { siteMode: (siteMode as SiteMode | undefined) ?? 'all-except', sites: mergeSiteRules([], rules) };
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The settings with what the policy sets in place of the reader's choice; the rest as they were. */
export function applySettingsPolicy(settings: Settings, policy: SettingsPolicy): Settings {
  return {
    ...settings,
    enabled: policy.enabled ?? settings.enabled,
    density: policy.density ?? settings.density,
    topics: { ...settings.topics, ...policy.topics },
    siteMode: policy.sites?.siteMode ?? settings.siteMode,
    sites: policy.sites?.sites ?? settings.sites,
  };
}

/** Whether the settings already say what the policy sets (then nothing needs writing). */
export function meetsSettingsPolicy(settings: Settings, policy: SettingsPolicy): boolean {
  return JSON.stringify(applySettingsPolicy(settings, policy)) === JSON.stringify(settings);
}

/** Whether the policy locks that part of the settings (a topic: that topic). */
export function isLocked(policy: SettingsPolicy, setting: LockedSetting, topicId?: string): boolean {
  if (setting === 'topics') return topicId === undefined ? policy.topics !== undefined : policy.topics !== undefined && Object.hasOwn(policy.topics, topicId);
  return policy[setting] !== undefined;
}
