import ids from '../data/topics.json?ids';

/**
 * The ids of the bundled topics, and nothing else of data/topics.json: all the every-page content
 * script needs of it (to read the settings), so that it does not carry the topics' terms, labels
 * and summaries (the `topicsFileParts` plugin in wxt.config.ts makes this import).
 */
export const topicIds: readonly string[] = ids;
