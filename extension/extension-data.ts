import type { FaqTopic } from '../components/FaqBrowser';
import { factData } from '../core/fact-data';
import { topicColour } from '../page/highlight-styles';

/** The topics with their highlight colours, for the extension's pages. */
export const faqTopics: FaqTopic[] = factData.topics.map((topic, index) => ({ ...topic, colour: topicColour(index) }));
export const topicIds = factData.topics.map((topic) => topic.id);
