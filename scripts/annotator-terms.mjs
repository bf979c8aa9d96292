// Writes the term list annotators are given (tests/eval/pages/annotator-terms.md) from data/topics.json:
// per topic, the questions its card can answer with, its terms, and its ambiguous terms with their cue words.
// Run it before briefing new annotators whenever the topics' terms have changed: `node scripts/annotator-terms.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

/** @typedef {{ id: string, label: string, faq: string[], terms: string[], properNames?: string[], ambiguousTerms?: string[], contextCues: string[] }} Topic */
const topicsFile = JSON.parse(readFileSync(new URL('../data/topics.json', import.meta.url), 'utf8'));
const topics = /** @type {Topic[]} */ (topicsFile.topics ?? topicsFile);
const ids = (/** @type {string[]} */ faq) => [...faq].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))).join(', ');
const quoted = (/** @type {string[]} */ terms) => terms.map((term) => `\`${term}\``).join(', ');

const sections = topics.map((topic) => {
  const lines = [
    `### Topic "${topic.label}" (id ${topic.id})`,
    `- Questions its card can answer with: ${ids(topic.faq)}`,
    `- Terms (always highlighted, any case, whole words): ${quoted([...topic.terms, ...(topic.properNames ?? [])])}`,
  ];
  if (topic.ambiguousTerms?.length) {
    lines.push(
      `- Ambiguous terms (highlighted only when one of these cue words is near: ${quoted(topic.contextCues)}): ${quoted(topic.ambiguousTerms)}`,
    );
  }
  return lines.join('\n');
});
const out = new URL('../tests/eval/pages/annotator-terms.md', import.meta.url);
writeFileSync(out, `${sections.join('\n\n')}\n`);
console.log(`wrote ${out.pathname}`);
