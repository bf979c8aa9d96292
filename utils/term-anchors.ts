/**
 * Finding where terms may be, cheaply, with V8's regular expressions: the matcher's first look at a
 * text (anchors: the one word every term contains), and the every-page content script's probe (is
 * there anything here worth loading the page reader for?). Pure: no DOM, no browser APIs.
 */

/** Soft hyphen and zero-width characters: the matcher skips them, so they can split an anchor. */
export const IGNORABLE = '\u00ad\u200b\u200c\u200d\u2060\ufeff';
/** The ignorable characters as a regex class, matched in the same pass as the anchors. */
export const IGNORABLE_CLASS = '[\\u00ad\\u200b-\\u200d\\u2060\\ufeff]';

/** The longest word of a folded term (lower case, one space between words). */
export const anchorOf = (foldedTerm: string): string => foldedTerm.split(/[ '-]/).reduce((a, b) => (b.length > a.length ? b : a), '');

/** A regular expression that finds any of the anchors, or an ignorable character (which could hide one), longest anchors first. */
export function anchorPattern(anchors: readonly string[], flags: string): RegExp {
  const alternatives = [...anchors].sort((a, b) => b.length - a.length).map((anchor) => anchor.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`${alternatives.join('|')}|${IGNORABLE_CLASS}`, flags);
}

/** Each scanned character → the characters the matcher reads as it (utils/matcher.ts folds them). */
const PROBE_CLASSES: Record<string, string> = { ' ': '\\s+', '-': '[-\\u2010\\u2011]', "'": "['\\u2018\\u2019\\u02bc]" };

/**
 * The every-page content script's probe, as a regular expression's source (flag `i`): any of the
 * terms, folded as the matcher folds them (any white space between words, typographic hyphens and
 * apostrophes), or a character that could hide one (a soft hyphen inside a word). Whole terms, not
 * anchors: "standard setting" needs both its words, so a page about a "standard edition" does
 * not pass. Terms that contain another ("huawei technologies" holds "huawei") are left out.
 */
export function probeSource(foldedTerms: readonly string[]): string {
  const terms = [...new Set(foldedTerms)].filter((term) => term && !foldedTerms.some((other) => other && other !== term && term.includes(other)));
  const alternatives = terms
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map((term) => [...term].map((char) => PROBE_CLASSES[char] ?? char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(''));
  return [...alternatives, IGNORABLE_CLASS].join('|');
}

/**
 * Whether `text` may hold a mention: one of the terms, in any letter case, or a character that
 * could hide one. Never false where the matcher would find a mention; true where the cue or word
 * boundary rules would rule one out ("5G" in "25GB"), which only costs a closer look.
 */
export function createMentionProbe(source: string): (text: string) => boolean {
  let pattern: RegExp | undefined; // compiled on first need: an empty frame never needs it
  return (text) => text.length > 0 && (pattern ??= new RegExp(source, 'i')).test(text);
}
