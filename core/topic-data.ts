import topicsJson from '../data/topics.json';
import type { TopicsFile } from './data-schema';

/**
 * The topics alone (terms, labels, summaries): all the content script needs on every page. The
 * FAQ and its keywords stay in the background, which chooses a card's answers (see messages.ts).
 * Validated by the build and by tests, so it is trusted here.
 */
export const topicData = topicsJson as TopicsFile;
