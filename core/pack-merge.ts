import type { FactData, TopicsFile } from './data-schema';
import { foldedTerms, matcherConfigFromTopics } from './matcher';
import type { InstalledPack } from './pack-library';
import { probeSource, type ProbeSource } from './term-anchors';

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
  const entryId = (packId: string, id: string) => `${packId}/${id}`;
  const topics = data.topics.map((topic) => {
    const extensions = on.flatMap((pack) => pack.extends.filter((extension) => extension.topic === topic.id).map((extension) => ({ pack, extension })));
    if (extensions.length === 0) return topic;
    return {
      ...topic,
      terms: [...topic.terms, ...extensions.flatMap(({ extension }) => extension.terms)],
      faq: [...topic.faq, ...extensions.flatMap(({ pack, extension }) => extension.faq.map((id) => entryId(pack.id, id)))],
    };
  });
  for (const pack of on) {
    for (const topic of pack.topics) {
      topics.push({
        id: topic.id,
        label: topic.label,
        summary: topic.summary,
        faq: topic.faq.map((id) => entryId(pack.id, id)),
        terms: topic.terms,
        properNames: topic.properNames,
        ambiguousTerms: topic.ambiguousTerms,
        contextCues: topic.contextCues,
        counterCues: topic.counterCues,
      });
    }
    // A pack may extend another pack's topic.
    for (const extension of pack.extends) {
      const index = topics.findIndex((topic) => topic.id === extension.topic);
      if (index < 0 || data.topics.some((topic) => topic.id === extension.topic)) continue;
      const topic = topics[index];
      topics[index] = { ...topic, terms: [...topic.terms, ...extension.terms], faq: [...topic.faq, ...extension.faq.map((id) => entryId(pack.id, id))] };
    }
  }
  const faq = [
    ...data.faq,
    ...on.flatMap((pack) =>
      pack.faq.map((entry) => ({ id: entryId(pack.id, entry.id), question: entry.question, answer: entry.answer, ...(entry.asOf && { asOf: entry.asOf }), ...(entry.source && { source: entry.source }) })),
    ),
  ];
  const answerKeywords = { ...data.answerKeywords, ...Object.fromEntries(on.flatMap((pack) => pack.faq.map((entry) => [entryId(pack.id, entry.id), entry.keywords]))) };
  return { ...data, topics, faq, answerKeywords };
}

/**
 * What pages need of the packs that are on, and no more (stored by the options page beside the
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
  const topics = on.flatMap((pack) =>
    pack.topics.map((topic) => ({
      id: topic.id,
      label: topic.label,
      summary: topic.summary,
      faq: topic.faq.map((id) => `${pack.id}/${id}`),
      terms: topic.terms,
      properNames: topic.properNames,
      ambiguousTerms: topic.ambiguousTerms,
      contextCues: topic.contextCues,
      counterCues: topic.counterCues,
    })),
  );
  const extensions = on.flatMap((pack) => pack.extends.filter((extension) => extension.terms.length > 0).map((extension) => ({ topic: extension.topic, terms: extension.terms })));
  if (topics.length === 0 && extensions.length === 0) return undefined;
  const asTopics = [...topics, ...extensions.map((extension) => ({ id: extension.topic, terms: extension.terms, properNames: [], ambiguousTerms: [], contextCues: [] }))];
  return { topics, extends: extensions, probe: probeSource(foldedTerms(matcherConfigFromTopics({ topics: asTopics, notMentions: [] }))) };
}

/** The topics a page reads with: the bundled ones, with what the packs add to them, then the packs' own. */
export function withPackTopics(file: TopicsFile, packs: PackPageData): TopicsFile {
  const topics = file.topics.map((topic) => {
    const terms = packs.extends.filter((extension) => extension.topic === topic.id).flatMap((extension) => extension.terms);
    return terms.length === 0 ? topic : { ...topic, terms: [...topic.terms, ...terms] };
  });
  return { ...file, topics: [...topics, ...packs.topics] };
}
