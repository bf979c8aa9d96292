/**
 * Property-based tests of the site rules: each property restates what core/site-rules.ts
 * documents (the SiteRule field comments, parseSite / readStoredSite / hostMatchesRule /
 * mergeSiteRules / siteForUrl doc comments); none adds behaviour.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SITE_INPUT_ERRORS,
  hostMatchesRule,
  isEnabledForHost,
  mergeSiteRules,
  parseSite,
  parseSiteInput,
  readStoredSite,
  siteForUrl,
  type SiteMode,
  type SiteRule,
} from '../../core/site-rules';

const PROBLEMS = Object.keys(SITE_INPUT_ERRORS);
const MESSAGES = Object.values(SITE_INPUT_ERRORS) as string[];

// Characters a typed site may hold, valid or not: ASCII letters and digits, hyphens, IDN letters,
// full-width forms (which the URL parser maps to ASCII), and characters a host may not have.
const LABEL_CHARS = [...'abcxyzABCXYZ0123456789-', 'ü', 'ß', '例', 'え', 'д', 'σ', 'Ａ', '１', '２', '_', '*', '%', '@', '⒈', '\u00ad', '\u200d'];
const label = fc.string({ unit: fc.constantFrom(...LABEL_CHARS), maxLength: 10 });
const dottedName = fc
  .array(fc.tuple(label, fc.constantFrom('.', '.', '.', '。', '．')), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.map(([text, dot], i) => (i === 0 ? text : dot + text)).join(''));
const prefix = fc.constantFrom('', '', '', 'http://', 'https://', 'HTTPS://', 'ftp://', '*://', 'http//', 'https:/', 'https:', 'about:', 'mailto:', '*.', 'https://*.', 'https://user:pw@', ' ', '\t');
const suffix = fc.constantFrom('', '', '', '.', ':8080', ':', ':99999', ':0', '/', '/path?q#x', '?q', '#x', '\\x', ' ', '\n', '/*');
const ipLike = fc.oneof(
  fc.ipV4(),
  fc.ipV4Extended(),
  fc.ipV6(),
  fc.ipV6().map((ip) => `[${ip}]`),
  fc.ipV4().map((ip) => ip.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))), // full-width digits
);
/** What a reader may type or paste into the site field (mostly host-like, where the rules lie). */
const siteInput = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  {
    arbitrary: fc.tuple(prefix, fc.oneof({ arbitrary: dottedName, weight: 3 }, fc.domain(), { arbitrary: ipLike, weight: 2 }), suffix).map((parts) => parts.join('')),
    weight: 4,
  },
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
);

/** A rule as parseSite writes them, from any input that it accepts. */
const parsedRule = fc
  .tuple(fc.oneof(fc.domain(), fc.tuple(prefix, dottedName, suffix).map((parts) => parts.join('')), ipLike, fc.webUrl()), fc.boolean())
  .map(([input, subdomains]) => parseSite(input, subdomains))
  .filter((result) => result.ok)
  .map((result) => (result as { ok: true; rule: SiteRule }).rule);

const IPV4 = /^\d+\.\d+\.\d+\.\d+$/;
const isIpAddress = (host: string) => host.startsWith('[') || IPV4.test(host);

describe('parseSite and parseSiteInput (properties)', () => {
  it('never throw, and give a rule or a known problem, the same in both', () => {
    fc.assert(
      fc.property(siteInput, fc.boolean(), (input, subdomains) => {
        const result = parseSite(input, subdomains);
        const withMessage = parseSiteInput(input, subdomains);
        if (result.ok) {
          expect(typeof result.rule.host).toBe('string');
          expect(typeof result.rule.includeSubdomains).toBe('boolean');
          expect(withMessage).toEqual(result);
        } else {
          expect(PROBLEMS).toContain(result.problem);
          expect(withMessage).toEqual({ ok: false, error: SITE_INPUT_ERRORS[result.problem] });
          expect(MESSAGES).toContain((withMessage as { error: string }).error);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('write the host in the documented form: lower case, punycode, no trailing dot, no port', () => {
    fc.assert(
      fc.property(siteInput, fc.boolean(), (input, subdomains) => {
        const result = parseSite(input, subdomains);
        if (!result.ok) return;
        const { host } = result.rule;
        expect(host).not.toBe('');
        expect(host).toBe(host.toLowerCase());
        expect(host).toMatch(/^[\x21-\x7e]+$/); // ASCII only: punycode
        expect(host.endsWith('.')).toBe(false);
        if (host.startsWith('[')) expect(host.endsWith(']')).toBe(true);
        else expect(host).not.toContain(':');
      }),
      { numRuns: 500 },
    );
  });

  it('never give an IP address subdomains', () => {
    fc.assert(
      fc.property(siteInput, fc.boolean(), (input, subdomains) => {
        const result = parseSite(input, subdomains);
        if (result.ok && isIpAddress(result.rule.host)) expect(result.rule).toEqual({ host: result.rule.host, includeSubdomains: false });
      }),
      { numRuns: 500 },
    );
  });

  it('let includeSubdomains decide only the flag (a * turns it on, an IP address off)', () => {
    fc.assert(
      fc.property(siteInput, (input) => {
        const on = parseSite(input, true);
        const off = parseSite(input, false);
        expect(off.ok).toBe(on.ok);
        if (!on.ok || !off.ok) {
          expect(off).toEqual(on);
          return;
        }
        expect(off.rule.host).toBe(on.rule.host);
        if (off.rule.includeSubdomains) expect(on.rule.includeSubdomains).toBe(true);
        if (!input.includes('*')) expect(off.rule.includeSubdomains).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("are idempotent: a rule's own host reads back as the same rule", () => {
    fc.assert(
      fc.property(siteInput, fc.boolean(), (input, subdomains) => {
        const result = parseSite(input, subdomains);
        if (!result.ok) return;
        expect(parseSite(result.rule.host, result.rule.includeSubdomains)).toEqual(result);
        expect(parseSiteInput(result.rule.host, result.rule.includeSubdomains)).toEqual(result);
      }),
      { numRuns: 500 },
    );
  });
});

describe('readStoredSite (properties)', () => {
  it('reads back every rule parseSite writes, unchanged', () => {
    fc.assert(
      fc.property(siteInput, fc.boolean(), (input, subdomains) => {
        const result = parseSite(input, subdomains);
        if (result.ok) expect(readStoredSite(result.rule.host, result.rule.includeSubdomains)).toEqual(result.rule);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws; what it reads is lower case, without a trailing dot, and reads back as itself', () => {
    fc.assert(
      fc.property(fc.oneof(siteInput, parsedRule.map((rule) => rule.host), parsedRule.map((rule) => `*.${rule.host.toUpperCase()}.`)), fc.boolean(), (stored, subdomains) => {
        const rule = readStoredSite(stored, subdomains);
        if (rule === undefined) return;
        expect(rule.host).toBe(rule.host.toLowerCase());
        expect(rule.host.endsWith('.')).toBe(false);
        if (isIpAddress(rule.host)) expect(rule.includeSubdomains).toBe(false);
        expect(readStoredSite(rule.host, rule.includeSubdomains)).toEqual(rule);
      }),
      { numRuns: 500 },
    );
  });

  it('tolerates "*." and a trailing dot on a stored host', () => {
    fc.assert(
      fc.property(parsedRule, (rule) => {
        expect(readStoredSite(`${rule.host}.`, rule.includeSubdomains)).toEqual(readStoredSite(rule.host, rule.includeSubdomains));
        if (!isIpAddress(rule.host)) expect(readStoredSite(`*.${rule.host}`, false)).toEqual({ host: rule.host, includeSubdomains: true });
      }),
      { numRuns: 200 },
    );
  });
});

const hostLabel = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
const subdomainPrefix = fc.array(hostLabel, { minLength: 1, maxLength: 3 }).map((labels) => labels.join('.'));
/** Any rule: a parsed one, or a domain name with either flag. */
const anyRule: fc.Arbitrary<SiteRule> = fc.oneof(parsedRule, fc.record({ host: fc.domain(), includeSubdomains: fc.boolean() }));

describe('hostMatchesRule (properties)', () => {
  it('matches a rule to its own host, in any letter case and with a trailing dot', () => {
    fc.assert(
      fc.property(anyRule, (rule) => {
        expect(hostMatchesRule(rule.host, rule)).toBe(true);
        expect(hostMatchesRule(rule.host.toUpperCase(), rule)).toBe(true);
        expect(hostMatchesRule(`${rule.host}.`, rule)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('matches any subdomain exactly when the rule includes subdomains', () => {
    fc.assert(
      fc.property(anyRule, subdomainPrefix, (rule, sub) => {
        expect(hostMatchesRule(`${sub}.${rule.host}`, rule)).toBe(rule.includeSubdomains);
      }),
      { numRuns: 300 },
    );
  });

  it('never matches a host that merely ends with the same characters, without a dot before them', () => {
    const notADot = fc.oneof(hostLabel, fc.string({ unit: 'grapheme', minLength: 1 })).filter((text) => text !== '' && !text.endsWith('.'));
    fc.assert(
      fc.property(anyRule, notADot, (rule, before) => {
        expect(hostMatchesRule(`${before}${rule.host}`, rule)).toBe(false);
      }),
      { numRuns: 300 },
    );
    expect(hostMatchesRule('evilexample.com', { host: 'example.com', includeSubdomains: true })).toBe(false);
  });
});

const hostname = fc.oneof(fc.domain(), anyRule.map((rule) => rule.host), fc.tuple(subdomainPrefix, anyRule).map(([sub, rule]) => `${sub}.${rule.host}`), fc.string({ unit: 'grapheme' }));
const mode = fc.constantFrom<SiteMode>('only', 'all-except');

describe('isEnabledForHost (properties)', () => {
  it('is off everywhere in "only" mode with an empty list, and on everywhere in "all-except" mode', () => {
    fc.assert(
      fc.property(hostname, (host) => {
        expect(isEnabledForHost(host, 'only', [])).toBe(false);
        expect(isEnabledForHost(host, 'all-except', [])).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('gives opposite answers in the two modes, "only" being whether a listed rule matches', () => {
    fc.assert(
      fc.property(hostname, fc.array(anyRule, { maxLength: 6 }), (host, sites) => {
        const listed = sites.some((rule) => hostMatchesRule(host, rule));
        expect(isEnabledForHost(host, 'only', sites)).toBe(listed);
        expect(isEnabledForHost(host, 'all-except', sites)).toBe(!listed);
      }),
      { numRuns: 200 },
    );
  });

  it('is on for the host of a listed rule in "only" mode and off in "all-except" mode, wherever it is listed', () => {
    fc.assert(
      fc.property(fc.array(anyRule, { maxLength: 5 }), anyRule, fc.array(anyRule, { maxLength: 5 }), mode, (before, rule, after, which) => {
        expect(isEnabledForHost(rule.host, which, [...before, rule, ...after])).toBe(which === 'only');
      }),
      { numRuns: 200 },
    );
  });
});

// A small pool of hosts, written in any case and with or without a trailing dot, so lists repeat hosts.
const poolRule: fc.Arbitrary<SiteRule> = fc.record({
  host: fc
    .tuple(fc.constantFrom('example.com', 'news.example.com', 'example.org', 'localhost', '127.0.0.1', '[::1]', 'xn--mnchen-3ya.de'), fc.boolean(), fc.boolean())
    .map(([host, upper, dot]) => `${upper ? host.toUpperCase() : host}${dot ? '.' : ''}`),
  includeSubdomains: fc.boolean(),
});
const ruleList = fc.array(fc.oneof(poolRule, anyRule), { maxLength: 8 });
const normalised = (host: string) => host.toLowerCase().replace(/\.$/, '');

describe('mergeSiteRules (properties)', () => {
  it('keeps one rule per host, every input host, in first-seen order, covering subdomains if any entry did', () => {
    fc.assert(
      fc.property(ruleList, ruleList, (existing, added) => {
        const merged = mergeSiteRules(existing, added);
        const all = [...existing, ...added];
        const hosts = merged.map((rule) => rule.host);
        expect(new Set(hosts).size).toBe(hosts.length);
        expect(hosts).toEqual([...new Set(all.map((rule) => normalised(rule.host)))]);
        for (const rule of merged) {
          expect(rule.includeSubdomains).toBe(all.some((input) => normalised(input.host) === rule.host && input.includeSubdomains));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('leaves its inputs unchanged and is idempotent', () => {
    fc.assert(
      fc.property(ruleList, ruleList, (existing, added) => {
        const copies = structuredClone([existing, added]);
        const merged = mergeSiteRules(existing, added);
        expect([existing, added]).toEqual(copies);
        expect(mergeSiteRules(merged, [])).toEqual(merged);
        expect(mergeSiteRules(merged, merged)).toEqual(merged);
        expect(mergeSiteRules(merged, existing)).toEqual(merged);
      }),
      { numRuns: 300 },
    );
  });
});

describe('siteForUrl (properties)', () => {
  const anyUrl = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    fc.tuple(fc.constantFrom('http://', 'https://', 'HTTP://', 'file://', 'about:', 'chrome-extension://', 'moz-extension://', 'data:', 'javascript:', 'ftp://', ''), fc.oneof(dottedName, fc.domain(), ipLike), suffix).map((parts) => parts.join('')),
  );

  it('never throws, and names only the lower-case host of an http(s) page', () => {
    fc.assert(
      fc.property(anyUrl, (url) => {
        const site = siteForUrl(url);
        if (site === undefined) return;
        expect(site).not.toBe('');
        expect(site).toBe(site.toLowerCase());
        expect(site.endsWith('.')).toBe(false);
        expect(['http:', 'https:']).toContain(new URL(url).protocol);
      }),
      // "http://.." was found by a run of this property: a host of dots only.
      { numRuns: 500, examples: [['http://..'], ['http://example.com..']] },
    );
  });

  it("gives the URL parser's host name for a web URL", () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        expect(siteForUrl(url)).toBe(normalised(new URL(url).hostname));
      }),
      { numRuns: 200 },
    );
  });

  it("gives back a rule's host for a page on it, and the rule read from a page's URL matches that page", () => {
    fc.assert(
      fc.property(parsedRule, fc.constantFrom('http', 'https'), (rule, scheme) => {
        const site = siteForUrl(`${scheme}://${rule.host}/page`);
        expect(site).toBe(rule.host);
        expect(hostMatchesRule(site!, rule)).toBe(true);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.oneof(fc.webUrl(), fc.tuple(fc.constantFrom('http://', 'https://'), dottedName, suffix).map((parts) => parts.join(''))), (url) => {
        const result = parseSite(url);
        const site = siteForUrl(url);
        if (result.ok && site !== undefined) expect(hostMatchesRule(site, result.rule)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
