import faqMarkdown from '../data/faq.md?raw';
import answerKeywordsJson from '../data/answer-keywords.json';
import type { AnswerKeywords, FactData } from './data-schema';
import { parseFaqMarkdown } from './faq-markdown';
import { topicData } from './topic-data';

/**
 * The bundled data, typed. It is validated by the build and by tests (`validateFactData`), so the
 * content script trusts it here instead of shipping the validator to every page.
 */
let faq: FactData['faq'] | undefined;
export const factData: FactData = {
  // Parsed on first use: most pages never open a card.
  get faq() {
    faq ??= parseFaqMarkdown(faqMarkdown);
    return faq;
  },
  ...topicData,
  answerKeywords: answerKeywordsJson as AnswerKeywords,
};
