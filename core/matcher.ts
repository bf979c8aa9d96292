/**
 * The matching core: finds mentions of the topics' terms in plain text. No DOM, no browser APIs.
 *
 * All terms, context cues and "not a mention" phrases are compiled into one Aho–Corasick automaton
 * (a dense DFA over the characters the terms use), so a scan reads each character once whatever the
 * number of terms. Matching ignores letter case, treats any run of white space as one space, skips
 * soft hyphens and zero-width characters, and reads typographic apostrophes and hyphens as ASCII.
 */

import { anchorAlternatives, anchorOf, anchorPattern as anchorRegExp, IGNORABLE, IGNORABLE_CLASS } from './term-anchors';

export interface MentionTerm {
  /** The term as written in data/, e.g. "Huawei Technologies". */
  text: string;
  topic: string;
  /** Counts only where the same text also has a context cue of its topic, or another mention. */
  ambiguous?: boolean;
  /** Unambiguous only when written with exactly these capitals; otherwise treated as ambiguous. */
  matchCase?: boolean;
}

export interface MatcherConfig {
  terms: readonly MentionTerm[];
  /** Words that make a topic's ambiguous terms count. */
  contextCues: readonly { text: string; topic: string }[];
  /**
   * Words that say an ambiguous term of the topic means something else here ("spam" for a
   * blacklist): in the same text they keep the page's evidence (see `findMentions`) from counting.
   */
  counterCues?: readonly { text: string; topic: string }[];
  /** Phrases that contain a term but are never a mention ("Wi-Fi 5G"). */
  notMentions: readonly string[];
}

export interface Mention {
  /** UTF-16 offsets into the scanned text; `end` is exclusive. */
  start: number;
  end: number;
  topic: string;
  /** The data term that matched (not the page's spelling of it). */
  term: string;
}

export interface Matcher {
  /**
   * The mentions in `text`, one block of a page. An ambiguous term counts where the same text has a
   * cue of its topic; or another mention, or a page about its topic (`pageTopics`, from
   * `pageTopicsIn`), and no counter-cue of that topic.
   */
  findMentions(text: string, pageTopics?: ReadonlySet<string>): Mention[];
  /**
   * The topics a page is about, by what it says of itself (its title and headline): those with a
   * cue or an unambiguous mention in them (a title naming Huawei and the Commerce rule is about the
   * trade blacklist; a "blacklist" alone in a title is not evidence).
   */
  pageTopicsIn(texts: readonly string[]): Set<string>;
  /**
   * A cheap superset of where mentions may end: the end offset (exclusive) of every place a term
   * of any topic occurs, without the word-boundary, cue and overlap rules. For deciding which
   * parts of a large text are worth a closer look (text joined from several blocks can run words
   * together, so the rules could wrongly rule a mention out there).
   */
  candidateEnds(text: string): number[];
  /** The longest term, in characters: text cut into pieces must overlap by this much. */
  readonly longestTerm: number;
}

const OTHER = 0; // a character no pattern uses: always leads back to the root
const SPACE = 1; // any white space
const IGNORED = 0xffff; // skipped entirely (soft hyphen, zero-width characters)

const WHITESPACE = ' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';
const EQUIVALENTS: Record<string, string> = { '-': '\u2010\u2011', "'": '\u2018\u2019\u02bc' };

const IGNORABLE_ALL = new RegExp(IGNORABLE_CLASS, 'g');
/** Above this many anchor words, the regex first look stops paying for itself. */
const ANCHOR_LIMIT = 256;
const APOSTROPHES = "'\u2018\u2019\u02bc";
const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
// Scripts written without spaces between words (Thai, kana, CJK ideographs, as code point ranges:
// a \p{Script=…} pattern takes milliseconds to compile on every page): a term in them needs no
// word boundary.
const UNSPACED_RANGES = [[0x0e00, 0x0e7f], [0x2e80, 0x2fdf], [0x3005, 0x3007], [0x3021, 0x303b], [0x3040, 0x30ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff], [0x20000, 0x3134f]];
const isUnspaced = (char: string) => {
  const code = char.codePointAt(0) ?? 0;
  return UNSPACED_RANGES.some(([from, to]) => code >= from && code <= to);
};

/** Each variant character → the ASCII character it folds to. */
const EQUIVALENT_OF = new Map(Object.entries(EQUIVALENTS).flatMap(([ascii, variants]) => [...variants].map((variant) => [variant, ascii] as const)));

function foldChar(char: string): string {
  if (WHITESPACE.includes(char)) return ' ';
  const equivalent = EQUIVALENT_OF.get(char);
  if (equivalent !== undefined) return equivalent;
  const lower = char.toLowerCase();
  return lower.length === 1 ? lower : char;
}

/** Folds a pattern the way the scan folds text: lower case, one space per white-space run. */
function foldPattern(text: string): string {
  let folded = '';
  for (const char of text) {
    if (IGNORABLE.includes(char)) continue;
    const f = foldChar(char);
    if (f === ' ' && (folded === '' || folded.endsWith(' '))) continue;
    folded += f;
  }
  return folded.trimEnd();
}

/** The distinct anchors of some folded terms. */
const anchorsOf = (foldedTerms: readonly string[]) => [...new Set(foldedTerms.map(anchorOf))].filter(Boolean);

/** Every term of `config` folded as the scan folds text (the build makes the content script's probe of them, core/term-anchors.ts). */
export function foldedTerms(config: MatcherConfig): string[] {
  return [...new Set(config.terms.map((term) => foldPattern(term.text)).filter(Boolean))].sort();
}

const HYPHEN = 45;
const OPENING_QUOTES = '"\'\u2018\u201c\u00ab';
/** How far back the look for an identifier before a hyphen goes. */
const IDENTIFIER_REACH = 32;

/**
 * Whether the word that ends just before `hyphen` looks like a device's or a network's name
 * rather than a word: it has a digit or a capital after a small letter ("HomeHub-5G",
 * "NETGEAR45-5G", a Wi-Fi network's name for its 5 GHz band). Words stay mentions: "anti-5G",
 * "pre-5G", "Post-5G".
 */
function isIdentifierBefore(text: string, hyphen: number): boolean {
  let sawLower = false;
  for (let i = hyphen - 1; i >= Math.max(0, hyphen - IDENTIFIER_REACH) && isWordCharAt(text, i); i--) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) return true;
    if (code >= 97 && code <= 122) sawLower = true;
    // (Read backwards: a capital found after a small letter stands before it in the word; one that is the word's first letter does not count.)
    else if (code >= 65 && code <= 90 && sawLower && isWordCharAt(text, i - 1)) return true;
  }
  return false;
}

/**
 * Whether the hyphen opens a quotation ("a guest network ending in “-5G”"): the term is written as
 * a suffix, naming a string such as the end of a Wi-Fi network's name, not the topic.
 */
function isQuotedSuffix(text: string, hyphen: number): boolean {
  return hyphen > 0 && OPENING_QUOTES.includes(text[hyphen - 1]);
}

function isWordCharAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const code = text.charCodeAt(index);
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
  if (code < 0xd800 || code > 0xdfff) return WORD_CHAR.test(text[index]);
  // Half of a surrogate pair: test the whole code point.
  const codePoint = text.codePointAt(code >= 0xdc00 ? index - 1 : index) ?? 0;
  return WORD_CHAR.test(String.fromCodePoint(codePoint));
}

function needsBoundary(char: string | undefined): boolean {
  if (char === undefined) return false;
  if (char.length === 1 && char.charCodeAt(0) < 128) return /[A-Za-z0-9_]/.test(char);
  return !isUnspaced(char) && WORD_CHAR.test(char);
}

interface Pattern {
  /** Length in scanned characters (after folding). */
  length: number;
  boundaryBefore: boolean;
  boundaryAfter: boolean;
  mention?: MentionTerm;
  cueTopics: string[];
  counterCueTopics: string[];
  notMention: boolean;
}

/** What a text says, as the matcher reads it (`readText`). */
interface TextReading {
  /** The terms it holds, leftmost-longest, outside "not a mention" phrases (before the ambiguity rule). */
  chosen: Candidate[];
  isAmbiguous(candidate: Candidate): boolean;
  /** Topics a cue word vouches for ("sanctions", "export"). */
  cuedTopics: ReadonlySet<string>;
  /** Topics only a mention of another topic vouches for ("Huawei" for the trade blacklist): weaker, a counter-cue outweighs it. */
  mentionCuedTopics: ReadonlySet<string>;
  counterCuedTopics: ReadonlySet<string>;
}

const NOTHING_READ: TextReading = { chosen: [], isAmbiguous: () => false, cuedTopics: new Set(), mentionCuedTopics: new Set(), counterCuedTopics: new Set() };

interface Candidate {
  start: number;
  end: number;
  pattern: Pattern;
}

/**
 * A matcher compiled ahead of time (`compileMatcher`): its patterns, the anchor words of its first
 * look and its automaton's trie, as plain JSON. The build compiles the bundled topics' matcher into
 * the page reader (wxt.config.ts, `topics.json?matcher`), so that a page does not compile it cold:
 * folding the terms and building the trie was ~5 ms of every page's start with a mention.
 */
export interface CompiledMatcher {
  /** The patterns, each without its false flags and empty lists (`compactPattern`). */
  patterns: Partial<Pattern>[];
  /**
   * The anchor words of the terms, and of every pattern, as a regular expression's alternatives
   * (escaped, longest first; see `anchorWords`), made here so that no page sorts and escapes them.
   */
  termAnchors: string[];
  allAnchors: string[];
  automaton: AutomatonData;
  /** What the build's compiled matcher of the bundled topics is known by (core/bundled-matcher.ts). */
  digest?: string;
}

/** Folds every term, cue and "not a mention" phrase into the patterns the automaton looks for. */
function compilePatterns(config: MatcherConfig): { folded: string[]; patterns: Pattern[] } {
  const patterns: Pattern[] = [];
  const patternByFolded = new Map<string, Pattern>();
  const patternOf = (text: string): Pattern | undefined => {
    const folded = foldPattern(text);
    if (folded === '') return undefined;
    let pattern = patternByFolded.get(folded);
    if (!pattern) {
      const chars = [...folded];
      pattern = {
        length: folded.length,
        boundaryBefore: needsBoundary(chars[0]),
        boundaryAfter: needsBoundary(chars[chars.length - 1]),
        cueTopics: [],
        counterCueTopics: [],
        notMention: false,
      };
      patternByFolded.set(folded, pattern);
      patterns.push(pattern);
    }
    return pattern;
  };
  for (const term of config.terms) {
    const pattern = patternOf(term.text);
    if (pattern) pattern.mention = term;
  }
  for (const cue of config.contextCues) patternOf(cue.text)?.cueTopics.push(cue.topic);
  for (const cue of config.counterCues ?? []) patternOf(cue.text)?.counterCueTopics.push(cue.topic);
  for (const phrase of config.notMentions) {
    const pattern = patternOf(phrase);
    if (pattern) pattern.notMention = true;
  }
  return { folded: [...patternByFolded.keys()], patterns };
}

/** Compiles `config` whole, automaton included, into JSON (for the build; see `CompiledMatcher`). */
export function compileMatcher(config: MatcherConfig): CompiledMatcher {
  const { folded, patterns } = compilePatterns(config);
  return { patterns: patterns.map(compactPattern), ...anchorWords(folded, patterns), automaton: compileAutomaton(folded, patterns) };
}

/**
 * The anchor words of the terms, and of every pattern (`patterns[i]` is `folded[i]`), as a regular
 * expression's alternatives; none where the anchors cannot be used (the automaton then reads all
 * the text). With many terms a long alternation stops paying, so above ANCHOR_LIMIT anchors there
 * are none. Lower-casing a whole text is not always the automaton's one-character folding: a final
 * Σ becomes ς, not σ, and capitals outside the BMP are lowered in the text but kept in the patterns.
 * Anchors with σ or such characters would then be missed, so they go without.
 */
function anchorWords(folded: readonly string[], patterns: readonly Pattern[]): { termAnchors: string[]; allAnchors: string[] } {
  const usable = (words: string[]) => (words.length <= ANCHOR_LIMIT && words.every((word) => !/[σς\ud800-\udfff]/.test(word)) ? anchorAlternatives(words) : []);
  return { termAnchors: usable(anchorsOf(folded.filter((_, i) => patterns[i].mention))), allAnchors: usable(anchorsOf(folded)) };
}

/** A pattern without its false flags and empty lists: a third of the compiled matcher's size. */
function compactPattern(pattern: Pattern): Partial<Pattern> {
  return Object.fromEntries(Object.entries(pattern).filter(([, value]) => value !== false && !(Array.isArray(value) && value.length === 0)));
}

/** A compacted pattern whole again (every pattern with the same fields, for the scan's sake). */
const fullPattern = (p: Partial<Pattern>): Pattern => ({
  length: p.length ?? 0,
  boundaryBefore: p.boundaryBefore ?? false,
  boundaryAfter: p.boundaryAfter ?? false,
  mention: p.mention,
  cueTopics: p.cueTopics ?? [],
  counterCueTopics: p.counterCueTopics ?? [],
  notMention: p.notMention ?? false,
});

/** A short digest of a compiled matcher (64-bit FNV-1a over its JSON): what the build's is known by. */
export function matcherDigest(compiled: CompiledMatcher): string {
  const json = JSON.stringify({ ...compiled, digest: undefined });
  let high = 0xcbf29ce4;
  let low = 0x84222325;
  for (let i = 0; i < json.length; i++) {
    low = (low ^ json.charCodeAt(i)) >>> 0;
    // × the FNV prime 2^40 + 0x1b3, in two 32-bit halves.
    const lowProduct = low * 0x1b3;
    high = (Math.imul(high, 0x1b3) + Math.imul(low, 0x100) + Math.floor(lowProduct / 0x100000000)) >>> 0;
    low = lowProduct >>> 0;
  }
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}

const isCompiled = (config: MatcherConfig | CompiledMatcher): config is CompiledMatcher => 'automaton' in config;

/**
 * A matcher for `config`, or for a matcher compiled ahead of time. From a configuration, the
 * automaton is compiled on first use: a page whose text has no anchor word never needs it.
 */
export function createMatcher(config: MatcherConfig | CompiledMatcher): Matcher {
  let patterns: Pattern[];
  let anchors: { termAnchors: string[]; allAnchors: string[] };
  let automatonData: () => AutomatonData;
  if (isCompiled(config)) {
    patterns = config.patterns.map(fullPattern);
    anchors = config;
    automatonData = () => config.automaton;
  } else {
    const { folded, patterns: compiled } = compilePatterns(config);
    patterns = compiled;
    anchors = anchorWords(folded, patterns);
    automatonData = () => compileAutomaton(folded, compiled);
  }

  const longest = Math.max(1, ...patterns.map((p) => p.length));
  let automaton: ReturnType<typeof automatonFrom> | undefined;
  const built = () => (automaton ??= automatonFrom(automatonData(), patterns, longest));

  // A faster first look for the usual case, a page that mentions nothing: every term contains its
  // longest word (its anchor), and V8's regex engine finds anchors in lower-cased text several
  // times faster than the automaton reads it. The automaton then reads only the text around each
  // anchor found. Without anchors (see `anchorWords`), and for text with soft hyphens or
  // zero-width characters (which can split an anchor) or whose lower case changes its length, the
  // automaton reads everything.
  const anchorFinder = (alternatives: string[]) => (alternatives.length > 0 ? anchorRegExp(alternatives, 'g') : undefined);
  // candidateEnds looks for the terms' anchors. findMentions looks for those of every pattern
  // (terms, cues and "not a mention" phrases, whose places decide what counts): on an article's
  // paragraph the automaton then reads a few dozen characters around each mention instead of all
  // of it, and on a cold page (V8 interprets the loop at first) that was most of the matcher's time.
  const termAnchors = anchorFinder(anchors.termAnchors);
  const allAnchors = anchorFinder(anchors.allAnchors);

  /**
   * The stretches of `text` where any pattern holding one of `anchors`' words can be: `longest`
   * characters on either side of each anchor found, merged where they meet (so that no place is
   * read twice). Undefined where the automaton must read all of it: no anchor finder, a text whose
   * lower case changes its length, or a soft hyphen or zero-width character (which can split an
   * anchor).
   */
  function windowsAround(text: string, anchors: RegExp | undefined): [from: number, to: number][] | undefined {
    if (!anchors) return undefined;
    const lower = text.toLowerCase();
    if (lower.length !== text.length) return undefined;
    const windows: [number, number][] = [];
    anchors.lastIndex = 0;
    for (let anchor = anchors.exec(lower); anchor; anchor = anchors.exec(lower)) {
      if (anchor[0].length === 1 && IGNORABLE.includes(anchor[0])) return undefined;
      const { stepBack, stepForward } = built();
      const from = stepBack(text, anchor.index, longest);
      const to = stepForward(text, anchor.index + anchor[0].length, longest);
      const last = windows.at(-1);
      if (last && from <= last[1]) last[1] = Math.max(last[1], to);
      else windows.push([from, to]);
      // Anchors may overlap ("standard" in "standards"): look again from the next character.
      anchors.lastIndex = anchor.index + 1;
    }
    return windows;
  }

  function candidateEnds(text: string): number[] {
    const windows = windowsAround(text, termAnchors);
    if (!windows) return built().automatonCandidateEnds(text);
    return windows.flatMap(([from, to]) => built().automatonCandidateEnds(text.slice(from, to)).map((end) => from + end));
  }

  /** Every place a pattern occurs in `text` (as the automaton's scan of all of it would find them). */
  function candidatesIn(text: string): Candidate[] {
    const windows = windowsAround(text, allAnchors);
    if (!windows) return built().scan(text, 0, text.length);
    return windows.flatMap(([from, to]) => built().scan(text, from, to));
  }

  /** What `text` says: the mentions it may hold (before the ambiguity rule), and its evidence for and against topics. */
  function readText(text: string): TextReading {
    const candidates = candidatesIn(text);
    if (candidates.length === 0) return NOTHING_READ; // most blocks: no closure, no set
    // Leftmost-longest wins; on an exact tie a "not a mention" phrase wins over a term.
    const spans = candidates
      .filter((c) => c.pattern.mention || c.pattern.notMention)
      .sort((a, b) => a.start - b.start || b.end - a.end || Number(b.pattern.notMention) - Number(a.pattern.notMention));
    const chosen: Candidate[] = [];
    const excluded: Candidate[] = [];
    let reachedEnd = 0;
    for (const span of spans) {
      if (span.start < reachedEnd) continue;
      reachedEnd = span.end;
      (span.pattern.notMention ? excluded : chosen).push(span);
    }
    const inside = (c: Candidate, span: Candidate) => c.start >= span.start && c.end <= span.end;
    const insideExcluded = (c: Candidate) => excluded.some((e) => inside(c, e));
    // A cue that is a word of a mention of its own topic ("commerce" in "Commerce Department") is
    // not evidence for that mention: the term would vouch for itself. For another topic it is.
    const topicsOf = (list: (c: Candidate) => string[]) =>
      new Set(
        candidates
          .filter((c) => list(c).length > 0 && !insideExcluded(c))
          .flatMap((c) => list(c).filter((topic) => !chosen.some((m) => m !== c && m.pattern.mention!.topic === topic && inside(c, m)))),
      );
    const isAmbiguous = (c: Candidate) => {
      const term = c.pattern.mention!;
      if (term.ambiguous) return true;
      if (!term.matchCase) return false;
      const written = text.slice(c.start, c.end).replace(IGNORABLE_ALL, '').replace(/\s+/g, ' ');
      return !written.startsWith(term.text);
    };
    return {
      chosen,
      isAmbiguous,
      cuedTopics: topicsOf((c) => (c.pattern.mention ? [] : c.pattern.cueTopics)),
      mentionCuedTopics: topicsOf((c) => (c.pattern.mention ? c.pattern.cueTopics : [])),
      counterCuedTopics: topicsOf((c) => c.pattern.counterCueTopics),
    };
  }

  function findMentions(text: string, pageTopics?: ReadonlySet<string>): Mention[] {
    // No term's anchor, no term: a block with only cue words ("mobile", "trade", "email") is not
    // read for them, since cues count only beside a mention.
    if (windowsAround(text, termAnchors)?.length === 0) return [];
    const { chosen, isAmbiguous, cuedTopics, mentionCuedTopics, counterCuedTopics } = readText(text);
    if (chosen.length === 0) return [];
    const ambiguous = new Set(chosen.filter(isAmbiguous));
    const unambiguousTopics = new Set(chosen.filter((c) => !ambiguous.has(c)).map((c) => c.pattern.mention!.topic));
    // A cue word, or a plain mention of the same topic, lets an ambiguous term count. Weaker
    // evidence does too (another topic's mention, a mention that is a cue of the term's topic, a
    // page about its topic), unless the text has a counter-cue of the term's topic: "no 5G" does
    // not make an IMEI's "blacklist" the trade one, nor "Huawei" a phone's call blacklist.
    const counts = (topic: string) =>
      cuedTopics.has(topic) ||
      unambiguousTopics.has(topic) ||
      (!counterCuedTopics.has(topic) && (unambiguousTopics.size > 0 || mentionCuedTopics.has(topic) || pageTopics?.has(topic) === true));
    return chosen
      .filter((c) => !ambiguous.has(c) || counts(c.pattern.mention!.topic))
      .map((c) => ({ start: c.start, end: c.end, topic: c.pattern.mention!.topic, term: c.pattern.mention!.text }));
  }

  function pageTopicsIn(texts: readonly string[]): Set<string> {
    const topics = new Set<string>();
    for (const text of texts) {
      const { chosen, isAmbiguous, cuedTopics, mentionCuedTopics } = readText(text);
      for (const topic of [...cuedTopics, ...mentionCuedTopics]) topics.add(topic);
      for (const c of chosen) if (!isAmbiguous(c)) topics.add(c.pattern.mention!.topic);
    }
    return topics;
  }

  return { findMentions, pageTopicsIn, candidateEnds, longestTerm: longest };
}

/**
 * The automaton as data (JSON): the character classes of the patterns' characters, and an
 * Aho–Corasick trie with its failure links and each state's patterns. `automatonFrom` turns it into
 * the tables and loops that read text.
 */
export interface AutomatonData {
  /** Pairs of a UTF-16 unit and its class (white space and ignored characters are implied). */
  classes: number[];
  classCount: number;
  /** Per state (the root is 0): the state it hangs from and the class of that edge. */
  parent: number[];
  edgeClass: number[];
  fail: number[];
  /** Pairs of a state and a pattern (an index into the patterns) that ends there, failure links followed. */
  outputs: number[];
}

/** Builds the trie and its failure links for the folded patterns (`patterns[i]` is `folded[i]`). */
function compileAutomaton(folded: readonly string[], patterns: readonly Pattern[]): AutomatonData {
  // Character classes: every UTF-16 unit maps to the class of its folded form (0 = unused).
  const classes: number[] = [];
  let classCount = 2;
  for (const unit of new Set(folded.join('').split(''))) {
    if (unit === ' ') continue;
    const cls = classCount++;
    const variants = new Set([unit, unit.toUpperCase(), ...(EQUIVALENTS[unit] ?? '')]);
    for (const variant of variants) if (variant.length === 1 && foldChar(variant) === unit) classes.push(variant.charCodeAt(0), cls);
  }
  const classOf = classTable(classes);

  // The trie (keyed state × classCount + class; no child: no entry) and, per state, its children as
  // a linked list, so that the failure links are found by visiting the trie's edges alone, breadth
  // first. A map, not a dense table: a pack of thousands of terms has tens of thousands of states.
  const capacity = 1 + folded.reduce((sum, text) => sum + text.length, 0);
  const trie = new Map<number, number>();
  const firstChild = new Int32Array(capacity);
  const nextSibling = new Int32Array(capacity);
  const parent = [0];
  const edgeClass = [0];
  const outputs: number[][] = [[]];
  let stateCount = 1;
  folded.forEach((text, index) => {
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const cls = classOf[text.charCodeAt(i)];
      const at = state * classCount + cls;
      if (!trie.has(at)) {
        const child = stateCount++;
        trie.set(at, child);
        parent.push(state);
        edgeClass.push(cls);
        nextSibling[child] = firstChild[state];
        firstChild[state] = child;
        outputs.push([]);
      }
      state = trie.get(at)!;
    }
    outputs[state].push(index);
  });
  const fail = new Array<number>(stateCount).fill(0);
  /** The trie's goto with failure links: where reading class `cls` in `state` leads. */
  const follow = (state: number, cls: number): number => {
    for (;;) {
      const child = trie.get(state * classCount + cls) ?? 0;
      if (child !== 0 || state === 0) return child;
      state = fail[state];
    }
  };
  const queue = new Int32Array(stateCount);
  let tail = 0;
  for (let child = firstChild[0]; child !== 0; child = nextSibling[child]) queue[tail++] = child;
  for (let head = 0; head < tail; head++) {
    const state = queue[head];
    if (outputs[fail[state]].length > 0) outputs[state].push(...outputs[fail[state]]);
    for (let child = firstChild[state]; child !== 0; child = nextSibling[child]) {
      fail[child] = follow(fail[state], edgeClass[child]);
      queue[tail++] = child;
    }
  }
  return { classes, classCount, parent, edgeClass, fail, outputs: outputs.flatMap((list, state) => list.flatMap((pattern) => [state, pattern])) };
}

/** Every UTF-16 unit's class: white space, ignored, the pairs given, or 0 (unused). */
function classTable(pairs: readonly number[]): Uint16Array {
  const classOf = new Uint16Array(0x10000);
  for (const char of WHITESPACE) classOf[char.charCodeAt(0)] = SPACE;
  for (const char of IGNORABLE) classOf[char.charCodeAt(0)] = IGNORED;
  for (let i = 0; i < pairs.length; i += 2) classOf[pairs[i]] = pairs[i + 1];
  return classOf;
}

/**
 * The automaton's tables and the loops that read text with them. Typed arrays only, and a
 * transition table filled in as the text needs it: this runs cold on every page with a candidate.
 */
function automatonFrom(data: AutomatonData, patterns: readonly Pattern[], longest: number) {
  const { classCount, fail } = data;
  const stateCount = data.parent.length;
  const classOf = classTable(data.classes);

  // Each state's children (its trie edges) and its patterns, grouped by state: state s has
  // those from first…[s] up to first…[s + 1].
  const firstChild = new Int32Array(stateCount + 1);
  for (let state = 1; state < stateCount; state++) firstChild[data.parent[state] + 1]++;
  for (let state = 0; state < stateCount; state++) firstChild[state + 1] += firstChild[state];
  const childState = new Int32Array(stateCount);
  const childClass = new Int32Array(stateCount);
  const nextFree = firstChild.slice(0, stateCount);
  for (let state = 1; state < stateCount; state++) {
    const at = nextFree[data.parent[state]]++;
    childState[at] = state;
    childClass[at] = data.edgeClass[state];
  }
  const childOf = (state: number, cls: number): number => {
    for (let at = firstChild[state]; at < firstChild[state + 1]; at++) if (childClass[at] === cls) return childState[at];
    return 0;
  };
  // (The pairs come grouped by state, in order.)
  const firstOutput = new Int32Array(stateCount + 1);
  const outputPattern = new Int32Array(data.outputs.length / 2);
  for (let i = 0; i < data.outputs.length; i += 2) {
    firstOutput[data.outputs[i] + 1]++;
    outputPattern[i / 2] = data.outputs[i + 1];
  }
  for (let state = 0; state < stateCount; state++) firstOutput[state + 1] += firstOutput[state];
  const isMentionState = new Uint8Array(stateCount);
  for (let state = 0; state < stateCount; state++) {
    for (let at = firstOutput[state]; at < firstOutput[state + 1]; at++) if (patterns[outputPattern[at]].mention) isMentionState[state] = 1;
  }

  // The transition table the hot loops read: a row of classCount entries per state the text has
  // reached (given on first reach: a page's text reaches few of the states, and a large topic
  // pack has tens of thousands), each entry filled in as the text needs it. Entries hold the next
  // state's row offset (row × classCount), bit-inverted (negative) where that state ends a
  // pattern, so no multiply and no second lookup; UNKNOWN (never a multiple of classCount, which is
  // at least 2) marks one not filled yet.
  const UNKNOWN = 1;
  let rowCapacity = Math.min(stateCount, 256);
  let delta = new Int32Array(rowCapacity * classCount).fill(UNKNOWN);
  let stateOfRow = new Int32Array(rowCapacity);
  const rowIndexOf = new Int32Array(stateCount).fill(-1);
  let rowCount = 0;
  /** The row offset of `state`'s row, given it now if it has none. */
  const rowOf = (state: number): number => {
    let index = rowIndexOf[state];
    if (index < 0) {
      if (rowCount === rowCapacity) {
        rowCapacity = Math.min(stateCount, rowCapacity * 2);
        const grown = new Int32Array(rowCapacity * classCount).fill(UNKNOWN);
        grown.set(delta);
        delta = grown;
        const grownStates = new Int32Array(rowCapacity);
        grownStates.set(stateOfRow);
        stateOfRow = grownStates;
      }
      index = rowCount++;
      rowIndexOf[state] = index;
      stateOfRow[index] = state;
    }
    return index * classCount;
  };
  const entryOf = (state: number): number => (firstOutput[state] < firstOutput[state + 1] ? ~rowOf(state) : rowOf(state));
  rowOf(0); // the root's row is row 0
  const fill = (row: number, cls: number): number => {
    const state = stateOfRow[row / classCount];
    const child = childOf(state, cls);
    let next: number;
    if (child !== 0) next = entryOf(child);
    else if (state === 0) next = 0;
    else {
      const failRow = rowOf(fail[state]);
      next = delta[failRow + cls];
      if (next === UNKNOWN) next = fill(failRow, cls);
    }
    delta[row + cls] = next; // (the table may have grown meanwhile: this is the current one)
    return next;
  };
  let ringSize = 1;
  while (ringSize <= longest) ringSize *= 2;
  const ringMask = ringSize - 1;
  const ring = new Int32Array(ringSize);

  /** The places patterns occur in text[from, to) (the word-boundary checks look beyond it). */
  function scan(text: string, from: number, to: number): Candidate[] {
    const found: Candidate[] = [];
    let row = 0; // the current state's row offset in `delta`
    let previousWasSpace = false;
    let count = 0; // characters read into the automaton (a match never spans an OTHER character)
    for (let i = from; i < to; i++) {
      const cls = classOf[text.charCodeAt(i)];
      if (cls === OTHER) {
        row = 0;
        previousWasSpace = false;
        continue;
      }
      if (cls === IGNORED) continue;
      if (cls === SPACE) {
        if (previousWasSpace) continue;
        previousWasSpace = true;
      } else {
        previousWasSpace = false;
      }
      ring[count & ringMask] = i;
      count++;
      const next = delta[row + cls];
      row = next === UNKNOWN ? fill(row, cls) : next;
      if (row >= 0) continue;
      row = ~row;
      const state = stateOfRow[row / classCount];
      for (let at = firstOutput[state]; at < firstOutput[state + 1]; at++) {
        const pattern = patterns[outputPattern[at]];
        const start = ring[(count - pattern.length) & ringMask];
        let end = i + 1;
        if (pattern.boundaryBefore && isWordCharAt(text, start - 1)) continue;
        if (pattern.mention && text.charCodeAt(start - 1) === HYPHEN && (isIdentifierBefore(text, start - 1) || isQuotedSuffix(text, start - 1))) continue;
        if (pattern.boundaryAfter && isWordCharAt(text, end)) continue;
        // A possessive belongs to the mention: "Huawei's".
        if (pattern.mention && pattern.boundaryAfter && APOSTROPHES.includes(text[end] ?? '-') && (text[end + 1] === 's' || text[end + 1] === 'S') && !isWordCharAt(text, end + 2)) {
          end += 2;
        }
        found.push({ start, end, pattern });
      }
    }
    return found;
  }

  // The same loop as scan() without the ring and the rules. Kept as a copy on purpose: sharing
  // the loop through a callback made this pass, which reads every page's whole text, 30% slower.
  function automatonCandidateEnds(text: string): number[] {
    const ends: number[] = [];
    let row = 0;
    let previousWasSpace = false;
    for (let i = 0; i < text.length; i++) {
      const cls = classOf[text.charCodeAt(i)];
      if (cls === OTHER) {
        row = 0;
        previousWasSpace = false;
        continue;
      }
      if (cls === IGNORED) continue;
      if (cls === SPACE) {
        if (previousWasSpace) continue;
        previousWasSpace = true;
      } else {
        previousWasSpace = false;
      }
      const next = delta[row + cls];
      row = next === UNKNOWN ? fill(row, cls) : next;
      if (row >= 0) continue;
      row = ~row;
      if (isMentionState[stateOfRow[row / classCount]]) ends.push(i + 1);
    }
    return ends;
  }

  /** Where `count` characters of the automaton's reading lie before `index` (white-space runs count once). */
  function stepBack(text: string, index: number, count: number): number {
    let i = index;
    for (let read = 0; i > 0 && read < count; read++) {
      i--;
      if (classOf[text.charCodeAt(i)] === SPACE) while (i > 0 && classOf[text.charCodeAt(i - 1)] === SPACE) i--;
    }
    return i;
  }

  function stepForward(text: string, index: number, count: number): number {
    let i = index;
    for (let read = 0; i < text.length && read < count; read++) {
      if (classOf[text.charCodeAt(i)] === SPACE) while (i + 1 < text.length && classOf[text.charCodeAt(i + 1)] === SPACE) i++;
      i++;
    }
    return i;
  }

  return { scan, automatonCandidateEnds, stepBack, stepForward };
}

/** The matcher configuration for the bundled topics. */
export function matcherConfigFromTopics(data: {
  topics: readonly { id: string; terms: readonly string[]; properNames: readonly string[]; ambiguousTerms: readonly string[]; contextCues: readonly string[]; counterCues?: readonly string[] }[];
  notMentions: readonly string[];
}): MatcherConfig {
  return {
    terms: data.topics.flatMap((topic) => [
      ...topic.terms.map((text) => ({ text, topic: topic.id })),
      ...topic.properNames.map((text) => ({ text, topic: topic.id, matchCase: true })),
      ...topic.ambiguousTerms.map((text) => ({ text, topic: topic.id, ambiguous: true })),
    ]),
    contextCues: data.topics.flatMap((topic) => topic.contextCues.map((text) => ({ text, topic: topic.id }))),
    counterCues: data.topics.flatMap((topic) => (topic.counterCues ?? []).map((text) => ({ text, topic: topic.id }))),
    notMentions: data.notMentions,
  };
}
