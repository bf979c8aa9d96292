import { describe, expect, it } from 'vitest';
import { defaultSettings, isTopicEnabled, serializeSettings, setSiteEnabled, type Settings } from '../../core/settings';
import { NOT_SETTINGS_FILE, SETTINGS_PROBLEMS, parseSettingsFile, readSettings } from '../../core/settings-messages';
import { isEnabledForHost, type SiteMode, type SiteRule } from '../../core/site-rules';

const TOPIC_IDS = ['huawei', '5g-standards', 'trade-blacklist'];
const ALL_TOPICS_ON = { huawei: true, '5g-standards': true, 'trade-blacklist': true };

const rule = (host: string, includeSubdomains: boolean): SiteRule => ({ host, includeSubdomains });

/** Settings that differ from the defaults in every field. */
const CUSTOM: Settings = {
  version: 1,
  enabled: false,
  topics: { huawei: true, '5g-standards': false, 'trade-blacklist': true },
  siteMode: 'only',
  sites: [rule('news.example.com', false), rule('example.org', true)],
  density: 'first-per-paragraph',
};

describe('defaultSettings', () => {
  it('is on, everywhere, for every topic, highlighting every mention', () => {
    expect(defaultSettings(TOPIC_IDS)).toEqual({
      version: 1,
      enabled: true,
      topics: ALL_TOPICS_ON,
      siteMode: 'all-except',
      sites: [],
      density: 'all',
    });
  });

  it('returns a fresh object each time', () => {
    const first = defaultSettings(TOPIC_IDS);
    first.sites.push(rule('a.com', true));
    expect(defaultSettings(TOPIC_IDS).sites).toEqual([]);
  });
});

describe('readSettings', () => {
  it.each([[undefined], [null]])('uses the defaults silently when nothing is stored (%j)', (raw) => {
    expect(readSettings(raw, TOPIC_IDS)).toEqual({ settings: defaultSettings(TOPIC_IDS), problems: [] });
  });

  it.each([[5], ['settings'], [true], [[]], [[{ enabled: false }]]])('uses the defaults, with a problem, for %j', (raw) => {
    expect(readSettings(raw, TOPIC_IDS)).toEqual({ settings: defaultSettings(TOPIC_IDS), problems: [SETTINGS_PROBLEMS.unreadable] });
  });

  it('reads valid settings unchanged, with no problems', () => {
    expect(readSettings(structuredClone(CUSTOM), TOPIC_IDS)).toEqual({ settings: CUSTOM, problems: [] });
  });

  it('keeps the valid parts of corrupt settings and reports the rest', () => {
    const raw = {
      enabled: 'yes',
      density: 'sometimes',
      sites: [{ host: 'ok.com' }, { host: 'bad host' }, 5],
      topics: { huawei: 'x', '5g-standards': false },
    };
    expect(readSettings(raw, TOPIC_IDS)).toEqual({
      settings: {
        version: 1,
        enabled: true,
        topics: { huawei: true, '5g-standards': false, 'trade-blacklist': true },
        siteMode: 'all-except',
        sites: [rule('ok.com', true)],
        density: 'all',
      },
      problems: [
        'The on/off setting was not valid, so Fact Context is on.',
        'The setting for the topic "huawei" was not valid, so the topic is shown.',
        'The site "bad host" was left out because it is not a valid site.',
        'An entry in the list of sites was left out because it is not a site.',
        'The highlight density was not valid, so every mention is highlighted.',
      ],
    });
  });

  it.each([
    ['enabled', 'yes', true, 'The on/off setting was not valid, so Fact Context is on.'],
    ['enabled', null, true, 'The on/off setting was not valid, so Fact Context is on.'],
    ['topics', ['huawei'], ALL_TOPICS_ON, 'The choice of topics was not valid, so every topic is shown.'],
    ['topics', 'none', ALL_TOPICS_ON, 'The choice of topics was not valid, so every topic is shown.'],
    ['siteMode', 'except', 'all-except', 'The choice of where to run was not valid, so Fact Context runs on every site except the listed ones.'],
    ['siteMode', 1, 'all-except', 'The choice of where to run was not valid, so Fact Context runs on every site except the listed ones.'],
    ['sites', 'example.com', [], 'The list of sites was not valid, so no site is listed.'],
    ['sites', { host: 'example.com' }, [], 'The list of sites was not valid, so no site is listed.'],
    ['density', 'sometimes', 'all', 'The highlight density was not valid, so every mention is highlighted.'],
    ['density', 2, 'all', 'The highlight density was not valid, so every mention is highlighted.'],
  ])('falls back for %s = %j without losing the other fields', (field, value, fallback, problem) => {
    const raw = { ...structuredClone(CUSTOM), [field]: value };
    expect(readSettings(raw, TOPIC_IDS)).toEqual({ settings: { ...CUSTOM, [field]: fallback }, problems: [problem] });
  });

  it.each([
    ['enabled', true, 'The on/off setting was missing, so Fact Context is on.'],
    ['topics', ALL_TOPICS_ON, 'The choice of topics was missing, so every topic is shown.'],
    ['siteMode', 'all-except', 'The choice of where to run was missing, so Fact Context runs on every site except the listed ones.'],
    ['sites', [], 'The list of sites was missing, so no site is listed.'],
    ['density', 'all', 'The highlight density was missing, so every mention is highlighted.'],
  ])('reports %s missing from version 1 settings and uses its default', (field, fallback, problem) => {
    const raw: Record<string, unknown> = { ...structuredClone(CUSTOM) };
    delete raw[field];
    expect(readSettings(raw, TOPIC_IDS)).toEqual({ settings: { ...CUSTOM, [field]: fallback }, problems: [problem] });
  });

  it.each([
    ['keeps a topic this build does not know', { huawei: false, 'new-topic': false }, { ...ALL_TOPICS_ON, huawei: false, 'new-topic': false }, []],
    ['shows known topics missing from the object', {}, ALL_TOPICS_ON, []],
    ['shows a topic whose value is not true or false', { '5g-standards': 0, 'new-topic': 'off' }, { ...ALL_TOPICS_ON, 'new-topic': true }, [
      SETTINGS_PROBLEMS.badTopic('5g-standards'),
      SETTINGS_PROBLEMS.badTopic('new-topic'),
    ]],
  ])('topics: %s', (_name, topics, expected, problems) => {
    expect(readSettings({ ...CUSTOM, topics }, TOPIC_IDS)).toEqual({ settings: { ...CUSTOM, topics: expected }, problems });
  });

  it.each([
    ['normalises each host', [{ host: ' News.Example.COM. ', includeSubdomains: false }], [rule('news.example.com', false)], []],
    ['covers subdomains when includeSubdomains is missing', [{ host: 'example.com' }], [rule('example.com', true)], []],
    ['reads *.host as covering subdomains', [{ host: '*.example.com', includeSubdomains: false }], [rule('example.com', true)], []],
    ['merges duplicates, keeping the first place', [{ host: 'b.com', includeSubdomains: false }, { host: 'a.com' }, { host: 'B.com' }], [rule('b.com', true), rule('a.com', true)], []],
    ['drops an entry whose includeSubdomains is not true or false', [{ host: 'a.com', includeSubdomains: 'yes' }, { host: 'b.com' }], [rule('b.com', true)], [SETTINGS_PROBLEMS.badSiteEntry]],
    ['drops entries that are not sites', [null, 'a.com', [], {}, { host: 5 }], [], Array(5).fill(SETTINGS_PROBLEMS.badSiteEntry)],
    ['drops hosts that are not valid sites', [{ host: 'example' }, { host: 'ok.com' }, { host: 'example.com/news' }], [rule('ok.com', true)], [
      SETTINGS_PROBLEMS.badSite('example'),
      SETTINGS_PROBLEMS.badSite('example.com/news'),
    ]],
  ])('sites: %s', (_name, sites, expected, problems) => {
    expect(readSettings({ ...CUSTOM, sites }, TOPIC_IDS)).toEqual({ settings: { ...CUSTOM, sites: expected }, problems });
  });

  describe('version 0 (no version field)', () => {
    it('turns the old list of turned-off host names into exact-host rules', () => {
      const raw = { enabled: false, disabledSites: ['example.com', 'News.Test.org', 'example.com', 'bad host', 7] };
      expect(readSettings(raw, TOPIC_IDS)).toEqual({
        settings: {
          ...defaultSettings(TOPIC_IDS),
          enabled: false,
          siteMode: 'all-except',
          sites: [rule('example.com', false), rule('news.test.org', false)],
        },
        problems: [SETTINGS_PROBLEMS.badSite('bad host'), SETTINGS_PROBLEMS.badSiteEntry],
      });
    });

    it('reads an explicit version 0 the same way', () => {
      expect(readSettings({ version: 0, disabledSites: ['example.com'] }, TOPIC_IDS).settings.sites).toEqual([rule('example.com', false)]);
    });

    it('turns off no site when the old list is not a list', () => {
      expect(readSettings({ enabled: false, disabledSites: 'example.com' }, TOPIC_IDS)).toEqual({
        settings: { ...defaultSettings(TOPIC_IDS), enabled: false },
        problems: ['The list of turned-off sites was not valid, so no site is turned off.'],
      });
    });

    it('does not report the fields version 0 did not have', () => {
      expect(readSettings({ disabledSites: [] }, TOPIC_IDS)).toEqual({ settings: defaultSettings(TOPIC_IDS), problems: [] });
      expect(readSettings({}, TOPIC_IDS)).toEqual({ settings: defaultSettings(TOPIC_IDS), problems: [] });
    });

    it('reports an object with nothing it recognises', () => {
      expect(readSettings({ colour: 'blue' }, TOPIC_IDS)).toEqual({ settings: defaultSettings(TOPIC_IDS), problems: [SETTINGS_PROBLEMS.unreadable] });
    });
  });

  it('reads what it understands of a newer version, and says so', () => {
    const raw = { ...structuredClone(CUSTOM), version: 2, highlightColour: 'pink', density: 'first-per-sentence' };
    expect(readSettings(raw, TOPIC_IDS)).toEqual({
      settings: { ...CUSTOM, density: 'all' },
      problems: [SETTINGS_PROBLEMS.newerVersion, 'The highlight density was not valid, so every mention is highlighted.'],
    });
  });

  it.each([['1'], [-1], [1.5], [null], [{}]])('reads settings with the version %j as the current version, and says so', (version) => {
    expect(readSettings({ ...structuredClone(CUSTOM), version }, TOPIC_IDS)).toEqual({ settings: CUSTOM, problems: [SETTINGS_PROBLEMS.badVersion] });
  });

  it.each([
    [0],
    [NaN],
    [-Infinity],
    [''],
    ['{}'],
    [[null, 1, 'a']],
    [{ version: 1, enabled: null, topics: null, siteMode: null, sites: null, density: null }],
    [{ version: 'x', topics: [[1]], sites: [[{ host: 'a.com' }]] }],
    [{ topics: { huawei: { on: true } }, sites: [{ host: '' }, { host: `${'x'.repeat(300)}.com` }] }],
    [{ disabledSites: [null, ['a.com'], { host: 'a.com' }, ''] }],
    [JSON.parse('{"__proto__": {"enabled": false}, "topics": {"__proto__": false, "constructor": 1}}')],
  ])('never throws and always returns usable settings, for %j', (raw) => {
    const { settings } = readSettings(raw, TOPIC_IDS);
    // Usable: reading the result again finds nothing to fix.
    expect(readSettings(structuredClone(settings), TOPIC_IDS)).toEqual({ settings, problems: [] });
  });
});

describe('isTopicEnabled', () => {
  const settings: Settings = { ...defaultSettings(TOPIC_IDS), topics: { huawei: false, '5g-standards': true } };

  it.each([
    ['huawei', false],
    ['5g-standards', true],
    ['trade-blacklist', true],
    ['a-topic-added-later', true],
    ['constructor', true],
  ])('%s is enabled: %j', (topicId, expected) => {
    expect(isTopicEnabled(settings, topicId)).toBe(expected);
  });
});

describe('setSiteEnabled', () => {
  it.each<[SiteMode, string, SiteRule[], string, boolean, SiteRule[]]>([
    ['all-except', 'turning off adds an exact-host rule', [], 'news.example.com', false, [rule('news.example.com', false)]],
    ['all-except', 'turning off keeps the reader’s order', [rule('z.org', true)], 'a.com', false, [rule('z.org', true), rule('a.com', false)]],
    ['all-except', 'turning off under a broader rule changes nothing', [rule('example.com', true)], 'news.example.com', false, [rule('example.com', true)]],
    ['all-except', 'turning on removes the exact rule', [rule('news.example.com', false), rule('other.org', true)], 'news.example.com', true, [rule('other.org', true)]],
    ['all-except', 'turning on removes a *.example.com rule that covers the host', [rule('example.com', true), rule('news.example.com', false)], 'news.example.com', true, []],
    ['all-except', 'turning on leaves a rule for a subdomain of the host', [rule('news.example.com', true)], 'example.com', true, [rule('news.example.com', true)]],
    ['all-except', 'turning on where already on changes nothing', [rule('other.org', true)], 'example.com', true, [rule('other.org', true)]],
    ['only', 'turning on adds an exact-host rule', [], 'news.example.com', true, [rule('news.example.com', false)]],
    ['only', 'turning on under a broader rule changes nothing', [rule('example.com', true)], 'news.example.com', true, [rule('example.com', true)]],
    ['only', 'turning off removes a *.example.com rule that covers the host', [rule('example.com', true), rule('other.org', false)], 'news.example.com', false, [rule('other.org', false)]],
    ['only', 'turning off removes the exact rule', [rule('news.example.com', false)], 'news.example.com', false, []],
    ['only', 'turning off where already off changes nothing', [rule('other.org', false)], 'example.com', false, [rule('other.org', false)]],
  ])('in %s mode, %s', (siteMode, _name, sites, hostname, enabled, expected) => {
    const before: Settings = { ...CUSTOM, siteMode, sites };
    const after = setSiteEnabled(before, hostname, enabled);
    expect(after).toEqual({ ...CUSTOM, siteMode, sites: expected });
    expect(isEnabledForHost(hostname, siteMode, after.sites)).toBe(enabled);
  });

  it('leaves the parent domain on when a subdomain is turned off', () => {
    const after = setSiteEnabled(defaultSettings(TOPIC_IDS), 'news.example.com', false);
    expect(isEnabledForHost('example.com', after.siteMode, after.sites)).toBe(true);
    expect(isEnabledForHost('www.news.example.com', after.siteMode, after.sites)).toBe(true);
  });

  it('normalises the host name it adds', () => {
    expect(setSiteEnabled(defaultSettings(TOPIC_IDS), 'News.Example.COM.', false).sites).toEqual([rule('news.example.com', false)]);
  });

  it('returns new settings and leaves the old ones unchanged', () => {
    const before: Settings = structuredClone({ ...CUSTOM, siteMode: 'all-except' });
    const copy = structuredClone(before);
    const after = setSiteEnabled(before, 'example.net', false);
    expect(after).not.toBe(before);
    expect(after.sites).not.toBe(before.sites);
    expect(before).toEqual(copy);
    expect(setSiteEnabled(before, 'example.net', true)).not.toBe(before);
  });
});

describe('serializeSettings and parseSettingsFile', () => {
  it.each([
    ['the defaults', defaultSettings(TOPIC_IDS)],
    ['custom settings', CUSTOM],
    ['settings with a topic this build does not know', { ...CUSTOM, topics: { ...CUSTOM.topics, 'new-topic': false } }],
  ])('round-trips %s', (_name, settings) => {
    expect(parseSettingsFile(serializeSettings(settings), TOPIC_IDS)).toEqual({ ok: true, settings, problems: [] });
  });

  it('writes readable JSON with the version first', () => {
    expect(serializeSettings({ ...CUSTOM, sites: [rule('example.org', true)] })).toBe(
      [
        '{',
        '  "version": 1,',
        '  "enabled": false,',
        '  "topics": {',
        '    "huawei": true,',
        '    "5g-standards": false,',
        '    "trade-blacklist": true',
        '  },',
        '  "siteMode": "only",',
        '  "sites": [',
        '    {',
        '      "host": "example.org",',
        '      "includeSubdomains": true',
        '    }',
        '  ],',
        '  "density": "first-per-paragraph"',
        '}',
        '',
      ].join('\n'),
    );
  });

  it.each([[''], ['{'], ['{"enabled": false,}'], ['enabled: false']])('rejects %j as not JSON', (json) => {
    const result = parseSettingsFile(json, TOPIC_IDS);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^This file is not valid JSON: .+\.$/);
  });

  it.each([['5'], ['"settings"'], ['null'], ['[]'], ['[{"enabled": false}]'], ['{}'], ['{"version": 1}'], ['{"colour": "blue"}'], ['{"version": 1, "enabled": "yes", "density": 3}']])(
    'rejects %j as not Fact Context settings',
    (json) => {
      expect(parseSettingsFile(json, TOPIC_IDS)).toEqual({ ok: false, error: NOT_SETTINGS_FILE });
    },
  );

  it('accepts a file with some usable fields, reporting the rest', () => {
    expect(parseSettingsFile('{"version": 1, "enabled": false, "density": 3}', TOPIC_IDS)).toEqual({
      ok: true,
      settings: { ...defaultSettings(TOPIC_IDS), enabled: false },
      problems: [
        'The choice of topics was missing, so every topic is shown.',
        'The choice of where to run was missing, so Fact Context runs on every site except the listed ones.',
        'The list of sites was missing, so no site is listed.',
        'The highlight density was not valid, so every mention is highlighted.',
      ],
    });
  });

  it('accepts a version 0 file', () => {
    expect(parseSettingsFile('{"disabledSites": ["example.com"]}', TOPIC_IDS)).toEqual({
      ok: true,
      settings: { ...defaultSettings(TOPIC_IDS), sites: [rule('example.com', false)] },
      problems: [],
    });
  });

  it('accepts a file that starts with a byte order mark', () => {
    expect(parseSettingsFile(`\uFEFF${serializeSettings(CUSTOM)}`, TOPIC_IDS)).toEqual({ ok: true, settings: CUSTOM, problems: [] });
  });
});
