import { describe, expect, it } from 'vitest';
import {
  SITE_INPUT_ERRORS,
  hostMatchesRule,
  isEnabledForHost,
  mergeSiteRules,
  parseSiteInput,
  siteForUrl,
  type SiteRule,
} from '../../core/site-rules';

describe('parseSiteInput', () => {
  it.each([
    ['example.com', 'example.com'],
    ['  example.com  ', 'example.com'],
    ['News.Example.COM', 'news.example.com'],
    ['example.com.', 'example.com'],
    ['www.example.com', 'www.example.com'],
    ['my-site.co.uk', 'my-site.co.uk'],
    ['localhost', 'localhost'],
    ['localhost:3000', 'localhost'],
    ['example.com:8080', 'example.com'],
    ['https://www.example.com/path?q#x', 'www.example.com'],
    ['http://Example.com', 'example.com'],
    ['HTTPS://example.com:8443/a/b', 'example.com'],
    ['https://user:secret@example.com/', 'example.com'],
    ['https://example.com/*', 'example.com'],
    ['münchen.de', 'xn--mnchen-3ya.de'],
    ['https://münchen.de/karte', 'xn--mnchen-3ya.de'],
    ['例え.jp', 'xn--r8jz45g.jp'],
    ['例え。jp', 'xn--r8jz45g.jp'],
    ['xn--mnchen-3ya.de', 'xn--mnchen-3ya.de'],
    ['123.com', '123.com'],
  ])('reads %j as the site %j', (input, host) => {
    expect(parseSiteInput(input)).toEqual({ ok: true, rule: { host, includeSubdomains: true } });
  });

  it.each([
    ['192.168.0.1', '192.168.0.1'],
    ['10.0.0.1:8080', '10.0.0.1'],
    ['http://127.0.0.1:5173/', '127.0.0.1'],
    ['[::1]', '[::1]'],
    ['[2001:DB8:0:0::1]:8080', '[2001:db8::1]'],
    ['https://[2001:db8::1]/page', '[2001:db8::1]'],
    // Names the URL parser reads as IPv4 addresses, as the browser would (found by fast-check).
    ['0x7f.1', '127.0.0.1'],
    ['１２７.０.０.１', '127.0.0.1'],
  ])('reads the IP address %j as %j, which has no subdomains', (input, host) => {
    expect(parseSiteInput(input)).toEqual({ ok: true, rule: { host, includeSubdomains: false } });
  });

  it.each([
    ['*.example.com', true, 'example.com', true],
    ['*.example.com', false, 'example.com', true],
    ['example.com', false, 'example.com', false],
    ['example.com', undefined, 'example.com', true],
    ['https://*.example.com/', false, 'example.com', true],
    ['*.localhost', false, 'localhost', true],
  ])('reads %j with includeSubdomains %j as %j, covering subdomains: %j', (input, includeSubdomains, host, expected) => {
    expect(parseSiteInput(input, includeSubdomains)).toEqual({ ok: true, rule: { host, includeSubdomains: expected } });
  });

  it.each([
    ['', SITE_INPUT_ERRORS.empty],
    ['   ', SITE_INPUT_ERRORS.empty],
    ['\t\n', SITE_INPUT_ERRORS.empty],
    ['example .com', SITE_INPUT_ERRORS.spaces],
    ['news example com', SITE_INPUT_ERRORS.spaces],
    ['http//example.com', SITE_INPUT_ERRORS.malformedUrl],
    ['https:/example.com', SITE_INPUT_ERRORS.malformedUrl],
    ['https:example.com', SITE_INPUT_ERRORS.malformedUrl],
    ['https://', SITE_INPUT_ERRORS.malformedUrl],
    ['example.com/news', SITE_INPUT_ERRORS.path],
    ['example.com/', SITE_INPUT_ERRORS.path],
    ['example.com?q=1', SITE_INPUT_ERRORS.path],
    ['localhost:3000/app', SITE_INPUT_ERRORS.path],
    ['*://example.com/*', SITE_INPUT_ERRORS.path],
    ['*://*.example.com/*', SITE_INPUT_ERRORS.path],
    ['ftp://x.com', SITE_INPUT_ERRORS.notWeb],
    ['chrome://extensions', SITE_INPUT_ERRORS.notWeb],
    ['file:///home/me/page.html', SITE_INPUT_ERRORS.notWeb],
    ['about:blank', SITE_INPUT_ERRORS.notWeb],
    ['mailto:me@example.com', SITE_INPUT_ERRORS.notWeb],
    ['example', SITE_INPUT_ERRORS.singleLabel],
    ['*.com', SITE_INPUT_ERRORS.singleLabel],
    ['exa_mple.com', SITE_INPUT_ERRORS.characters],
    ['me@example.com', SITE_INPUT_ERRORS.characters],
    ['https://exa_mple.com/', SITE_INPUT_ERRORS.characters],
    ['-bad.com', SITE_INPUT_ERRORS.hyphenEdge],
    ['bad-.com', SITE_INPUT_ERRORS.hyphenEdge],
    ['news.-bad.com', SITE_INPUT_ERRORS.hyphenEdge],
    ['.example.com', SITE_INPUT_ERRORS.emptyLabel],
    ['example..com', SITE_INPUT_ERRORS.emptyLabel],
    ['news.*.example.com', SITE_INPUT_ERRORS.wildcard],
    ['*example.com', SITE_INPUT_ERRORS.wildcard],
    ['*.', SITE_INPUT_ERRORS.wildcard],
    ['*.192.168.0.1', SITE_INPUT_ERRORS.wildcard],
    ['*.0x7f.1', SITE_INPUT_ERRORS.wildcard],
    [`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`, SITE_INPUT_ERRORS.tooLong],
    [`${'a'.repeat(64)}.com`, SITE_INPUT_ERRORS.labelTooLong],
    ['256.1.1.1', SITE_INPUT_ERRORS.ipv4],
    ['1.2.3', SITE_INPUT_ERRORS.ipv4],
    ['010.0.0.1', SITE_INPUT_ERRORS.ipv4],
    ['2001:db8::1', SITE_INPUT_ERRORS.ipv6],
    ['fe80::1', SITE_INPUT_ERRORS.ipv6],
    ['[not:an:address]', SITE_INPUT_ERRORS.ipv6],
    ['example.com:', SITE_INPUT_ERRORS.port],
    ['example.com:99999', SITE_INPUT_ERRORS.port],
  ])('rejects %j with the message telling what to type', (input, error) => {
    expect(parseSiteInput(input)).toEqual({ ok: false, error });
  });

  it('accepts a name of exactly 253 characters', () => {
    const host = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
    expect(host).toHaveLength(253);
    expect(parseSiteInput(host)).toEqual({ ok: true, rule: { host, includeSubdomains: true } });
  });

  it('phrases every message as one sentence', () => {
    for (const message of Object.values(SITE_INPUT_ERRORS)) expect(message).toMatch(/^[A-Z][^]*[^.]\.$/);
    for (const message of Object.values(SITE_INPUT_ERRORS)) expect(message).not.toMatch(/\. [A-Z]/);
  });
});

describe('hostMatchesRule', () => {
  const exact: SiteRule = { host: 'example.com', includeSubdomains: false };
  const withSubdomains: SiteRule = { host: 'example.com', includeSubdomains: true };

  it.each([
    ['example.com', exact, true],
    ['EXAMPLE.com', exact, true],
    ['example.com.', exact, true],
    ['news.example.com', exact, false],
    ['example.com', withSubdomains, true],
    ['news.example.com', withSubdomains, true],
    ['a.b.news.example.com', withSubdomains, true],
    ['News.Example.Com.', withSubdomains, true],
    ['badexample.com', withSubdomains, false],
    ['example.com.evil.net', withSubdomains, false],
    ['example.org', withSubdomains, false],
    ['com', withSubdomains, false],
    ['[::1]', { host: '[::1]', includeSubdomains: false }, true],
  ])('%j against %j: %j', (hostname, rule, expected) => {
    expect(hostMatchesRule(hostname, rule)).toBe(expected);
  });
});

describe('isEnabledForHost', () => {
  const sites: SiteRule[] = [
    { host: 'example.com', includeSubdomains: true },
    { host: 'news.test.org', includeSubdomains: false },
  ];

  it.each([
    ['all-except', 'example.com', false],
    ['all-except', 'news.example.com', false],
    ['all-except', 'news.test.org', false],
    ['all-except', 'test.org', true],
    ['all-except', 'other.net', true],
    ['only', 'example.com', true],
    ['only', 'news.example.com', true],
    ['only', 'news.test.org', true],
    ['only', 'test.org', false],
    ['only', 'other.net', false],
  ] as const)('in %s mode, %j is enabled: %j', (mode, hostname, expected) => {
    expect(isEnabledForHost(hostname, mode, sites)).toBe(expected);
  });

  it.each([
    ['all-except', true],
    ['only', false],
  ] as const)('with no sites listed, %s mode is enabled everywhere: %j', (mode, expected) => {
    expect(isEnabledForHost('example.com', mode, [])).toBe(expected);
  });
});

describe('mergeSiteRules', () => {
  const rule = (host: string, includeSubdomains: boolean): SiteRule => ({ host, includeSubdomains });

  it.each([
    ['appends new sites after the existing ones', [rule('b.com', true)], [rule('a.com', false)], [rule('b.com', true), rule('a.com', false)]],
    ['keeps one rule for a host listed twice', [rule('a.com', false)], [rule('a.com', false)], [rule('a.com', false)]],
    ['lets covering subdomains win (added)', [rule('a.com', false)], [rule('a.com', true)], [rule('a.com', true)]],
    ['lets covering subdomains win (existing)', [rule('a.com', true)], [rule('a.com', false)], [rule('a.com', true)]],
    ['dedupes within the added list', [], [rule('x.com', false), rule('y.com', false), rule('x.com', true)], [rule('x.com', true), rule('y.com', false)]],
    ['keeps the first place of a duplicate', [rule('z.com', false), rule('a.com', false)], [rule('z.com', true)], [rule('z.com', true), rule('a.com', false)]],
    ['treats letter case and a trailing dot as the same host', [rule('a.com', false)], [rule('A.COM.', true)], [rule('a.com', true)]],
    ['keeps a subdomain next to its parent', [rule('example.com', true)], [rule('news.example.com', false)], [rule('example.com', true), rule('news.example.com', false)]],
  ])('%s', (_name, existing, added, expected) => {
    expect(mergeSiteRules(existing, added)).toEqual(expected);
  });

  it('leaves its inputs unchanged', () => {
    const existing = [rule('a.com', false)];
    const added = [rule('a.com', true)];
    mergeSiteRules(existing, added);
    expect(existing).toEqual([rule('a.com', false)]);
    expect(added).toEqual([rule('a.com', true)]);
  });
});

describe('siteForUrl', () => {
  it.each([
    ['https://www.example.com/path?q#x', 'www.example.com'],
    ['http://Example.COM:8080/', 'example.com'],
    ['https://example.com./', 'example.com'],
    ['https://münchen.de/', 'xn--mnchen-3ya.de'],
    ['http://localhost:3000/', 'localhost'],
    ['http://[::1]:8080/', '[::1]'],
    ['chrome://extensions', undefined],
    ['about:blank', undefined],
    ['file:///home/me/page.html', undefined],
    ['chrome-extension://abcdefghijklmnop/options.html', undefined],
    ['moz-extension://0a1b2c3d/popup.html', undefined],
    ['data:text/html,hi', undefined],
    ['not a url', undefined],
    ['', undefined],
  ])('%j is the site %j', (url, expected) => {
    expect(siteForUrl(url)).toBe(expected);
  });
});
