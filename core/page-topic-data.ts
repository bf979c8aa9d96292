import pageTopicsJson from '../data/topics.json?page';
import type { TopicsFile } from './data-schema';

/**
 * The topics as pages load them (the page reader): data/topics.json without what only the
 * background's answer ranking reads (`termAnswers`), cut at build time (`?page`, wxt.config.ts
 * topicsFileParts). Validated by the build and by tests, so it is trusted here.
 */
export const pageTopicData = pageTopicsJson as TopicsFile;
