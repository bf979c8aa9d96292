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

/** The anchors as a regular expression's alternatives: escaped, longest first (so "standards" is found before "standard"). */
export const anchorAlternatives = (anchors: readonly string[]): string[] =>
  [...anchors].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map((anchor) => anchor.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

/** A regular expression that finds any of the alternatives (`anchorAlternatives`), or an ignorable character (which could hide one). */
export const anchorPattern = (alternatives: readonly string[], flags: string): RegExp => new RegExp(`${alternatives.join('|')}|${IGNORABLE_CLASS}`, flags);

/** Each scanned character → the characters the matcher reads as it (core/matcher.ts folds them). */
const PROBE_CLASSES: Record<string, string> = { ' ': '\\s+', '-': '[-\\u2010\\u2011]', "'": "['\\u2018\\u2019\\u02bc]" };
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The every-page content script's probe, as the sources of two regular expressions (lower case, for lower-cased text). */
export interface ProbeSource {
  /** One word of each term (its longest with a letter), or a character that could hide one: found fast. */
  anchors: string;
  /** The terms themselves, folded as the matcher folds them: looked for only around an anchor. */
  terms: string;
}

/** The word of a folded term the probe looks for first: its longest word with a letter in it ("imt", not "2020"). */
const probeAnchorOf = (term: string) => {
  const words = term.split(/[ '-]/).filter(Boolean);
  const withLetter = words.filter((word) => /\p{L}/u.test(word));
  return (withLetter.length > 0 ? withLetter : words).reduce((a, b) => (b.length > a.length ? b : a), '');
};

/**
 * The probe's regular expressions. Whole terms, not anchors, decide: "standard setting" needs both
 * its words, so a page about a "standard edition" does not pass. But a search for ~40 whole terms
 * at every position of a text is slow (23 ms on 2 MB of text in V8, against 1.7 ms for their
 * anchor words), so the terms are looked for only around each anchor found. Terms that contain
 * another ("huawei technologies" holds "huawei") are left out.
 */
export function probeSource(foldedTerms: readonly string[]): ProbeSource {
  const terms = [...new Set(foldedTerms)].filter((term) => term && !foldedTerms.some((other) => other && other !== term && term.includes(other)));
  const anchors = minimalAnchors([...new Set(terms.map(probeAnchorOf))].filter(Boolean));
  const termAlternatives = terms
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map((term) => [...term].map((char) => PROBE_CLASSES[char] ?? escapeRegExp(char)).join(''));
  const anchorAlternatives = anchors.sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map(escapeRegExp);
  return { anchors: [...anchorAlternatives, IGNORABLE_CLASS].join('|'), terms: [...termAlternatives, IGNORABLE_CLASS].join('|') };
}

/** The anchors without those that contain another ("blacklist" holds "black"): a shorter pattern that finds the same places. */
export const minimalAnchors = (anchors: readonly string[]): string[] =>
  anchors.filter((anchor) => !anchors.some((other) => other !== anchor && anchor.includes(other)));

/** How far around an anchor a term is looked for: more than any term is long, with room for runs of white space. */
const AROUND_ANCHOR = 200;

/**
 * Whether `text` may hold a mention: one of the terms, in any letter case, or a character that
 * could hide one. Never false where the matcher would find a mention; true where the cue or word
 * boundary rules would rule one out ("5G" in "25GB"), which only costs a closer look.
 */
export function createMentionProbe(source: ProbeSource): (text: string) => boolean {
  // Compiled on first need: an empty frame never needs them.
  let anchors: RegExp | undefined;
  let terms: RegExp | undefined;
  let unreadable = false;
  return (text) => {
    if (text.length === 0 || unreadable) return false;
    // Lower case and no `i` flag: a case-insensitive alternation is many times slower in V8 (21 ms
    // on a 2 MB page's text in Chromium, against ~2 ms lower-cased). The sources are lower case.
    const lower = text.toLowerCase();
    try {
      anchors ??= new RegExp(source.anchors, 'g');
      terms ??= new RegExp(source.terms);
    } catch {
      // A stored probe (the topic packs', extension/pack-page.ts) that is not a valid expression,
      // say from a damaged storage: it finds nothing, and the page is not disturbed.
      unreadable = true;
      return false;
    }
    anchors.lastIndex = 0;
    for (let anchor = anchors.exec(lower); anchor; anchor = anchors.exec(lower)) {
      if (IGNORABLE.includes(anchor[0])) return true;
      if (terms.test(lower.slice(Math.max(0, anchor.index - AROUND_ANCHOR), anchor.index + anchor[0].length + AROUND_ANCHOR))) return true;
      anchors.lastIndex = anchor.index + 1;
    }
    return false;
  };
}
