import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../core/settings';
import { applySettingsPolicy, isLocked, meetsSettingsPolicy, readSettingsPolicy } from '../../core/settings-policy';

const TOPIC_IDS = ['huawei', '5g-standards', 'trade-blacklist'];

/** A reader's own choices, in every field. */
const READER: Settings = {
  version: 1,
  enabled: true,
  topics: { huawei: false, '5g-standards': true, 'trade-blacklist': true },
  siteMode: 'all-except',
  sites: [{ host: 'forum.example', includeSubdomains: false }],
  density: 'first-per-paragraph',
};

describe('readSettingsPolicy', () => {
  it('is no policy where the organisation sets nothing, or only topic packs', () => {
    for (const managed of [undefined, null, {}, { topicPacks: ['{}'] }, 'text', [true]]) {
      expect(readSettingsPolicy(managed)).toEqual({ policy: {}, problems: [] });
    }
  });

  it('reads each setting the policy sets', () => {
    const { policy, problems } = readSettingsPolicy({
      enabled: false,
      density: 'first-per-page',
      topics: { huawei: true, 'eu-5g-toolbox': false },
      siteMode: 'only',
      sites: ['News.Example.com', 'https://wiki.example.org/page', { host: 'intranet.example', includeSubdomains: false }],
    });
    expect(problems).toEqual([]);
    expect(policy).toEqual({
      enabled: false,
      density: 'first-per-page',
      topics: { huawei: true, 'eu-5g-toolbox': false },
      sites: {
        siteMode: 'only',
        sites: [
          { host: 'news.example.com', includeSubdomains: true },
          { host: 'wiki.example.org', includeSubdomains: true },
          { host: 'intranet.example', includeSubdomains: false },
        ],
      },
    });
  });

  it('locks the sites with the mode "all-except" when only the list is set, and with no list when only the mode is', () => {
    expect(readSettingsPolicy({ sites: ['intranet.example'] }).policy.sites).toEqual({ siteMode: 'all-except', sites: [{ host: 'intranet.example', includeSubdomains: true }] });
    expect(readSettingsPolicy({ siteMode: 'only' }).policy.sites).toEqual({ siteMode: 'only', sites: [] });
  });

  it('leaves out each value that does not read, naming it, and applies the rest', () => {
    const { policy, problems } = readSettingsPolicy({
      enabled: 'yes',
      density: 'some',
      topics: { huawei: 'off', '5g-standards': false },
      sites: ['news.example', 42, 'not a host!'],
    });
    expect(policy).toEqual({
      topics: { '5g-standards': false },
      sites: { siteMode: 'all-except', sites: [{ host: 'news.example', includeSubdomains: true }] },
    });
    expect(problems).toEqual([
      `Your organisation's policy sets "enabled" to "yes", not true or false: it was not applied.`,
      `Your organisation's policy sets "density" to "some", not one of all, first-per-paragraph, first-per-page: it was not applied.`,
      `Your organisation's policy sets topic "huawei" to "off", not true or false: it was not applied.`,
      expect.stringMatching(/^Your organisation's policy lists the site 42, which was left out: a site is a host name/),
      expect.stringMatching(/^Your organisation's policy lists the site "not a host!", which was left out: /),
    ]);
  });

  it('applies no sites when the mode or the list is not of the right kind, rather than a list it cannot read whole', () => {
    const badMode = readSettingsPolicy({ siteMode: 'some', sites: ['news.example'] });
    expect(badMode.policy).toEqual({});
    expect(badMode.problems).toEqual([`Your organisation's policy sets "siteMode" to "some", not one of all-except, only: its sites were not applied.`]);
    const badList = readSettingsPolicy({ sites: 'news.example' });
    expect(badList.policy).toEqual({});
    expect(badList.problems).toEqual([`Your organisation's policy sets "sites" to "news.example", not a list: its sites were not applied.`]);
  });

  it('keeps a topic id that is a property name of every object as a key like any other', () => {
    const { policy } = readSettingsPolicy(JSON.parse('{"topics": {"__proto__": false, "constructor": true}}'));
    expect(Object.keys(policy.topics ?? {})).toEqual(['__proto__', 'constructor']);
    expect(isLocked(policy, 'topics', '__proto__')).toBe(true);
    expect(isLocked(policy, 'topics', 'toString')).toBe(false);
  });

  it('shortens a long value in its message', () => {
    const { problems } = readSettingsPolicy({ density: 'x'.repeat(500) });
    expect(problems[0].length).toBeLessThan(200);
    expect(problems[0]).toContain('…');
  });
});

describe('applySettingsPolicy', () => {
  it('puts what the policy sets in place of the reader’s choice and keeps the rest', () => {
    const { policy } = readSettingsPolicy({ enabled: false, topics: { huawei: true } });
    expect(applySettingsPolicy(READER, policy)).toEqual({ ...READER, enabled: false, topics: { huawei: true, '5g-standards': true, 'trade-blacklist': true } });
  });

  it('replaces the mode and the site list together', () => {
    const { policy } = readSettingsPolicy({ siteMode: 'only', sites: ['news.example'] });
    const applied = applySettingsPolicy(READER, policy);
    expect(applied.siteMode).toBe('only');
    expect(applied.sites).toEqual([{ host: 'news.example', includeSubdomains: true }]);
    expect(applied.density).toBe(READER.density);
  });

  it('changes nothing with no policy', () => {
    expect(applySettingsPolicy(READER, {})).toEqual(READER);
    expect(meetsSettingsPolicy(READER, {})).toBe(true);
  });
});

describe('meetsSettingsPolicy', () => {
  it('is false until the policy is written into the settings, then true (so the background writes once)', () => {
    const { policy } = readSettingsPolicy({ density: 'all', topics: { 'eu-5g-toolbox': false }, sites: ['forum.example'] });
    expect(meetsSettingsPolicy(READER, policy)).toBe(false);
    const written = applySettingsPolicy(READER, policy);
    expect(meetsSettingsPolicy(written, policy)).toBe(true);
    expect(meetsSettingsPolicy(applySettingsPolicy(written, policy), policy)).toBe(true);
  });

  it('is true of default settings that already say what the policy says', () => {
    expect(meetsSettingsPolicy(defaultSettings(TOPIC_IDS), readSettingsPolicy({ enabled: true, topics: { huawei: true } }).policy)).toBe(true);
  });
});

describe('isLocked', () => {
  const { policy } = readSettingsPolicy({ enabled: false, topics: { huawei: false } });
  it('names what the policy sets, and a topic only when the policy names that topic', () => {
    expect(isLocked(policy, 'enabled')).toBe(true);
    expect(isLocked(policy, 'density')).toBe(false);
    expect(isLocked(policy, 'sites')).toBe(false);
    expect(isLocked(policy, 'topics', 'huawei')).toBe(true);
    expect(isLocked(policy, 'topics', '5g-standards')).toBe(false);
  });
});
