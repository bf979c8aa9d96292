import source from '../data/topics.json?probe';

/**
 * The source of the regular expression that finds the bundled topics' terms, made at build time
 * from the terms as the matcher folds them (utils/term-anchors.ts probeSource): what the every-page
 * content script's probe looks for before it loads the page reader. The topics themselves stay out
 * of that script.
 */
export const topicProbeSource: string = source;
