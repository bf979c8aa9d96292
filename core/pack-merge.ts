import type { FactData, TopicsFile } from './data-schema';
import { compileMatcher, foldedTerms, matcherConfigFromTopics, type CompiledMatcher } from './matcher';
import type { InstalledPack } from './pack-library';
import type { TopicPack } from './topic-packs';
import { probeSource, type ProbeSource } from './term-anchors';

type Topic = TopicsFile['topics'][number];

/** A pack entry's id beside the bundled ones: the pack's id, a slash, the entry's. */
const entryId = (pack: TopicPack, id: string) => `${pack.id}/${id}`;

/** A pack's own topics, written as the bundled ones are, their entries by their full ids. */
function topicsOfPack(pack: TopicPack): Topic[] {
  return pack.topics.map((topic) => ({
    id: topic.id,
    label: topic.label,
    summary: topic.summary,
    faq: topic.faq.map((id) => entryId(pack, id)),
    terms: topic.terms,
    properNames: topic.properNames,
    ambiguousTerms: topic.ambiguousTerms,
    contextCues: topic.contextCues,
    counterCues: topic.counterCues,
  }));
}

/** `topics` with what the packs add to them, to a bundled topic or another pack's alike: terms, and entries at the end of its order. */
function extended(topics: Topic[], additions: readonly { topic: string; terms: readonly string[]; faq: readonly string[] }[]): Topic[] {
  return topics.map((topic) => {
    const adding = additions.filter((addition) => addition.topic === topic.id);
    if (adding.length === 0) return topic;
    return { ...topic, terms: [...topic.terms, ...adding.flatMap((addition) => addition.terms)], faq: [...topic.faq, ...adding.flatMap((addition) => addition.faq)] };
  });
}

/**
 * The bundled data with the reader's topic packs that are on: their entries (ids "pack/entry",
 * with their "as of" date and source), their keywords, their topics, and what they add to
 * existing topics (terms, and entries at the end of the topic's order). A pack's entries compete
 * in the ranking with the bundled ones: the learned layer has no weights for them, so their
 * lexical score and the topic's prior choose them. Pure; the background ranks with its result.
 */
export function withPacks(data: FactData, packs: readonly InstalledPack[]): FactData {
  const on = packs.filter((installed) => installed.enabled).map((installed) => installed.pack);
  if (on.length === 0) return data;
  const additions = on.flatMap((pack) => pack.extends.map((extension) => ({ ...extension, faq: extension.faq.map((id) => entryId(pack, id)) })));
  const topics = extended([...data.topics, ...on.flatMap(topicsOfPack)], additions);
  const faq = [
    ...data.faq,
    ...on.flatMap((pack) =>
      pack.faq.map((entry) => ({ id: entryId(pack, entry.id), question: entry.question, answer: entry.answer, ...(entry.asOf && { asOf: entry.asOf }), ...(entry.source && { source: entry.source }) })),
    ),
  ];
  const answerKeywords = { ...data.answerKeywords, ...Object.fromEntries(on.flatMap((pack) => pack.faq.map((entry) => [entryId(pack, entry.id), entry.keywords]))) };
  return { ...data, topics, faq, answerKeywords };
}

/**
 * What pages need of the packs that are on, and no more (stored by the background beside the
 * packs; the content script reads it with the settings): their topics without the entries' text,
 * the terms they add to existing topics, and the probe's expression for all those terms.
 */
export interface PackPageData {
  topics: TopicsFile['topics'];
  extends: { topic: string; terms: string[] }[];
  probe: ProbeSource;
}

export function packPageData(packs: readonly InstalledPack[]): PackPageData | undefined {
  const on = packs.filter((installed) => installed.enabled).map((installed) => installed.pack);
  const topics = on.flatMap(topicsOfPack);
  const extensions = on.flatMap((pack) => pack.extends.filter((extension) => extension.terms.length > 0).map((extension) => ({ topic: extension.topic, terms: extension.terms })));
  if (topics.length === 0 && extensions.length === 0) return undefined;
  const asTopics = [...topics, ...extensions.map((extension) => ({ id: extension.topic, terms: extension.terms, properNames: [], ambiguousTerms: [], contextCues: [] }))];
  return { topics, extends: extensions, probe: probeSource(foldedTerms(matcherConfigFromTopics({ topics: asTopics, notMentions: [] }))) };
}

/**
 * The page reader's matcher with the packs' terms, compiled ahead of time (by the background, as
 * the packs change): compiling a large pack's terms on every page was a long task (~100 ms for
 * 5,000 terms in `npm run bench`). `basedOn` is the digest of the build's matcher of the bundled
 * topics it was compiled with (a page of a newer version of the extension compiles its own).
 */
export interface PackMatcher {
  basedOn: string;
  compiled: CompiledMatcher;
}

export function packMatcher(bundled: TopicsFile, packs: PackPageData, basedOn: string): PackMatcher {
  return { basedOn, compiled: compileMatcher(matcherConfigFromTopics(withPackTopics(bundled, packs))) };
}

/** The topics a page reads with: the bundled ones, then the packs' own, with the terms the packs add to any of them. */
export function withPackTopics(file: TopicsFile, packs: PackPageData): TopicsFile {
  return { ...file, topics: extended([...file.topics, ...packs.topics], packs.extends.map((extension) => ({ ...extension, faq: [] }))) };
}
