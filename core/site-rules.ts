/**
 * Which sites Fact Context runs on: the reader's list of sites, how a typed entry becomes a rule,
 * and how a page's host name is matched against the list. No DOM, no browser APIs.
 */

export interface SiteRule {
  /** Lower case, punycode, no trailing dot, no port; an IPv6 address keeps its brackets. */
  host: string;
  /** Also matches every subdomain: `example.com` then covers `news.example.com`. */
  includeSubdomains: boolean;
}

/** `all-except`: everywhere but the listed sites. `only`: nowhere but the listed sites. */
export type SiteMode = 'all-except' | 'only';

export type SiteInputResult = { ok: true; rule: SiteRule } | { ok: false; error: string };
export type SiteInputProblem = keyof typeof SITE_INPUT_ERRORS;
/** Like SiteInputResult, with a problem code instead of a message (what the content script needs). */
export type SiteParseResult = { ok: true; rule: SiteRule } | { ok: false; problem: SiteInputProblem };

// Shown inline under the options page's site field: each one says what to type instead.
export const SITE_INPUT_ERRORS = {
  empty: 'Enter a site, like example.com.',
  spaces: 'Enter the site without spaces, like example.com.',
  malformedUrl: 'That web address is incomplete; type it like https://example.com, or just example.com.',
  path: 'Enter just the site, without a path, like example.com.',
  notWeb: 'Only web sites (http or https) can be listed; enter one like example.com.',
  singleLabel: 'Enter the full site name with its ending, like example.com.',
  characters: 'A site name can only use letters, digits, hyphens and dots; enter one like my-site.example.com.',
  hyphenEdge: 'A part of a site name cannot start or end with a hyphen; enter one like my-site.com.',
  emptyLabel: 'A site name cannot start with a dot or have two dots in a row; enter one like example.com.',
  wildcard: 'A * can only come first, followed by a dot and a site name, like *.example.com.',
  tooLong: 'That site name is too long; a site name has at most 253 characters.',
  labelTooLong: 'A part of a site name between dots can have at most 63 characters; enter a shorter site.',
  ipv4: 'Enter an IP address as four numbers from 0 to 255, like 192.168.0.1.',
  ipv6: 'Enter an IPv6 address in square brackets, like [2001:db8::1].',
  port: 'Enter just the site, like example.com, or a port number up to 65535 after it, like example.com:8080.',
} as const;

const MAX_HOST_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;

const WEB_SCHEMES = new Set(['http', 'https']);
const FULL_URL = /^([a-z][a-z0-9+.-]*|\*):\/\//i;
// "http//example.com", "https:/example.com", "https:example.com": a web address missing part of "://".
const BROKEN_WEB_URL = /^https?(?::|\/\/)/i;
// "about:blank", "mailto:a@b.com"; no dot in the scheme so "example.com:8080" stays a host and port.
const OTHER_SCHEME = /^[a-z][a-z0-9+-]*:(?!\d*(?:[/?#]|$))/i;
// Two or more colons among hex digits: an IPv6 address typed without its brackets.
const BARE_IPV6 = /^[0-9a-f]*:[0-9a-f]*:[0-9a-f:.]*$/i;
// Ideographic full stops separate labels too (the URL parser reads them as dots).
const OTHER_DOTS = /[\u3002\uff0e\uff61]/g;
// "example.com:8080", "[::1]:8080": the port is dropped, a site is the same on every port.
const HOST_AND_PORT = /^(\[[^\]]*\]|[^:[\]]*):(\d*)$/;
const LABEL_CHARACTERS = /^[\p{L}\p{N}\p{M}-]+$/u;
const NUMERIC_HOST = /^[\d.]+$/;
const IPV4_OCTET = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

const fail = (problem: SiteInputProblem): SiteParseResult => ({ ok: false, problem });

/** Lower case without the trailing dot of a fully qualified name ("example.com."). */
function normaliseHostname(hostname: string): string {
  // Without the trailing dots of a fully qualified name ("example.com." is "example.com"; "..", which
  // the URL parser accepts as a host, is nothing).
  return hostname.toLowerCase().replace(/\.+$/, '');
}

/** The WHATWG URL parser's ASCII form of a host (punycode, lower case), or undefined if it refuses it. */
function toAsciiHost(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
}

/** Reads what a reader typed into the site field as a rule, or explains what to type instead. */
export function parseSiteInput(input: string, includeSubdomains = true): SiteInputResult {
  const result = parseSite(input, includeSubdomains);
  return result.ok ? result : { ok: false, error: SITE_INPUT_ERRORS[result.problem] };
}

/**
 * parseSiteInput without the messages: the settings reader (which runs in the content script on
 * every page) only needs to know whether a stored site is valid, not the words to explain it.
 */
export function parseSite(input: string, includeSubdomains = true): SiteParseResult {
  const text = input.trim();
  if (text === '') return fail('empty');
  if (/\s/.test(text)) return fail('spaces');

  let host: string;
  const scheme = FULL_URL.exec(text)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    // "*://example.com/*" is an extension match pattern, not a site.
    if (scheme === '*') return fail('path');
    if (!WEB_SCHEMES.has(scheme)) return fail('notWeb');
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return fail('malformedUrl');
    }
    host = url.hostname;
    if (host === '') return fail('malformedUrl');
  } else {
    if (BROKEN_WEB_URL.test(text)) return fail('malformedUrl');
    if (BARE_IPV6.test(text)) return fail('ipv6');
    if (OTHER_SCHEME.test(text)) return fail('notWeb');
    if (/[/?#\\]/.test(text)) return fail('path');
    host = text;
    const hostAndPort = HOST_AND_PORT.exec(text);
    if (hostAndPort) {
      const port = hostAndPort[2];
      if (port === '' || Number(port) > 65535) return fail('port');
      host = hostAndPort[1];
    }
  }

  if (host.startsWith('[') || host.includes(':')) {
    const ipv6 = host.startsWith('[') && host.endsWith(']') ? toAsciiHost(host) : undefined;
    // An IP address has no subdomains.
    return ipv6 === undefined ? fail('ipv6') : { ok: true, rule: { host: ipv6, includeSubdomains: false } };
  }

  const wildcard = host.startsWith('*.');
  if (wildcard) host = host.slice(2);
  host = normaliseHostname(host.replace(OTHER_DOTS, '.'));
  if (host.includes('*') || (wildcard && host === '')) return fail('wildcard');
  if (host === '') return fail('empty');

  const labels = host.split('.');
  if (labels.some((label) => label === '')) return fail('emptyLabel');
  if (NUMERIC_HOST.test(host)) {
    if (wildcard) return fail('wildcard');
    if (labels.length !== 4 || !labels.every((octet) => IPV4_OCTET.test(octet))) return fail('ipv4');
    return { ok: true, rule: { host, includeSubdomains: false } };
  }
  if (!labels.every((label) => LABEL_CHARACTERS.test(label))) return fail('characters');
  if (labels.some((label) => label.startsWith('-') || label.endsWith('-'))) return fail('hyphenEdge');
  if (labels.length === 1 && host !== 'localhost') return fail('singleLabel');

  // Internationalised names are stored as the browser reports them: punycode.
  const ascii = toAsciiHost(host);
  if (ascii === undefined) return fail('characters');
  // The URL parser reads some names as IPv4 addresses (hex parts "0x7f.1", full-width digits), as
  // the browser would: store the address it means, which, as an address, has no subdomains.
  if (NUMERIC_HOST.test(ascii)) return wildcard ? fail('wildcard') : { ok: true, rule: { host: ascii, includeSubdomains: false } };
  if (ascii.length > MAX_HOST_LENGTH) return fail('tooLong');
  if (ascii.split('.').some((label) => label.length > MAX_LABEL_LENGTH)) return fail('labelTooLong');
  return { ok: true, rule: { host: ascii, includeSubdomains: wildcard || includeSubdomains } };
}

// A stored host, as this code writes them: lower case, punycode, dot-separated labels of letters,
// digits and inner hyphens; or localhost; or a bracketed IPv6 address.
const STORED_HOST = /^(?:localhost|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?|\[[0-9a-f:.]+\])$/;

/**
 * A stored site as a rule, or undefined if it is not one. Lighter than parseSite, for the settings
 * reader in the content script: stored hosts were written by parseSite (typed, pasted or imported),
 * so this only needs to recognise that form ("*.host" and a trailing dot are tolerated).
 */
export function readStoredSite(host: string, includeSubdomains: boolean): SiteRule | undefined {
  let name = host.trim().toLowerCase();
  const wildcard = name.startsWith('*.');
  if (wildcard) name = name.slice(2);
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name.length > MAX_HOST_LENGTH || !STORED_HOST.test(name)) return undefined;
  const numeric = NUMERIC_HOST.test(name);
  if (numeric && !(name.split('.').length === 4 && name.split('.').every((octet) => IPV4_OCTET.test(octet)))) return undefined;
  // An IP address has no subdomains.
  return { host: name, includeSubdomains: !numeric && !name.startsWith('[') && (wildcard || includeSubdomains) };
}

/** Whether a page's host name is the rule's host or, when the rule includes them, one of its subdomains. */
export function hostMatchesRule(hostname: string, rule: SiteRule): boolean {
  const host = normaliseHostname(hostname);
  const ruleHost = normaliseHostname(rule.host);
  if (host === ruleHost) return true;
  // The dot keeps "badexample.com" from matching "example.com".
  return rule.includeSubdomains && host.endsWith(`.${ruleHost}`);
}

export function isEnabledForHost(hostname: string, mode: SiteMode, sites: readonly SiteRule[]): boolean {
  const listed = sites.some((rule) => hostMatchesRule(hostname, rule));
  return mode === 'only' ? listed : !listed;
}

/**
 * The existing rules followed by the added ones, in the reader's order, one rule per host.
 * A host listed twice keeps its first place and covers subdomains if either entry did.
 */
export function mergeSiteRules(existing: readonly SiteRule[], added: readonly SiteRule[]): SiteRule[] {
  const byHost = new Map<string, SiteRule>();
  for (const rule of [...existing, ...added]) {
    const host = normaliseHostname(rule.host);
    const seen = byHost.get(host);
    if (seen) seen.includeSubdomains ||= rule.includeSubdomains;
    else byHost.set(host, { host, includeSubdomains: rule.includeSubdomains });
  }
  return [...byHost.values()];
}

/** The host name of a web page's URL; undefined for browser, file and extension pages. */
export function siteForUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  return normaliseHostname(parsed.hostname) || undefined;
}
