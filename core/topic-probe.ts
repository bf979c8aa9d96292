import source from '../data/topics.json?probe';
import type { ProbeSource } from './term-anchors';

/**
 * The sources of the regular expressions that find the bundled topics' terms, made at build time
 * from the terms as the matcher folds them (core/term-anchors.ts probeSource): what the every-page
 * content script's probe looks for before it loads the page reader. The topics themselves stay out
 * of that script.
 */
export const topicProbeSource: ProbeSource = source;
