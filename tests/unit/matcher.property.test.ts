// @vitest-environment happy-dom
/**
 * Property-based tests of the matcher and of how its offsets map back onto a page's text nodes.
 * Each property restates what the source documents (core/matcher.ts header and interfaces,
 * page/text-blocks.ts positionInBlock, page/page-mentions.ts mentionsInBlock); none adds behaviour.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mentionsInBlock } from '../../page/page-mentions';
import { positionInBlock, type TextBlock } from '../../page/text-blocks';
import { factData } from '../../core/fact-data';
import { bundledMatcher } from '../../core/bundled-matcher';
import { compileMatcher, createMatcher, matcherConfigFromTopics, type Matcher, type MatcherConfig, type Mention, type MentionTerm } from '../../core/matcher';

const config = matcherConfigFromTopics(factData);
const matcher = createMatcher(config);

// The characters the matcher header names: white space (JS \s minus U+FEFF, which is ignorable),
// soft hyphen and zero-width characters, typographic hyphens and apostrophes.
const WHITESPACE = [' ', '\t', '\n', '\v', '\f', '\r', '\u00a0', '\u1680', '\u2000', '\u2003', '\u2009', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000'];
const IGNORABLES = ['\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];
const HYPHENS = ['-', '\u2010', '\u2011'];
const APOSTROPHES = ["'", '\u2018', '\u2019', '\u02bc'];
const PUNCTUATION = ['.', ',', ';', ':', '!', '?', '(', ')', '[', ']', '"', '/', '&', '…', '«', '»', '、', '。', '—', "'s", '\u2019s'];
const CJK = ['华', '为', '发', '布', '了', '新', '手', '机', '美', '国', 'の', 'テ', 'ス', 'ト', 'ไทย'];

const IGNORABLE_RUN = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

/**
 * The folding the matcher header documents, applied to a whole string: soft hyphens and zero-width
 * characters removed, any white-space run read as one space, typographic hyphens and apostrophes
 * read as ASCII, letter case ignored (a character whose lower case is one UTF-16 unit).
 */
function fold(text: string): string {
  let folded = '';
  for (const char of text.replace(IGNORABLE_RUN, '').replace(/\s+/g, ' ')) {
    if (HYPHENS.includes(char)) folded += '-';
    else if (APOSTROPHES.includes(char)) folded += "'";
    else {
      const lower = char.toLowerCase();
      folded += lower.length === 1 ? lower : char;
    }
  }
  return folded.trim();
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;

/** `char` in the other letter case, where the matcher reads both as the same letter. */
function otherCase(char: string): string {
  const folded = fold(char);
  const upper = folded.toUpperCase();
  return upper.length === 1 && fold(upper) === folded ? upper : char;
}

interface SpellingChoice {
  upper: boolean;
  space: string;
  hyphen: string;
  apostrophe: string;
  ignorable: string | null;
}

/**
 * Choices for respelling a term, one per character (a character without one keeps its spelling).
 * Plain values rather than a chained arbitrary, so that fast-check shrinks them well.
 */
const spellingChoices: fc.Arbitrary<SpellingChoice[]> = fc.array(
  fc.record({
    upper: fc.boolean(),
    space: fc.array(fc.constantFrom(...WHITESPACE), { minLength: 1, maxLength: 3 }).map((run) => run.join('')),
    hyphen: fc.constantFrom(...HYPHENS),
    apostrophe: fc.constantFrom(...APOSTROPHES),
    // Mostly none: text with any of them takes the matcher's slower path, which the others skip.
    ignorable: fc.oneof({ arbitrary: fc.constant(null), weight: 7 }, { arbitrary: fc.constantFrom(...IGNORABLES), weight: 1 }),
  }),
  { maxLength: 30 },
);

/** The text of `term` in another spelling that the header says reads the same. */
function respell(term: string, choices: readonly SpellingChoice[], keepCase: boolean): string {
  return [...term]
    .map((char, i) => {
      const choice = choices[i];
      if (!choice) return char;
      let written = char;
      if (/\s/.test(char)) written = choice.space;
      else if (HYPHENS.includes(char)) written = choice.hyphen;
      else if (APOSTROPHES.includes(char)) written = choice.apostrophe;
      else if (!keepCase && choice.upper) written = otherCase(char);
      // Never before the first character: a mention starts at a character of the term.
      return i > 0 && choice.ignorable !== null ? choice.ignorable + written : written;
    })
    .join('');
}

/** One of `phrases`, respelled. */
const respelled = (phrases: readonly string[], keepCase = false) =>
  fc.tuple(fc.constantFrom(...phrases), spellingChoices).map(([phrase, choices]) => respell(phrase, choices, keepCase));

/** The mention's page text read back through the matcher's folding (a possessive "'s" belongs to it). */
function readsAsTerm(text: string, mention: Mention): boolean {
  const written = fold(text.slice(mention.start, mention.end));
  const term = fold(mention.term);
  return written === term || written === `${term}'s`;
}

/** Where the mention's term ends, before a possessive. */
function termEnd(text: string, mention: Mention): number {
  return fold(text.slice(mention.start, mention.end)) === fold(mention.term) ? mention.end : mention.end - 2;
}

/** The invariants every findMentions result has, whatever the text and the terms. */
function expectWellFormed(found: Matcher, text: string, termTexts: ReadonlySet<string>, topics: ReadonlySet<string>) {
  const mentions = found.findMentions(text);
  let reached = 0;
  for (const mention of mentions) {
    expect(Number.isInteger(mention.start) && Number.isInteger(mention.end)).toBe(true);
    expect(mention.start).toBeGreaterThanOrEqual(reached); // sorted and not overlapping
    expect(mention.start).toBeLessThan(mention.end);
    expect(mention.end).toBeLessThanOrEqual(text.length);
    expect(termTexts.has(mention.term)).toBe(true);
    expect(topics.has(mention.topic)).toBe(true);
    expect(readsAsTerm(text, mention), `${JSON.stringify(text.slice(mention.start, mention.end))} reads as ${JSON.stringify(mention.term)}`).toBe(true);
    reached = mention.end;
  }
  const ends = new Set(found.candidateEnds(text));
  for (const mention of mentions) {
    expect(ends.has(termEnd(text, mention)), `candidateEnds misses the end of ${JSON.stringify(text.slice(mention.start, mention.end))}`).toBe(true);
  }
  return mentions;
}

const bundledTermTexts = new Set(config.terms.map((term) => term.text));
const bundledTopics = new Set(factData.topics.map((topic) => topic.id));
const everyBundledPhrase = [...config.terms.map((term) => term.text), ...config.contextCues.map((cue) => cue.text), ...config.notMentions];

const asciiWord = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_'), minLength: 1, maxLength: 8 });
const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 4 });

/** Text that mixes the bundled terms (in any documented spelling) with everything around them. */
const pageText = fc
  .array(
    fc.tuple(
      fc.oneof(
        { arbitrary: fc.constantFrom(...everyBundledPhrase), weight: 3 },
        { arbitrary: respelled(everyBundledPhrase), weight: 3 },
        { arbitrary: fc.constantFrom(...WHITESPACE, ...IGNORABLES, ...HYPHENS, ...APOSTROPHES), weight: 3 },
        { arbitrary: fc.constantFrom(...PUNCTUATION, ...CJK), weight: 2 },
        { arbitrary: asciiWord, weight: 2 },
        { arbitrary: digits, weight: 1 },
        { arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }), weight: 1 },
      ),
      // What joins a piece to the next: mostly a word boundary, sometimes nothing.
      fc.constantFrom('', ' ', ' ', ' ', ', ', '. ', '\u00a0', '\n', "'s ", '\u2019s '),
    ),
    { maxLength: 30 },
  )
  .map((pieces) => pieces.flat().join(''));

const anyText = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme-composite' }), pageText);

describe('findMentions with the bundled topics (properties)', () => {
  it('never throws, and returns sorted, non-overlapping mentions inside the text that read as their term', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expectWellFormed(matcher, text, bundledTermTexts, bundledTopics);
      }),
      { numRuns: 400 },
    );
  });

  it('reaches mentions in every documented spelling (guards the generator of the property above)', () => {
    const samples = fc.sample(pageText, { numRuns: 200, seed: 1 });
    const mentions = samples.flatMap((text) => matcher.findMentions(text).map((m) => ({ written: text.slice(m.start, m.end), term: m.term })));
    expect(mentions.length).toBeGreaterThan(100);
    expect(mentions.filter((m) => m.written !== m.term).length).toBeGreaterThan(30); // case, white space, soft hyphens…
    expect(mentions.filter((m) => fold(m.written) !== fold(m.term)).length).toBeGreaterThan(0); // possessives
  });
});

describe('a matcher compiled ahead of time (properties)', () => {
  const pageTopicSets = fc.subarray([...bundledTopics]).map((topics) => new Set(topics));
  const sameReading = (a: Matcher, b: Matcher, text: string, pageTopics: Set<string>) => {
    expect(a.findMentions(text)).toEqual(b.findMentions(text));
    expect(a.findMentions(text, pageTopics)).toEqual(b.findMentions(text, pageTopics));
    expect(a.candidateEnds(text)).toEqual(b.candidateEnds(text));
    expect([...a.pageTopicsIn([text])].sort()).toEqual([...b.pageTopicsIn([text])].sort());
    expect(a.longestTerm).toBe(b.longestTerm);
  };

  it('the first look for anchor words changes nothing: every text reads as with no anchors at all (more than 256 terms: the automaton reads all of it)', () => {
    // 300 more terms that no generated text holds push the bundled topics over the anchor limit.
    const unused = Array.from({ length: 300 }, (_, i) => ({ text: `qzxv${i.toString(36)}jw`, topic: 'huawei' }));
    const withoutAnchors = createMatcher({ ...config, terms: [...config.terms, ...unused] });
    fc.assert(
      fc.property(anyText, pageTopicSets, (text, pageTopics) => {
        expect(matcher.findMentions(text)).toEqual(withoutAnchors.findMentions(text));
        expect(matcher.findMentions(text, pageTopics)).toEqual(withoutAnchors.findMentions(text, pageTopics));
        expect([...matcher.pageTopicsIn([text])].sort()).toEqual([...withoutAnchors.pageTopicsIn([text])].sort());
      }),
      { numRuns: 400 },
    );
  });

  it('the one the build compiles (`?matcher`, what pages load) reads every text exactly as the bundled topics\' matcher compiled on the spot', () => {
    const compiledByBuild = createMatcher(bundledMatcher);
    fc.assert(fc.property(anyText, pageTopicSets, (text, pageTopics) => sameReading(compiledByBuild, matcher, text, pageTopics)), { numRuns: 400 });
  });

  it('any configuration, compiled and passed through JSON, reads every text as the configuration itself', () => {
    const phrase = fc.oneof(fc.constantFrom(...everyBundledPhrase), asciiWord, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }));
    const configs = fc.record({
      terms: fc.array(fc.record({ text: phrase, topic: fc.constantFrom('a', 'b'), ambiguous: fc.boolean(), matchCase: fc.boolean() }), { minLength: 1, maxLength: 12 }),
      contextCues: fc.array(fc.record({ text: phrase, topic: fc.constantFrom('a', 'b') }), { maxLength: 4 }),
      counterCues: fc.array(fc.record({ text: phrase, topic: fc.constantFrom('a', 'b') }), { maxLength: 4 }),
      notMentions: fc.array(phrase, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(configs, anyText, (built, text) => {
        const throughJson = createMatcher(JSON.parse(JSON.stringify(compileMatcher(built))));
        sameReading(throughJson, createMatcher(built), text, new Set(['a']));
      }),
      { numRuns: 300 },
    );
  });
});

// Characters the bundled terms, cues and "not a mention" phrases never use: filler made of them
// (and white space) cannot start, end or continue any pattern.
const bundledPatternChars = new Set([...everyBundledPhrase.map(fold).join('')].filter((char) => char !== ' '));
const usesNoPatternChar = (chars: Set<string>) => (char: string) => [...fold(char)].every((c) => !chars.has(c));
const FILLER_POOL = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_éçñøДжλ', ...PUNCTUATION.filter((p) => p.length === 1), ...CJK, ...WHITESPACE, ...IGNORABLES];
const SEPARATOR_POOL = [...WHITESPACE, ...PUNCTUATION.filter((p) => p.length === 1)];

function fillerArbitraries(patternChars: Set<string>) {
  const fillerChars = FILLER_POOL.filter(usesNoPatternChar(patternChars));
  const separatorChars = SEPARATOR_POOL.filter((char) => !WORD_CHAR.test(char) && usesNoPatternChar(patternChars)(char));
  return {
    filler: fc.string({ unit: fc.constantFrom(...fillerChars), maxLength: 20 }),
    separator: fc.string({ unit: fc.constantFrom(...separatorChars), minLength: 1, maxLength: 3 }),
    /** A separator with no white space: nothing can match across it. */
    breakingSeparator: fc.string({ unit: fc.constantFrom(...separatorChars.filter((char) => !/\s/.test(char))), minLength: 1, maxLength: 3 }),
  };
}

/** `before + separator + written + separator + after`, and where `written` lies in it. */
function embed(written: string, before: string, separatorBefore: string, separatorAfter: string, after: string) {
  const start = before.length + separatorBefore.length;
  return { text: before + separatorBefore + written + separatorAfter + after, start, end: start + written.length };
}

/** The term the matcher reports for a spelling: the last data term with the same folded text. */
function dataTermFor(terms: readonly MentionTerm[], written: string): MentionTerm {
  return terms.filter((term) => fold(term.text) === fold(written)).at(-1)!;
}

describe('a single bundled term in filler that contains no term (properties)', () => {
  const { filler, separator, breakingSeparator } = fillerArbitraries(bundledPatternChars);
  const topicTerms = factData.topics.flatMap((topic) => topic.terms);
  const properNames = factData.topics.flatMap((topic) => topic.properNames);
  const ambiguousTerms = config.terms.filter((term) => term.ambiguous);
  // A term that is also a cue would count as "another mention"; only pure cues are used here.
  const pureCues = config.contextCues.filter((cue) => !bundledTermTexts.has(cue.text));

  const unambiguousSpelling = fc.oneof(
    respelled(topicTerms),
    // A proper name counts only with its own capitals (white space and soft hyphens may vary).
    respelled(properNames, true),
  );

  it('is found, at exactly its place, with its topic and data term', () => {
    fc.assert(
      fc.property(unambiguousSpelling, filler, separator, separator, filler, (written, before, sepBefore, sepAfter, after) => {
        const { text, start, end } = embed(written, before, sepBefore, sepAfter, after);
        const term = dataTermFor(config.terms, written);
        expect(matcher.findMentions(text)).toEqual([{ start, end, topic: term.topic, term: term.text }]);
        expect(matcher.candidateEnds(text)).toContain(end);
      }),
      { numRuns: 300 },
    );
  });

  it('is not a mention when ambiguous, or a proper name in other capitals, with no cue and no other mention', () => {
    const otherCapitals = fc
      .tuple(fc.constantFrom(...properNames), fc.array(fc.boolean(), { maxLength: 20 }))
      .map(([name, flips]) => [...name].map((c, i) => (flips[i] ? otherCase(c) : c)).join(''))
      .filter((written) => !properNames.some((name) => written.startsWith(name)));
    const lone = fc.oneof(respelled(ambiguousTerms.map((term) => term.text)), otherCapitals);
    fc.assert(
      fc.property(lone, filler, separator, separator, filler, (written, before, sepBefore, sepAfter, after) => {
        expect(matcher.findMentions(embed(written, before, sepBefore, sepAfter, after).text)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('counts when ambiguous and the text also has a cue of its topic or another mention', () => {
    // The other phrase: a cue of the ambiguous term's topic (not itself a term), or a term.
    const other = (term: MentionTerm, pick: number, cue: boolean) => {
      const cues = pureCues.filter((c) => c.topic === term.topic);
      if (cue) return { text: cues[pick % cues.length].text, mention: undefined };
      const text = topicTerms[pick % topicTerms.length];
      return { text, mention: dataTermFor(config.terms, text) };
    };
    fc.assert(
      fc.property(fc.constantFrom(...ambiguousTerms), fc.nat(), fc.boolean(), fc.boolean(), filler, breakingSeparator, filler, (term, pick, cue, cueFirst, before, sep, after) => {
        const { text: otherText, mention: otherTerm } = other(term, pick, cue);
        const parts = cueFirst ? [otherText, term.text] : [term.text, otherText];
        const text = `${before} ${parts[0]}${sep}${parts[1]} ${after}`;
        const termStart = text.indexOf(term.text, cueFirst ? before.length + 1 + otherText.length : before.length);
        const expected: Mention[] = [{ start: termStart, end: termStart + term.text.length, topic: term.topic, term: term.text }];
        if (otherTerm) {
          const otherStart = text.indexOf(otherText, cueFirst ? before.length : termStart + term.text.length);
          expected.push({ start: otherStart, end: otherStart + otherText.length, topic: otherTerm.topic, term: otherTerm.text });
        }
        expect(matcher.findMentions(text)).toEqual(expected.sort((a, b) => a.start - b.start));
      }),
      { numRuns: 200 },
    );
  });
});

describe('longestTerm (properties)', () => {
  it('is the folded length of the longest term, cue or phrase, and at least 1', () => {
    expect(matcher.longestTerm).toBe(Math.max(1, ...everyBundledPhrase.map((phrase) => fold(phrase).length)));
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { maxLength: 10 }), (texts) => {
        const built = createMatcher({ terms: texts.map((text) => ({ text, topic: 't' })), contextCues: [], notMentions: [] });
        expect(built.longestTerm).toBe(Math.max(1, ...texts.map((text) => fold(text).length)));
      }),
    );
  });

  it('lets text cut into pieces that overlap by longestTerm keep every candidate end of terms written as in data', () => {
    // Terms spelled exactly as in data/ (one space between words, no soft hyphens): each is
    // longestTerm characters or fewer, so every piece boundary leaves it whole in some piece.
    const canonical = fc
      .array(fc.oneof(fc.constantFrom(...everyBundledPhrase), asciiWord, fc.constantFrom(',', '.', '华为')), { maxLength: 25 })
      .map((pieces) => pieces.join(' '));
    fc.assert(
      fc.property(canonical, fc.integer({ min: 1, max: 40 }), (text, pieceLength) => {
        const overlap = matcher.longestTerm;
        const inPieces = new Set<number>();
        for (let from = 0; from < text.length; from += pieceLength) {
          const start = Math.max(0, from - overlap);
          for (const end of matcher.candidateEnds(text.slice(start, from + pieceLength))) inPieces.add(start + end);
        }
        for (const end of matcher.candidateEnds(text)) expect(inPieces.has(end)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

/** Text nodes in a live element, one per segment, as iterateTextBlocks would collect them. */
function blockOf(segments: readonly string[]): TextBlock {
  const parent = document.createElement('p');
  const block: TextBlock = { text: '', nodes: [], starts: [] };
  for (const segment of segments) {
    const node = document.createTextNode(segment);
    parent.append(node);
    block.starts.push(block.text.length);
    block.nodes.push(node);
    block.text += segment;
  }
  document.body.replaceChildren(parent);
  return block;
}

/** The text between two node/offset points of a block, read from the nodes' own data. */
function textBetween(block: TextBlock, from: { node: Text; offset: number }, to: { node: Text; offset: number }): string {
  const first = block.nodes.indexOf(from.node);
  const last = block.nodes.indexOf(to.node);
  if (first === last) return from.node.data.slice(from.offset, to.offset);
  let text = from.node.data.slice(from.offset);
  for (let i = first + 1; i < last; i++) text += block.nodes[i].data;
  return text + to.node.data.slice(0, to.offset);
}

/** `text` cut at random places (repeated cuts give empty nodes, also at either end). */
const segmented = (text: fc.Arbitrary<string>) =>
  fc.tuple(text, fc.array(fc.nat(), { maxLength: 12 })).map(([whole, cuts]) => {
    const points = [0, ...cuts.map((cut) => cut % (whole.length + 1)).sort((a, b) => a - b), whole.length];
    return points.slice(1).map((point, i) => whole.slice(points[i], point));
  });

describe('mapping mentions onto text nodes (properties)', () => {
  it('positionInBlock never throws and names a node and an offset inside it for every offset', () => {
    fc.assert(
      fc.property(
        segmented(anyText),
        fc.nat(),
        fc.boolean(),
        (segments, at, preferEnd) => {
          const block = blockOf(segments);
          const offset = at % (block.text.length + 1);
          const position = positionInBlock(block, offset, preferEnd);
          const index = block.nodes.indexOf(position.node);
          expect(index).toBeGreaterThanOrEqual(0);
          expect(block.starts[index] + position.offset).toBe(offset);
          expect(position.offset).toBeGreaterThanOrEqual(0);
          expect(position.offset).toBeLessThanOrEqual(position.node.data.length);
          // A start lies before a character of its node, an end after one.
          if (!preferEnd && offset < block.text.length) expect(position.offset).toBeLessThan(position.node.data.length);
          if (preferEnd && offset > 0) expect(position.offset).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('maps every mention to node positions and a Range that cover exactly its text', () => {
    fc.assert(
      fc.property(segmented(pageText), (segments) => {
        const block = blockOf(segments);
        const mentions = matcher.findMentions(block.text);
        for (const mention of mentions) {
          const from = positionInBlock(block, mention.start);
          const to = positionInBlock(block, mention.end, true);
          expect(textBetween(block, from, to)).toBe(block.text.slice(mention.start, mention.end));
        }
        const pageMentions = mentionsInBlock(block, matcher);
        expect(pageMentions.map(({ start, end, topic, term }) => ({ start, end, topic, term }))).toEqual(mentions);
        for (const pageMention of pageMentions) {
          expect(pageMention.range.toString()).toBe(block.text.slice(pageMention.start, pageMention.end));
          expect(pageMention.startNode).toBe(pageMention.range.startContainer);
          expect(pageMention.block).toBe(block);
        }
      }),
      { numRuns: 200 },
    );
  });
});

// Word-like terms in several scripts, including letters whose case rules are unusual (final sigma,
// dotted capital I, sharp s, an astral script with case), so that any matcher stays well formed.
const COMMON_LETTERS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'];
const UNUSUAL_LETTERS = ['é', 'É', 'ß', 'İ', 'ı', 'σ', 'Σ', 'ς', 'α', 'Ω', 'д', 'Д', 'ж', '华', '为', 'の', 'テ', 'ก', '\u{10400}', '\u{10428}'];
const LETTERS = [...COMMON_LETTERS, ...UNUSUAL_LETTERS];
const generatedWord = fc
  .array(fc.oneof({ arbitrary: fc.constantFrom(...COMMON_LETTERS), weight: 3 }, { arbitrary: fc.constantFrom(...UNUSUAL_LETTERS), weight: 1 }), { minLength: 1, maxLength: 6 })
  .map((chars) => chars.join(''));
const generatedPhrase = fc
  .tuple(fc.array(generatedWord, { minLength: 1, maxLength: 3 }), fc.constantFrom(' ', '-', "'"))
  .map(([words, joiner]) => words.join(joiner));
const generatedTerm: fc.Arbitrary<MentionTerm> = fc.record({
  text: generatedPhrase,
  topic: fc.constantFrom('a', 'b', 'c'),
  ambiguous: fc.boolean(),
  matchCase: fc.boolean(),
});
const generatedConfig: fc.Arbitrary<MatcherConfig> = fc.record({
  terms: fc.array(generatedTerm, { minLength: 1, maxLength: 30 }),
  contextCues: fc.array(fc.record({ text: generatedPhrase, topic: fc.constantFrom('a', 'b', 'c') }), { maxLength: 5 }),
  notMentions: fc.array(generatedPhrase, { maxLength: 3 }),
});

/** Pieces of text: the config's own phrases (by index, in any documented spelling) among other characters. */
const generatedPieces = fc.array(
  fc.oneof(
    { arbitrary: fc.record({ phrase: fc.nat(), choices: spellingChoices }), weight: 6 },
    { arbitrary: fc.constantFrom(...WHITESPACE, ...IGNORABLES, ...PUNCTUATION, ...APOSTROPHES, 's'), weight: 3 },
    { arbitrary: generatedWord, weight: 2 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 3 }), weight: 1 },
  ),
  { maxLength: 20 },
);

function textOf(built: MatcherConfig, pieces: readonly (string | { phrase: number; choices: SpellingChoice[] })[]): string {
  const phrases = [...built.terms.map((term) => term.text), ...built.contextCues.map((cue) => cue.text), ...built.notMentions];
  return pieces.map((piece) => (typeof piece === 'string' ? piece : respell(phrases[piece.phrase % phrases.length], piece.choices, false))).join('');
}

const termTextsOf = (built: MatcherConfig) => new Set(built.terms.map((term) => term.text));
const topicsOf = (built: MatcherConfig) => new Set(built.terms.map((term) => term.topic));
// Generated terms use only LETTERS, spaces, hyphens and apostrophes: these never occur in one.
const GENERATED_SEPARATORS = SEPARATOR_POOL.filter((char) => !LETTERS.includes(char));

describe('matchers built from generated terms (properties)', () => {
  it('never throw and keep every findMentions invariant', () => {
    fc.assert(
      fc.property(generatedConfig, generatedPieces, (built, pieces) => {
        expectWellFormed(createMatcher(built), textOf(built, pieces), termTextsOf(built), topicsOf(built));
      }),
      { numRuns: 200 },
    );
  });

  it('keep the invariants above the anchor limit (over 256 terms), on arbitrary text too', () => {
    const manyTerms = fc.record({
      terms: fc.array(generatedTerm, { minLength: 257, maxLength: 320 }),
      contextCues: fc.constant([]),
      notMentions: fc.constant([]),
    });
    fc.assert(
      fc.property(manyTerms, generatedPieces, fc.string({ unit: 'binary' }), (built, pieces, noise) => {
        const found = createMatcher(built);
        expectWellFormed(found, textOf(built, pieces), termTextsOf(built), topicsOf(built));
        expectWellFormed(found, noise, termTextsOf(built), topicsOf(built));
      }),
      { numRuns: 20 },
    );
  });

  it('find a term embedded between word boundaries in filler that contains no term', () => {
    // Leaves out terms that are another term's possessive ("ab's" and "ab"): the two tie on the
    // same span, and the matcher documents no winner between two terms.
    const plainTerms = fc
      .array(fc.record({ text: generatedPhrase, topic: fc.constantFrom('a', 'b', 'c') }), { minLength: 1, maxLength: 30 })
      .filter((terms) => !terms.some((t) => terms.some((u) => fold(t.text) === `${fold(u.text)}'s`)));
    const rawFiller = fc.string({ unit: fc.constantFrom(...FILLER_POOL), maxLength: 20 });
    const separator = fc.string({ unit: fc.constantFrom(...GENERATED_SEPARATORS), minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(plainTerms, fc.nat(), spellingChoices, rawFiller, separator, separator, rawFiller, (terms, pick, choices, rawBefore, sepBefore, sepAfter, rawAfter) => {
        const patternChars = new Set([...terms.map((term) => fold(term.text)).join('')].filter((char) => char !== ' '));
        const clean = (filler: string) => [...filler].filter(usesNoPatternChar(patternChars)).join('');
        const written = respell(terms[pick % terms.length].text, choices, false);
        const built = createMatcher({ terms, contextCues: [], notMentions: [] });
        const { text, start, end } = embed(written, clean(rawBefore), sepBefore, sepAfter, clean(rawAfter));
        const term = dataTermFor(terms, written);
        expect(built.findMentions(text)).toEqual([{ start, end, topic: term.topic, term: term.text }]);
        expect(built.candidateEnds(text)).toContain(end);
      }),
      { numRuns: 300 },
    );
  });
});

describe('reading only around anchors (properties)', () => {
  // A soft hyphen anywhere sends findMentions through the automaton's scan of the whole text, and
  // one at the very end changes no mention: so the two calls compare the windowed reading with the
  // full one on the same text.
  const fullScan = (built: Matcher, text: string) => built.findMentions(`${text}\u00ad`);

  it('finds exactly what a scan of the whole text finds, with the bundled topics', () => {
    fc.assert(
      fc.property(pageText, (text) => {
        expect(matcher.findMentions(text)).toEqual(fullScan(matcher, text));
      }),
      { numRuns: 600 },
    );
  });

  it('finds exactly what a scan of the whole text finds, with generated terms, cues and phrases', () => {
    fc.assert(
      fc.property(generatedConfig, generatedPieces, (built, pieces) => {
        const generated = createMatcher(built);
        const text = textOf(built, pieces);
        expect(generated.findMentions(text)).toEqual(fullScan(generated, text));
      }),
      { numRuns: 400 },
    );
  });
});
