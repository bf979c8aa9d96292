import type { FactData } from './data-schema';
import type { InstalledPack } from './pack-library';

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
