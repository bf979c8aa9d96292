import type { FaqTopic } from '../components/FaqBrowser';
import type { FactData } from '../core/data-schema';
import { factData } from '../core/fact-data';
import { bundledFactsOf } from '../core/pack-library';
import { loadFactsWithPacks } from './pack-store';
import { topicColour } from '../page/highlight-styles';

/** The topics with their highlight colours, for the extension's pages. */
export const faqTopics: FaqTopic[] = factData.topics.map((topic, index) => ({ ...topic, colour: topicColour(index) }));
export const topicIds = factData.topics.map((topic) => topic.id);

/** What topic packs are checked against: the bundled topics and FAQ ids. */
export const bundledFacts = bundledFactsOf(factData);

export interface ExtensionPageFacts {
  faq: FactData['faq'];
  topics: FaqTopic[];
  answerKeywords: FactData['answerKeywords'];
}

/** The bundled FAQ as the extension's pages show it, before the topic packs are read. */
export const bundledPageFacts: ExtensionPageFacts = { faq: factData.faq, topics: faqTopics, answerKeywords: factData.answerKeywords };

/** The FAQ with the reader's topic packs that are on (their topics, coloured in turn, and entries): the popup's and the FAQ page's. */
export async function loadPageFacts(): Promise<ExtensionPageFacts> {
  const data = await loadFactsWithPacks(factData);
  if (data === factData) return bundledPageFacts;
  return { faq: data.faq, topics: data.topics.map((topic, index) => ({ ...topic, colour: topicColour(index) })), answerKeywords: data.answerKeywords };
}
