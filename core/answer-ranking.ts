/**
 * Chooses which FAQ answer fits a mention, from the text the reader is looking at: the mention's
 * sentence, the rest of its paragraph and the page title, nearer text weighing more (the learned
 * layer also reads the section heading and the page's headline, lead and outline).
 *
 * Every FAQ entry gets a lexical score, BM25 over its question and answer plus its curated keywords
 * (data/answer-keywords.json, which count more and may be phrases). Words that name a topic
 * (Huawei, 5G, Entity List, …) are not evidence: every entry shares them (so a keyword that is such
 * a word alone never counts; within a phrase it does: "industry standards"). The mention's topic is a
 * prior: its entries get a bonus, so an entry from elsewhere wins only on clearly stronger evidence,
 * and the topic's own order (data/topics.json) breaks ties, so text with no cue gets the topic's
 * first entry. Pure: plain values in, plain values out; the index is built once per data set.
 * BM25 is computed here rather than by MiniSearch (which the FAQ's search box uses): the ranking
 * needs a score for every entry, not only those a query matches, curated keywords that are phrases
 * or "a + b" conjunctions, and the words that name a topic left out of the index but not of the
 * phrases; each would be a custom tokenizer and a post-pass around MiniSearch's own scoring.
 * The weights were tuned on the tune halves of tests/eval/sentences.json and tests/eval/pages/ (`npm run eval`).
 */

import stemmer from 'wink-porter2-stemmer';

// Stems by word, kept: the stemmer is a chain of regular expressions, and the same everyday words
// come back in every context. (Declared first: the stop words below are stemmed as the module loads.)
const stems = new Map<string, string>();
const STEMS_KEPT = 50_000;

/** The text around a mention. */
export interface RankingContext {
  /** The sentence that holds the mention: the strongest evidence. */
  sentence: string;
  /** The paragraph (text block) around it; the sentence is found inside it and counted once. */
  paragraph?: string;
  /** The page title: the weakest evidence, but often the only cue. */
  title?: string;
  /** The heading of the mention's section (and, in a table, its cell's column and row headers). */
  heading?: string;
  /** The page's headline (its first <h1>). */
  headline?: string;
  /** The page's lead paragraph. */
  lead?: string;
  /** The page's first section headings: what the whole page is about. */
  outline?: string;
}

/**
 * A group of a topic's terms that ask their own question: "3GPP" is a standards mention, a bare
 * "5G" in a phone review is not. A mention by one of `terms` puts `faq` first in the topic's order
 * and gives those entries a bonus of `weight` (1 if absent) × WEIGHTS.termPrior, the first most.
 * It is what the data says before any learning: a term the learned layer has never seen (a topic
 * pack's) still gets its answers.
 */
export interface TermAnswers {
  terms: readonly string[];
  faq: readonly string[];
  weight?: number;
}

export interface RankingInput {
  /** The mention's topic. */
  topicId: string;
  /**
   * The data term that matched ("5G standards", "Entity List"): evidence of its own, through the
   * model's `terms` weights (a bare "5G" in a phone review is not a standards mention; "3GPP" is).
   */
  term?: string;
  /**
   * The topics, with their FAQ ids most relevant first. The words of their `terms`, `properNames`
   * and `ambiguousTerms`, where given, are never counted as evidence.
   */
  topics: readonly {
    id: string;
    faq: readonly string[];
    /** Groups of the topic's terms with their own answer order and weight (data/topics.json `termAnswers`). */
    termAnswers?: readonly TermAnswers[];
    terms?: readonly string[];
    properNames?: readonly string[];
    ambiguousTerms?: readonly string[];
  }[];
  faq: readonly { id: string; question: string; answer: string }[];
  /** Keywords per FAQ id (data/answer-keywords.json). */
  answerKeywords: Readonly<Record<string, readonly string[]>>;
  /** Learned word weights (data/answer-model.json); without it the lexical score alone ranks. */
  model?: AnswerModel;
  context: RankingContext;
}

/**
 * A linear layer over the lexical score, learned from the tune half of the evaluation set by
 * `npm run train` (scripts/train-ranker.mjs): each answer's score becomes
 * `lexicalScale × lexical score + Σ word weight × where the word is + topic weight`. It learns the
 * everyday vocabulary of each answer from how people actually write about it, which curated
 * keywords only sample.
 */
export interface AnswerModel {
  lexicalScale: number;
  /** Where a word is found: its feature value (the sentence counts 1; a place without a value is not read). */
  reach: { paragraph: number; title: number; heading?: number; headline?: number; lead?: number; outline?: number; near?: number };
  /** Per topic id, its weights: FAQ id → weight (absent is 0). */
  topics: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Per word stem (as `toStems` gives it), its weights: FAQ id → weight (absent is 0). */
  words: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Per matched data term, lower case, its weights: FAQ id → weight (absent is 0). */
  terms?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /**
   * When the second answer's score is within this of the first, the ranker is unsure and the card
   * shows both. Calibrated by `npm run train` on the tune pages' cross-validated scores; absent, the
   * card shows one answer.
   */
  runnerUpGap?: number;
}

export interface RankedAnswer {
  id: string;
  /** Lexical relevance plus the topic prior (through the model, if any); comparable only within one ranking. */
  score: number;
}

/** Tuned on the tune half of the evaluation set (see the module comment). */
const WEIGHTS = {
  /** How much each part of the context counts. */
  sentence: 1,
  paragraph: 0.7,
  title: 0.2,
  /**
   * What an entry's keyword adds, before idf. A word of its question or answer adds 1 the first time
   * it occurs, up to k1 + 1 however often (BM25's saturation).
   */
  keyword: 3,
  /** Extra weight per additional word of a multi-word keyword ("rip and replace"). */
  phraseWord: 0.5,
  /** BM25's term-frequency saturation and length normalisation. */
  k1: 1.2,
  b: 0.75,
  /**
   * The bonus of the mention's topic's entries: an entry from outside must beat them by this much.
   * One keyword in the sentence is worth about 6 to 9, so a single stray cue ("markets") never takes
   * the answer out of the topic; two or three clear ones do.
   */
  topicPrior: 10,
  /** Spread of the bonus by the topic's order, first entry highest: breaks near-ties. */
  topicOrder: 1,
  /** The bonus of the first answer of a matched term's group (TermAnswers), times its weight. */
  termPrior: 2,
};

/** How far from the sentence paragraph text still counts, in characters: near text, and fast. */
const PARAGRAPH_REACH = 1000;

// Index side only: such words in a question or answer are not evidence. The reader's text is not
// filtered, so a curated keyword ("put on", "work with") still matches. Besides the usual function words,
// words that nearly every sentence on these topics has ("company", "new", "said").
const STOP_WORDS = new Set(
  ('a about above after again against all also am an and any are as at be because been before being below between both but by can companies company could did do does doing down during each few firm firms for from further had has have having he her here hers him his how i if in into is it its itself just like may me might more most must my new no nor not now of off on once only or other our out over own recent said same says she should so some such than that the their theirs them then there these they this those through to too under until up us very was we were what when where which while who whom why will with within without would you your')
    .split(' ')
    .map(stem),
);

/**
 * Lower case word stems, by the Porter2 (Snowball English) stemmer of `wink-porter2-stemmer`, so
 * "banned", "bans" and "ban" meet, and "spies", "spying" and "spy". Hyphens split words; a
 * possessive 's goes first. It replaced a hand-written suffix strip; cross-validated top-1 on the
 * tune halves (`npm run train`, 2026-12-05), sentences / page mentions: hand-written 90.9 / 88.5 %,
 * Porter (the `stemmer` package) 91.3 / 88.6 %, Porter2 91.6 / 88.6 %.
 */
export function toStems(text: string): string[] {
  return (text.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'").match(/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu) ?? []).map(stem);
}

function stem(word: string): string {
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    if (stems.size >= STEMS_KEPT) stems.clear();
    stemmed = stemmer(word.replace(/'s$/, ''));
    stems.set(word, stemmed);
  }
  return stemmed;
}

interface AnswerIndex {
  ids: string[];
  /** For each term (a stem, or a keyword phrase's stems joined by spaces): BM25 weight per entry. */
  postings: Map<string, Float64Array>;
  /** Multi-word keywords by their first stem. */
  phrases: Map<string, string[][]>;
  /**
   * Keywords written "a + b": they count where every part occurs in the same piece of context, in
   * any order ("firms + take part": US firms may take part in standards work).
   */
  conjunctions: { term: string; parts: string[][] }[];
  /** Stems that name a topic: never evidence. */
  topicWords: Set<string>;
}

// One index per (faq, keywords, topics) triple, built on first use: a content script ranks on hover.
const indexCache = new WeakMap<object, WeakMap<object, WeakMap<object, AnswerIndex>>>();

function indexFor(input: RankingInput): AnswerIndex {
  let byKeywords = indexCache.get(input.faq);
  if (!byKeywords) indexCache.set(input.faq, (byKeywords = new WeakMap()));
  let byTopics = byKeywords.get(input.answerKeywords);
  if (!byTopics) byKeywords.set(input.answerKeywords, (byTopics = new WeakMap()));
  let index = byTopics.get(input.topics);
  if (!index) byTopics.set(input.topics, (index = buildIndex(input)));
  return index;
}

function buildIndex({ faq, answerKeywords, topics }: RankingInput): AnswerIndex {
  const topicWords = new Set(
    topics.flatMap((topic) => [...(topic.terms ?? []), ...(topic.properNames ?? []), ...(topic.ambiguousTerms ?? [])].flatMap(toStems)),
  );
  const phrases = new Map<string, string[][]>();
  const conjunctions: AnswerIndex['conjunctions'] = [];
  // Two fields per entry: the words of its question and answer (with their counts), and its keywords.
  const textCounts = faq.map(({ question, answer }) => {
    const counts = new Map<string, number>();
    for (const word of toStems(`${question} ${answer}`)) {
      if (!STOP_WORDS.has(word) && !topicWords.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    return counts;
  });
  const keywordSets = faq.map(({ id }) => {
    const terms = new Set<string>();
    for (const keyword of answerKeywords[id] ?? []) {
      if (keyword.includes('+')) {
        const parts = keyword.split('+').map(toStems).filter((part) => part.length > 0);
        const term = parts.map((part) => part.join(' ')).join(' + ');
        if (parts.length > 1 && !conjunctions.some((c) => c.term === term)) conjunctions.push({ term, parts });
        terms.add(term);
        continue;
      }
      const words = toStems(keyword);
      if (words.length === 0) continue;
      const term = words.join(' ');
      if (words.length > 1 && !phrases.get(words[0])?.some((p) => p.join(' ') === term)) phrases.set(words[0], [...(phrases.get(words[0]) ?? []), words]);
      terms.add(term);
    }
    return terms;
  });

  const lengths = textCounts.map((counts) => [...counts.values()].reduce((sum, n) => sum + n, 0));
  const averageLength = lengths.reduce((sum, n) => sum + n, 0) / Math.max(1, lengths.length);
  const allTerms = new Set([...textCounts.flatMap((counts) => [...counts.keys()]), ...keywordSets.flatMap((terms) => [...terms])]);

  const { k1, b } = WEIGHTS;
  const postings = new Map<string, Float64Array>();
  for (const term of allTerms) {
    const df = faq.filter((_, i) => textCounts[i].has(term) || keywordSets[i].has(term)).length;
    const idf = Math.log(1 + (faq.length - df + 0.5) / (df + 0.5));
    const phraseBonus = 1 + WEIGHTS.phraseWord * (term.split(' ').filter((word) => word !== '+').length - 1);
    const weights = new Float64Array(faq.length);
    for (let i = 0; i < faq.length; i++) {
      const tf = textCounts[i].get(term) ?? 0;
      const text = tf && (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * lengths[i]) / averageLength));
      weights[i] = phraseBonus * idf * (text + (keywordSets[i].has(term) ? WEIGHTS.keyword : 0));
    }
    postings.set(term, weights);
  }
  return { ids: faq.map((entry) => entry.id), postings, phrases, conjunctions, topicWords };
}

/** Adds the index terms found in `text` to `found`, each at the highest weight it was seen with. */
function collectTerms(index: AnswerIndex, text: string, weight: number, found: Map<string, number>) {
  if (!text) return;
  const words = toStems(text);
  const note = (term: string) => {
    if (index.postings.has(term) && (found.get(term) ?? 0) < weight) found.set(term, weight);
  };
  words.forEach((word, i) => {
    if (!index.topicWords.has(word)) note(word);
    for (const phrase of index.phrases.get(word) ?? []) {
      if (phrase.every((p, j) => words[i + j] === p)) note(phrase.join(' '));
    }
  });
  const occurs = (part: string[]) => words.some((_, i) => part.every((p, j) => words[i + j] === p));
  for (const { term, parts } of index.conjunctions) if (parts.every(occurs)) note(term);
}

/** A word's key in the model when it stands right beside the mention ("Huawei in 5G", "5G area"): its own weights. */
const NEAR = '~';
/** How many words either side of the mention count as beside it. */
const NEAR_WORDS = 3;

/**
 * The stems of the words just before and after the mention's first occurrence in the sentence's
 * stems, function words included ("in", "on", "of" say how the mention is used).
 */
function wordsAround(words: readonly string[], term: string): string[] {
  const mention = toStems(term);
  if (mention.length === 0) return [];
  const at = words.findIndex((_, i) => mention.every((part, j) => words[i + j] === part));
  if (at < 0) return [];
  return [...words.slice(Math.max(0, at - NEAR_WORDS), at), ...words.slice(at + mention.length, at + mention.length + NEAR_WORDS)];
}

/** The paragraph without the sentence, cut to the text near it. */
function restOfParagraph({ sentence, paragraph = '' }: RankingContext): string[] {
  const at = paragraph.indexOf(sentence);
  if (at < 0 || !sentence) return [paragraph.slice(0, 2 * PARAGRAPH_REACH)];
  return [paragraph.slice(Math.max(0, at - PARAGRAPH_REACH), at), paragraph.slice(at + sentence.length, at + sentence.length + PARAGRAPH_REACH)];
}

/**
 * The words of the context as the model sees them: each stem once, at the weight of the nearest
 * place it occurs (the sentence 1, the rest of the paragraph and the title less). Stop words are
 * left out: fitted with them, the model leaned on "with" or "what", and cross-validated top-1 on the
 * 906-sentence tune half was lower (90.6 % with them, 91.2 % without). The few words just beside
 * the mention are the exception (`reach.near`, keys starting with `~`): there a function word says
 * how the mention is used ("Huawei in 5G"), and they carry weights of their own.
 */
export function contextWords(context: RankingContext, reach: AnswerModel['reach'], term?: string): Map<string, number> {
  const words = new Map<string, number>();
  const addStems = (stems: readonly string[], weight: number) => {
    for (const word of stems) if (!STOP_WORDS.has(word) && (words.get(word) ?? 0) < weight) words.set(word, weight);
  };
  const add = (text: string, weight: number) => addStems(toStems(text), weight);
  const sentence = toStems(context.sentence); // (read once: for the words beside the mention and for the sentence's own)
  if (reach.near && term) for (const word of wordsAround(sentence, term)) words.set(`${NEAR}${word}`, reach.near);
  addStems(sentence, 1);
  for (const part of restOfParagraph(context)) add(part, reach.paragraph);
  add(context.title ?? '', reach.title);
  if (reach.heading) add(context.heading ?? '', reach.heading);
  if (reach.headline) add(context.headline ?? '', reach.headline);
  if (reach.lead) add(context.lead ?? '', reach.lead);
  if (reach.outline) add(context.outline ?? '', reach.outline);
  return words;
}

/** The FAQ ids a model has weights for (its fit saw them); cached per model. */
const knownIdsOf = new WeakMap<AnswerModel, Set<string>>();
function knownIds(model: AnswerModel): Set<string> {
  let known = knownIdsOf.get(model);
  if (!known) {
    known = new Set();
    for (const table of [model.topics, model.words, model.terms ?? {}]) for (const weights of Object.values(table)) for (const id of Object.keys(weights)) known.add(id);
    knownIdsOf.set(model, known);
  }
  return known;
}

/**
 * The model's score per FAQ entry (in `ids` order); without a model, the lexical scores as they
 * are. An entry the model has never seen (a topic pack's) keeps its lexical evidence at full
 * weight: the scale was fitted for entries whose words the learned layer also weighs, and would
 * otherwise leave such an entry only its share of the topic's prior.
 */
function withModel(ids: readonly string[], lexical: Float64Array, evidence: Float64Array, input: RankingInput): Float64Array {
  const { model } = input;
  if (!model) return lexical;
  const known = knownIds(model);
  const scores = lexical.map((score, i) => score * model.lexicalScale + (known.has(ids[i]) ? 0 : evidence[i] * (1 - model.lexicalScale)));
  const add = (weights: Readonly<Record<string, number>> | undefined, value: number) => {
    if (weights) ids.forEach((id, i) => (scores[i] += value * (Object.hasOwn(weights, id) ? weights[id] : 0)));
  };
  if (Object.hasOwn(model.topics, input.topicId)) add(model.topics[input.topicId], 1);
  const term = input.term?.toLowerCase();
  if (term !== undefined && model.terms && Object.hasOwn(model.terms, term)) add(model.terms[term], 1);
  for (const [word, value] of contextWords(input.context, model.reach, input.term)) {
    if (Object.hasOwn(model.words, word)) add(model.words[word], value);
  }
  return scores;
}

/** Every FAQ entry, best first, for a mention of `topicId` read in `context`. */
export function rankAnswers(input: RankingInput): RankedAnswer[] {
  const index = indexFor(input);
  const { context } = input;
  const found = new Map<string, number>();
  collectTerms(index, context.sentence, WEIGHTS.sentence, found);
  for (const part of restOfParagraph(context)) collectTerms(index, part, WEIGHTS.paragraph, found);
  collectTerms(index, context.title ?? '', WEIGHTS.title, found);

  const scores = new Float64Array(index.ids.length);
  for (const [term, weight] of found) {
    const postings = index.postings.get(term)!;
    for (let i = 0; i < scores.length; i++) scores[i] += weight * postings[i];
  }
  const evidence = scores.slice(); // what the words say, before the priors
  const topic = input.topics.find((candidate) => candidate.id === input.topicId);
  const term = input.term?.toLowerCase();
  const group = term === undefined ? undefined : topic?.termAnswers?.find((candidate) => candidate.terms.some((t) => t.toLowerCase() === term));
  // The topic's order, with the matched term's group's answers first.
  const topicFaq = group ? [...new Set([...group.faq, ...(topic?.faq ?? [])])] : topic?.faq ?? [];
  const orders = index.ids.map((id) => topicFaq.indexOf(id));
  orders.forEach((order, i) => {
    if (order >= 0) scores[i] += WEIGHTS.topicPrior + WEIGHTS.topicOrder * (1 - order / topicFaq.length);
    if (group && order >= 0 && order < group.faq.length) scores[i] += (group.weight ?? 1) * WEIGHTS.termPrior * (1 - order / group.faq.length);
  });
  const final = withModel(index.ids, scores, evidence, input);
  return index.ids
    .map((id, i) => ({ id, score: final[i], order: orders[i] < 0 ? Infinity : orders[i], position: i }))
    .sort((a, b) => b.score - a.score || a.order - b.order || a.position - b.position)
    .map(({ id, score }) => ({ id, score }));
}

export interface AnswerChoice<Entry> {
  /** The best answer, from any topic. */
  chosen: Entry;
  /** The second best, when the ranker is unsure between the two (see `AnswerModel.runnerUpGap`). */
  runnerUp?: Entry;
  /** The mention's topic's other entries, best first (the card's "more questions on <topic>"). */
  others: Entry[];
}

/**
 * The answer for a mention read in `input.context`, the runner-up when the two are close, and the
 * rest of its topic's entries.
 */
export function chooseAnswer<Entry extends { id: string }>(faq: readonly Entry[], input: RankingInput): AnswerChoice<Entry> {
  const byId = new Map(faq.map((entry) => [entry.id, entry]));
  const ranked = rankAnswers(input).flatMap(({ id, score }) => {
    const entry = byId.get(id);
    return entry ? [{ entry, score }] : [];
  });
  const [first, second] = ranked;
  const gap = input.model?.runnerUpGap;
  const runnerUp = second && gap !== undefined && first.score - second.score <= gap ? second.entry : undefined;
  const topicFaq = new Set(input.topics.find((topic) => topic.id === input.topicId)?.faq);
  const others = ranked.map(({ entry }) => entry).filter((entry) => entry !== first.entry && entry !== runnerUp && topicFaq.has(entry.id));
  return { chosen: first.entry, ...(runnerUp && { runnerUp }), others };
}
