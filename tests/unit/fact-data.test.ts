import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FactDataError, validateFactData, type RawFactData } from '../../core/data-schema';
import { factData } from '../../core/fact-data';
import { pageTopicData } from '../../core/page-topic-data';
import { topicData } from '../../core/topic-data';

const read = (file: string) => readFileSync(new URL(`../../data/${file}`, import.meta.url), 'utf8');
const raw = (): RawFactData => ({
  faqMarkdown: read('faq.md'),
  topicsJson: JSON.parse(read('topics.json')),
  answerKeywordsJson: JSON.parse(read('answer-keywords.json')),
});

describe('data/', () => {
  it('passes the schema and the cross-checks', () => {
    expect(() => validateFactData(raw())).not.toThrow();
  });

  it('bundles the seed FAQ verbatim (the SHA-256 of shared/seed-faq.md)', () => {
    const digest = createHash('sha256').update(read('faq.md')).digest('hex');
    expect(digest).toBe('7e5eef4dafd314536a3118da16b3e101e5adea5cf189030efe416716233a50ff');
  });

  it('has the twelve entries q1..q12 with their questions and answers', () => {
    expect(factData.faq.map((e) => e.id)).toEqual(Array.from({ length: 12 }, (_, i) => `q${i + 1}`));
    expect(factData.faq[3].question).toBe('Which countries have restricted Huawei’s involvement in their 5G networks?');
    expect(factData.faq[3].answer).toBe(
      'Countries like Canada and the UK have either limited or excluded Huawei from their 5G development due to national security concerns.',
    );
  });

  it('has the three topics, each with a label, summary, terms and FAQ entries', () => {
    expect(factData.topics.map((t) => t.id)).toEqual(['huawei', '5g-standards', 'trade-blacklist']);
    for (const topic of factData.topics) {
      expect(topic.label.length).toBeGreaterThan(0);
      expect(topic.summary).toMatch(/\.$/);
      expect(topic.faq.length).toBeGreaterThan(0);
    }
  });

  it('answers every FAQ entry under at least one topic', () => {
    const covered = new Set(factData.topics.flatMap((t) => t.faq));
    expect(factData.faq.filter((e) => !covered.has(e.id)).map((e) => e.id)).toEqual([]);
  });
});

describe('the topics pages load (topics.json?page)', () => {
  it('are the topics without the term groups only the background ranks with', () => {
    expect(topicData.topics.some((topic) => topic.termAnswers?.length)).toBe(true);
    expect(pageTopicData.topics.every((topic) => !('termAnswers' in topic))).toBe(true);
    expect(pageTopicData).toEqual({ ...topicData, topics: topicData.topics.map(({ termAnswers: _, ...topic }) => topic) });
  });
});

describe('validateFactData', () => {
  function problemsOf(mutate: (data: RawFactData & { topicsJson: any; answerKeywordsJson: any }) => void): string[] {
    const data = raw() as RawFactData & { topicsJson: any; answerKeywordsJson: any };
    mutate(data);
    try {
      validateFactData(data);
    } catch (error) {
      expect(error).toBeInstanceOf(FactDataError);
      return (error as FactDataError).problems;
    }
    throw new Error('expected validateFactData to throw');
  }

  it.each([
    ['a topic without a label', (d: any) => delete d.topicsJson.topics[1].label, /topics\.1\.label \(topic "5g-standards"\)/],
    ['an empty term', (d: any) => d.topicsJson.topics[0].terms.push(' '), /topic "huawei".*empty/],
    ['a topic listing an unknown FAQ id', (d: any) => d.topicsJson.topics[2].faq.push('q99'), /topic "trade-blacklist": faq lists q99/],
    ['a term in two topics', (d: any) => d.topicsJson.topics[2].terms.push('huawei'), /term "huawei" is already a term of topic "huawei"/],
    ['unsorted terms', (d: any) => d.topicsJson.topics[1].terms.reverse(), /topic "5g-standards": terms are not sorted/],
    ['an FAQ entry without keywords', (d: any) => delete d.answerKeywordsJson.q7, /q7 has no keywords/],
    ['an unknown field', (d: any) => (d.topicsJson.topics[0].colour = 'red'), /topic "huawei"/],
    ['a term group with a term of another topic', (d: any) => d.topicsJson.topics[1].termAnswers[0].terms.push('Huawei'), /topic "5g-standards" termAnswers\[0\]: "Huawei" is not a term of this topic/],
    ['a term in two term groups', (d: any) => d.topicsJson.topics[1].termAnswers[1].terms.push('3GPP'), /topic "5g-standards" termAnswers\[1\]: "3GPP" is in two groups/],
    ['a term group answering with another topic\'s entry', (d: any) => d.topicsJson.topics[0].termAnswers[0].faq.push('q8'), /topic "huawei" termAnswers\[0\]: faq lists q8, which is not one of this topic's entries/],
    ['a term group weighing more than 5', (d: any) => (d.topicsJson.topics[2].termAnswers[0].weight = 9), /topics\.2\.termAnswers\.0\.weight \(topic "trade-blacklist"\): a weight is 0 to 5/],
    ['a term group without terms', (d: any) => (d.topicsJson.topics[2].termAnswers[0].terms = []), /termAnswers\.0\.terms.*a term group needs at least one term/],
    ['a malformed FAQ heading', (d: any) => (d.faqMarkdown = d.faqMarkdown.replace('## q5.', '## question5.')), /q5 has no FAQ entry|no FAQ entry has this id/],
  ])('rejects %s with a message naming the entry', (_name, mutate, message) => {
    expect(problemsOf(mutate).join('\n')).toMatch(message);
  });
});
