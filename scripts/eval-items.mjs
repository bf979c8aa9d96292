// The labelled sentences of tests/eval/sentences.json as ranking inputs: shared by `npm run eval`
// (scores the ranker) and `npm run train` (fits data/answer-model.json on the tune half).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * @typedef {{ id: string, half: 'tune' | 'test', style: string, title: string, paragraph: string, sentence: string, mention: string, answers: string[] }} EvalItem
 */

/** @returns {EvalItem[]} */
export function readEvalItems() {
  return JSON.parse(readFileSync(new URL('../tests/eval/sentences.json', import.meta.url), 'utf8'));
}

/**
 * The topic and data term of each item's mention, as the content script would send them: the
 * mention alone, or, if it is ambiguous alone, as it occurs in the paragraph; failing both, the
 * topic whose term it is.
 * @param {{ findMentions(text: string): { start: number, end: number, topic: string, term: string }[] }} matcher
 * @param {{ topics: readonly { id: string, terms: readonly string[], properNames: readonly string[], ambiguousTerms: readonly string[] }[] }} data
 * @returns {(item: EvalItem) => { topic: string, term: string }}
 */
export function mentionResolver(matcher, data) {
  return (item) => {
    const alone = matcher.findMentions(item.mention).find((m) => m.start === 0 && m.end === item.mention.length);
    if (alone) return { topic: alone.topic, term: alone.term };
    const wanted = item.mention.toLowerCase();
    const inParagraph = matcher.findMentions(item.paragraph).find((m) => item.paragraph.slice(m.start, m.end).toLowerCase() === wanted);
    if (inParagraph) return { topic: inParagraph.topic, term: inParagraph.term };
    // An ambiguous word whose cue the matcher does not see ("blacklisted" in a thread about export
    // controls): the item still says which topic the reader meant; rank for that topic.
    for (const topic of data.topics) {
      const term = [...topic.terms, ...topic.properNames, ...topic.ambiguousTerms].find((t) => t.toLowerCase() === wanted);
      if (term) return { topic: topic.id, term };
    }
    throw new Error(`${item.id}: "${item.mention}" is not a term of any topic`);
  };
}

/**
 * The digest of a set of item ids, in any order: data/answer-model.json keeps the one of the tune
 * half it was fitted on, so a test can tell whether it was fitted on the current tune half.
 * @param {string[]} ids
 */
export function idsDigest(ids) {
  return createHash('sha256').update([...ids].sort().join('\n')).digest('hex');
}
