import * as v from 'valibot';
import { parseFaqMarkdown, type FaqEntry } from './faq-markdown';

// The shape of `data/`. Validated in a unit test and by the build (wxt.config.ts `build:before`),
// never at run time: the content script ships the already-checked data without the validator.

const FAQ_ID = /^q\d+$/;
const TOPIC_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const termList = v.array(v.pipe(v.string(), v.trim(), v.nonEmpty('a term is an empty string')));

const faqEntrySchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(FAQ_ID, 'an FAQ id looks like q1, q2, …')),
  question: v.pipe(v.string(), v.nonEmpty('the question is empty')),
  answer: v.pipe(v.string(), v.nonEmpty('the answer is empty')),
});

const topicSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(TOPIC_ID, 'a topic id is kebab-case, e.g. trade-blacklist')),
  label: v.pipe(v.string(), v.nonEmpty('the label is empty')),
  summary: v.pipe(v.string(), v.nonEmpty('the summary is empty')),
  /** FAQ ids of this topic, most relevant first: the first one answers a mention with no other cue. */
  faq: v.pipe(v.array(v.pipe(v.string(), v.regex(FAQ_ID))), v.minLength(1, 'a topic needs at least one FAQ entry')),
  /** Always a mention, in any letter case. */
  terms: termList,
  /** A mention when written with these capitals; in other capitals only next to a context cue. */
  properNames: termList,
  /** A mention only where the same block of text also has a context cue or another mention. */
  ambiguousTerms: termList,
  /** Words that make this topic's ambiguous terms count (`trade` for `blacklist`). */
  contextCues: termList,
  /**
   * Words that say this topic's ambiguous terms mean something else (`spam` for `blacklist`): in
   * the same block they outweigh the page's own evidence (its title and headline) for the topic.
   */
  counterCues: v.optional(termList),
  /**
   * Groups of this topic's terms that ask their own question: a mention by one of `terms` puts
   * `faq` (ids of this topic, most relevant first) first, with a bonus of `weight` (default 1).
   * Used by the answer ranking in the background only (core/answer-ranking.ts TermAnswers).
   */
  termAnswers: v.optional(
    v.array(
      v.strictObject({
        terms: v.pipe(termList, v.minLength(1, 'a term group needs at least one term')),
        faq: v.pipe(v.array(v.pipe(v.string(), v.regex(FAQ_ID))), v.minLength(1, 'a term group needs at least one FAQ id')),
        weight: v.optional(v.pipe(v.number(), v.minValue(0, 'a weight is 0 to 5'), v.maxValue(5, 'a weight is 0 to 5'))),
      }),
    ),
  ),
});

const topicsFileSchema = v.strictObject({
  topics: v.pipe(v.array(topicSchema), v.minLength(1)),
  /** Phrases that contain a term but are never a mention (`Wi-Fi 5G`, `e-commerce`). */
  notMentions: termList,
});

const answerKeywordsSchema = v.record(v.pipe(v.string(), v.regex(FAQ_ID)), termList);

export type Topic = v.InferOutput<typeof topicSchema>;

/** Every term that can make a mention of the topic: its terms, proper names and ambiguous terms. */
export const termsOf = (topic: Pick<Topic, 'terms' | 'properNames' | 'ambiguousTerms'>): string[] => [...topic.terms, ...topic.properNames, ...topic.ambiguousTerms];
export type TopicsFile = v.InferOutput<typeof topicsFileSchema>;
export type AnswerKeywords = v.InferOutput<typeof answerKeywordsSchema>;

export interface FactData extends TopicsFile {
  faq: FaqEntry[];
  answerKeywords: AnswerKeywords;
}

export interface RawFactData {
  faqMarkdown: string;
  topicsJson: unknown;
  answerKeywordsJson: unknown;
}

/** Thrown for malformed data; the message names each offending entry. */
export class FactDataError extends Error {
  constructor(readonly problems: string[]) {
    super(`data/ is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'FactDataError';
  }
}

function describeIssues(file: string, issues: readonly v.BaseIssue<unknown>[], input: unknown): string[] {
  return issues.map((issue) => {
    const path = v.getDotPath(issue) ?? '(root)';
    // Name the entry by its id where the path runs through one, e.g. "topics[1] (5g-standards)".
    const topicIndex = /^topics\.(\d+)/.exec(path)?.[1];
    const topicId = topicIndex === undefined ? undefined : (input as TopicsFile).topics?.[Number(topicIndex)]?.id;
    const where = topicId ? `${path} (topic "${topicId}")` : path;
    return `${file} ${where}: ${issue.message}`;
  });
}

function isSortedCaseInsensitive(list: readonly string[]): boolean {
  return list.every((item, i) => i === 0 || list[i - 1].toLowerCase() <= item.toLowerCase());
}

/** Parses and cross-checks everything in `data/`; throws a FactDataError naming each bad entry. */
export function validateFactData(raw: RawFactData): FactData {
  const problems: string[] = [];
  const faqParsed = v.safeParse(v.array(faqEntrySchema), parseFaqMarkdown(raw.faqMarkdown));
  const topicsParsed = v.safeParse(topicsFileSchema, raw.topicsJson);
  const keywordsParsed = v.safeParse(answerKeywordsSchema, raw.answerKeywordsJson);
  if (!faqParsed.success) problems.push(...describeIssues('faq.md', faqParsed.issues, undefined));
  if (!topicsParsed.success) problems.push(...describeIssues('topics.json', topicsParsed.issues, raw.topicsJson));
  if (!keywordsParsed.success) problems.push(...describeIssues('answer-keywords.json', keywordsParsed.issues, undefined));
  if (!faqParsed.success || !topicsParsed.success || !keywordsParsed.success) throw new FactDataError(problems);

  const faq = faqParsed.output;
  const { topics, notMentions } = topicsParsed.output;
  const answerKeywords = keywordsParsed.output;
  const faqIds = new Set(faq.map((entry) => entry.id));

  if (faq.length === 0) problems.push('faq.md: no entries found (headings look like "## q1. Question?")');
  faq.forEach((entry, i) => {
    if (faq.findIndex((other) => other.id === entry.id) !== i) problems.push(`faq.md ${entry.id}: the id is used twice`);
    if (!answerKeywords[entry.id]?.length) problems.push(`answer-keywords.json: ${entry.id} has no keywords`);
  });
  for (const id of Object.keys(answerKeywords)) {
    if (!faqIds.has(id)) problems.push(`answer-keywords.json ${id}: no FAQ entry has this id`);
    if (!isSortedCaseInsensitive(answerKeywords[id])) problems.push(`answer-keywords.json ${id}: keywords are not sorted`);
  }

  const termOwner = new Map<string, string>();
  const seenTopicIds = new Set<string>();
  for (const topic of topics) {
    const name = `topics.json topic "${topic.id}"`;
    if (seenTopicIds.has(topic.id)) problems.push(`${name}: the id is used twice`);
    seenTopicIds.add(topic.id);
    for (const id of topic.faq) if (!faqIds.has(id)) problems.push(`${name}: faq lists ${id}, which is not in faq.md`);
    if (new Set(topic.faq).size !== topic.faq.length) problems.push(`${name}: faq lists an id twice`);
    if (topic.terms.length + topic.properNames.length === 0) problems.push(`${name}: has no unambiguous term`);
    const ownTerms = new Set(termsOf(topic).map((term) => term.toLowerCase()));
    const grouped = new Set<string>();
    topic.termAnswers?.forEach((group, i) => {
      const where = `${name} termAnswers[${i}]`;
      for (const term of group.terms) {
        if (!ownTerms.has(term.toLowerCase())) problems.push(`${where}: "${term}" is not a term of this topic`);
        if (grouped.has(term.toLowerCase())) problems.push(`${where}: "${term}" is in two groups`);
        grouped.add(term.toLowerCase());
      }
      for (const id of group.faq) if (!topic.faq.includes(id)) problems.push(`${where}: faq lists ${id}, which is not one of this topic's entries`);
      if (new Set(group.faq).size !== group.faq.length) problems.push(`${where}: faq lists an id twice`);
    });
    const counterCues = topic.counterCues ?? [];
    if (!isSortedCaseInsensitive(counterCues)) problems.push(`${name}: counterCues are not sorted`);
    const cues = new Set(topic.contextCues.map((cue) => cue.toLowerCase()));
    for (const cue of counterCues) {
      if (cues.has(cue.toLowerCase())) problems.push(`${name}: "${cue}" is both a context cue and a counter-cue`);
      if (termsOf(topic).some((term) => term.toLowerCase() === cue.toLowerCase())) problems.push(`${name}: "${cue}" is both a term and a counter-cue`);
    }
    for (const field of ['terms', 'properNames', 'ambiguousTerms', 'contextCues'] as const) {
      if (!isSortedCaseInsensitive(topic[field])) problems.push(`${name}: ${field} are not sorted`);
      if (field === 'contextCues') continue;
      for (const term of topic[field]) {
        const key = term.toLowerCase();
        const owner = termOwner.get(key);
        if (owner) problems.push(`${name}: term "${term}" is already a term of ${owner}`);
        termOwner.set(key, `topic "${topic.id}"`);
      }
    }
  }
  if (!isSortedCaseInsensitive(notMentions)) problems.push('topics.json notMentions: not sorted');

  if (problems.length > 0) throw new FactDataError(problems);
  return { faq, topics, notMentions, answerKeywords };
}

const weightsSchema = v.record(v.pipe(v.string(), v.regex(FAQ_ID, 'weights are keyed by FAQ id')), v.pipe(v.number(), v.finite()));
const unitWeight = v.pipe(v.number(), v.minValue(0), v.maxValue(1));

/** data/answer-model.json, written by `npm run train` (scripts/train-ranker.mjs). */
const answerModelFileSchema = v.object({
  trainedOn: v.object({
    items: v.pipe(v.number(), v.integer(), v.minValue(1)),
    idsDigest: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
    /** The tune pages (tests/eval/pages/) it was cross-validated on: a digest of their files, and their labelled mentions. */
    pagesDigest: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/))),
    pageMentions: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  }),
  lexicalScale: v.pipe(v.number(), v.finite()),
  reach: v.strictObject({ paragraph: unitWeight, title: unitWeight, heading: v.optional(unitWeight), headline: v.optional(unitWeight), lead: v.optional(unitWeight), outline: v.optional(unitWeight), near: v.optional(unitWeight) }),
  topics: v.record(v.pipe(v.string(), v.regex(TOPIC_ID)), weightsSchema),
  words: v.record(v.pipe(v.string(), v.nonEmpty()), weightsSchema),
  /** Per matched data term (lower case). */
  terms: v.optional(v.record(v.pipe(v.string(), v.nonEmpty()), weightsSchema)),
  runnerUpGap: v.optional(v.pipe(v.number(), v.minValue(0), v.finite())),
});

export type AnswerModelFile = v.InferOutput<typeof answerModelFileSchema>;

/** Checks data/answer-model.json against the FAQ ids and topics it must speak of. */
export function validateAnswerModel(json: unknown, data: Pick<FactData, 'faq' | 'topics'>): AnswerModelFile {
  const parsed = v.safeParse(answerModelFileSchema, json);
  if (!parsed.success) throw new FactDataError(describeIssues('answer-model.json', parsed.issues, undefined));
  const problems: string[] = [];
  const faqIds = new Set(data.faq.map((entry) => entry.id));
  const topicIds = new Set(data.topics.map((topic) => topic.id));
  for (const id of Object.keys(parsed.output.topics)) if (!topicIds.has(id)) problems.push(`answer-model.json topics.${id}: no topic has this id`);
  for (const [where, weights] of [...Object.entries(parsed.output.topics), ...Object.entries(parsed.output.words), ...Object.entries(parsed.output.terms ?? {})]) {
    for (const id of Object.keys(weights)) if (!faqIds.has(id)) problems.push(`answer-model.json ${where}: ${id} is not an FAQ id (run npm run train)`);
  }
  const dataTerms = new Set(data.topics.flatMap((topic) => termsOf(topic).map((term) => term.toLowerCase())));
  for (const term of Object.keys(parsed.output.terms ?? {})) if (!dataTerms.has(term)) problems.push(`answer-model.json terms.${term}: not a term of any topic (run npm run train)`);
  if (problems.length > 0) throw new FactDataError(problems);
  return parsed.output;
}
