/**
 * The words for settings problems, for the options page. Kept apart from core/settings.ts so the
 * content script, which reads the settings on every page but never shows a problem, does not
 * carry them.
 */
import { isPlainObject, readSettings as readSettingsValues, readSettingsFile, type Settings, type SettingsField, type SettingsProblem } from './settings';

// Stored in a file and shown when nothing in it can be used.
export const NOT_SETTINGS_FILE = 'This file does not contain Fact Context settings.';

// What each field is called in a problem message, and what its default means to the reader.
const FIELD_DEFAULTS: Record<SettingsField, readonly [string, string]> = {
  enabled: ['The on/off setting', 'Fact Context is on'],
  topics: ['The choice of topics', 'every topic is shown'],
  siteMode: ['The choice of where to run', 'Fact Context runs on every site except the listed ones'],
  sites: ['The list of sites', 'no site is listed'],
  disabledSites: ['The list of turned-off sites', 'no site is turned off'],
  density: ['The highlight density', 'every mention is highlighted'],
};

export const SETTINGS_PROBLEMS = {
  unreadable: 'The saved settings were not recognised, so the defaults are used.',
  newerVersion: 'These settings come from a newer version of Fact Context; only the parts this version understands were read.',
  badVersion: 'The settings version was not valid, so the settings were read as the current version.',
  badSiteEntry: 'An entry in the list of sites was left out because it is not a site.',
  badSite: (host: string) => `The site "${host}" was left out because it is not a valid site.`,
  badTopic: (topicId: string) => `The setting for the topic "${topicId}" was not valid, so the topic is shown.`,
  /** A whole field that fell back to its default. */
  field: (field: SettingsField, missing: boolean) => {
    const [what, fallback] = FIELD_DEFAULTS[field];
    return `${what} was ${missing ? 'missing' : 'not valid'}, so ${fallback}.`;
  },
};

export function describeSettingsProblem(problem: SettingsProblem): string {
  switch (problem.kind) {
    case 'badSite':
      return SETTINGS_PROBLEMS.badSite(problem.host);
    case 'badTopic':
      return SETTINGS_PROBLEMS.badTopic(problem.topicId);
    case 'field':
      return SETTINGS_PROBLEMS.field(problem.field, problem.missing);
    default:
      return SETTINGS_PROBLEMS[problem.kind];
  }
}

/** readSettings with each problem in words. */
export function readSettings(raw: unknown, topicIds: readonly string[]): { settings: Settings; problems: string[] } {
  const { settings, problems } = readSettingsValues(raw, topicIds);
  return { settings, problems: problems.map(describeSettingsProblem) };
}

/** Reads an exported settings file; fails only when nothing in it is usable. */
export function parseSettingsFile(
  json: string,
  topicIds: readonly string[],
): { ok: true; settings: Settings; problems: string[] } | { ok: false; error: string } {
  let raw: unknown;
  try {
    // Some editors save a byte order mark, which JSON.parse refuses.
    raw = JSON.parse(json.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `This file is not valid JSON: ${reason}${/[.!?]$/.test(reason) ? '' : '.'}` };
  }
  if (!isPlainObject(raw)) return { ok: false, error: NOT_SETTINGS_FILE };
  const read = readSettingsFile(raw, topicIds);
  if (!read) return { ok: false, error: NOT_SETTINGS_FILE };
  return { ok: true, settings: read.settings, problems: read.problems.map(describeSettingsProblem) };
}
