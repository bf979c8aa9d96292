import { describe, expect, it } from 'vitest';
import { factData } from '../../core/fact-data';
import { createFaqSearch, groupFaqByTopic, markTerms } from '../../core/faq-search';

const search = createFaqSearch(factData.faq, factData.answerKeywords);
const ids = (query: string) => search.search(query).map((hit) => hit.id);

describe('createFaqSearch', () => {
  it.each([
    ['blacklist', 'q1'],
    ['blaklist', 'q1'], // a typo
    ['interop', 'q6'], // a prefix
    ['espionage', 'q7'],
    ['Canada', 'q4'],
    ['self-driving cars', 'q5'],
    ['rollout', 'q11'],
  ])('finds %j in entry %s', (query, expected) => {
    expect(ids(query)).toContain(expected);
  });

  it('ranks the entry that matches every word first', () => {
    expect(ids('canada uk')[0]).toBe('q4');
  });

  it('finds nothing for words that are nowhere in the FAQ', () => {
    expect(ids('zebra quantum')).toEqual([]);
    expect(ids('   ')).toEqual([]);
  });

  it('reports the matched words of each entry', () => {
    const hit = search.search('blaklist').find((h) => h.id === 'q1')!;
    expect(hit.terms).toContain('blacklist');
  });
});

describe('groupFaqByTopic', () => {
  it('lists every entry once, under the topic that ranks it highest', () => {
    const groups = groupFaqByTopic(factData.faq, factData.topics);
    const all = groups.flatMap((g) => g.entries.map((e) => e.id));
    expect([...all].sort()).toEqual(factData.faq.map((e) => e.id).sort());
    expect(new Set(all).size).toBe(all.length);
    expect(groups[0].topic.id).toBe('huawei');
    expect(groups[0].entries[0].id).toBe('q1');
  });
});

describe('markTerms', () => {
  it('marks whole words in any case', () => {
    expect(markTerms('The Blacklist and blacklists', ['blacklist'])).toEqual([
      { text: 'The ', marked: false },
      { text: 'Blacklist', marked: true },
      { text: ' and blacklists', marked: false },
    ]);
  });

  it('treats search terms as text, not as patterns', () => {
    expect(markTerms('a (b) c', ['(b)'])).toEqual([{ text: 'a ', marked: false }, { text: '(b)', marked: true }, { text: ' c', marked: false }]);
  });

  it('returns the text unmarked without terms', () => {
    expect(markTerms('text', [])).toEqual([{ text: 'text', marked: false }]);
  });
});
