import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { factData } from '../../utils/fact-data';

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
    expect(item.id).toMatch(/^[b-hj-nst]\d{2,}$/);
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
