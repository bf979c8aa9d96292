import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { termsOf } from '../../core/data-schema';
import { factData } from '../../core/fact-data';
import { PAGE_HALVES } from '../../scripts/eval-pages.mjs';

// The shape of the labelled evaluation set (tests/eval/sentences.json). A data test: how well the
// ranking does on it is `npm run eval`'s job, never a unit test's.

interface EvalItem {
  id: string;
  half: string;
  style: string;
  title: string;
  paragraph: string;
  sentence: string;
  mention: string;
  answers: string[];
}

const items: EvalItem[] = JSON.parse(readFileSync(new URL('../eval/sentences.json', import.meta.url), 'utf8'));
const STYLES = ['news', 'forum', 'encyclopedia'];
const HALVES = ['tune', 'test'];
const faqIds = new Set(factData.faq.map((e) => e.id));

describe('tests/eval/sentences.json', () => {
  it('has at least 80 items with unique ids', () => {
    expect(items.length).toBeGreaterThanOrEqual(80);
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
  });

  it.each(items.map((item) => [item.id, item] as const))('%s is well formed', (_, item) => {
    expect(Object.keys(item).sort()).toEqual(['answers', 'half', 'id', 'mention', 'paragraph', 'sentence', 'style', 'title']);
    expect(item.id).toMatch(/^[b-hj-z]\d{2,}$/);
    expect(HALVES).toContain(item.half);
    expect(STYLES).toContain(item.style);
    for (const field of ['title', 'paragraph', 'sentence', 'mention'] as const) expect(item[field].trim()).not.toBe('');
    expect(item.paragraph).toContain(item.sentence);
    expect(item.sentence).toContain(item.mention);
    expect(item.answers.length).toBeGreaterThan(0);
    expect(new Set(item.answers).size).toBe(item.answers.length);
    for (const id of item.answers) expect(faqIds.has(id), `${id} is not an FAQ id`).toBe(true);
  });

  it.each(HALVES)('has a non-empty %s half with every style', (half) => {
    const inHalf = items.filter((item) => item.half === half);
    expect(inHalf.length).toBeGreaterThan(0);
    for (const style of STYLES) expect(inHalf.some((item) => item.style === style), `${half} has no ${style} item`).toBe(true);
  });
});

// The page set (tests/eval/pages/): whole pages whose mentions are labelled in place. The shape of
// the labels only; scoring the pages is `npm run eval`'s job.
describe('tests/eval/pages', () => {
  const PAGES_DIR = new URL('../eval/pages/', import.meta.url);
  // Every annotator's folder, as the evaluation reads them.
  const HALF_OF: Record<string, string> = PAGE_HALVES;
  const KINDS = ['news', 'explainer', 'buyers-guide', 'forum', 'kb', 'encyclopedia', 'listicle', 'press-release', 'comments', 'table'];
  /** The topic whose term (of any kind) a label wraps, by its exact words. */
  const topicOfTerm = new Map(
    factData.topics.flatMap((topic) => termsOf(topic).map((term) => [term.toLowerCase(), topic] as const)),
  );
  const pages = Object.keys(HALF_OF).flatMap((folder) =>
    readdirSync(new URL(`${folder}/`, PAGES_DIR)).filter((name) => name.endsWith('.html')).map((name) => ({ file: `${folder}/${name}`, html: readFileSync(new URL(`${folder}/${name}`, PAGES_DIR), 'utf8') })),
  );
  const LABEL = /<span data-answers="([^"]*)" data-best="([^"]*)">([^<]*)<\/span>/g;

  it('has at least 40 pages, every kind in each half', () => {
    expect(pages.length).toBeGreaterThanOrEqual(40);
    for (const half of HALVES) {
      const kinds = new Set(pages.filter((page) => HALF_OF[page.file[0]] === half).map((page) => page.file.replace(/^.\/|-\d+\.html$/g, '')));
      expect([...kinds].sort()).toEqual([...KINDS].sort());
    }
  });

  it.each(pages.map((page) => [page.file, page] as const))('%s: every label is a term with acceptable answers of its topic, and a best one among them', (_, page) => {
    expect(page.file).toMatch(new RegExp(`^[a-z]/(${KINDS.join('|')})-\\d{2}\\.html$`));
    const labels = [...page.html.matchAll(LABEL)];
    expect(labels.length).toBeGreaterThan(5);
    // Every span with labels has this exact form (nothing nested, both attributes).
    expect(labels.length).toBe((page.html.match(/data-answers=/g) ?? []).length);
    for (const [, answers, best, text] of labels) {
      const topic = topicOfTerm.get(text.toLowerCase());
      expect(topic, `"${text}" is not a term`).toBeDefined();
      const ids = answers.split(' ').filter(Boolean);
      if (best === 'none') expect(ids).toEqual([]);
      else expect(ids, `"${text}": best ${best} among its answers`).toContain(best);
      for (const id of ids) expect(topic!.faq, `"${text}": ${id} is not one of ${topic!.id}'s questions`).toContain(id);
    }
  });
});
