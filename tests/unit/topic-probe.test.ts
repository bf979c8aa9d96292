import { describe, expect, it } from 'vitest';
import topicsJson from '../../data/topics.json';
import type { TopicsFile } from '../../core/data-schema';
import { createMatcher, foldedTerms, matcherConfigFromTopics } from '../../core/matcher';
import { createMentionProbe, probeSource } from '../../core/term-anchors';
import { topicIds } from '../../core/topic-ids';
import { topicProbeSource } from '../../core/topic-probe';

const topics = topicsJson as TopicsFile;
const config = matcherConfigFromTopics(topics);
const mayHoldMention = createMentionProbe(topicProbeSource);

describe('the parts of data/topics.json the every-page script imports', () => {
  it('?ids are the topics\' ids, in order', () => {
    expect(topicIds).toEqual(topics.topics.map((topic) => topic.id));
  });

  it('?probe is made at build time from the terms as the matcher folds them', () => {
    expect(topicProbeSource).toEqual(probeSource(foldedTerms(config)));
  });
});

describe('the probe', () => {
  it('passes every term as the data writes it, in capitals, with a soft hyphen inside, or split over a line', () => {
    for (const term of config.terms) {
      expect(mayHoldMention(`Some text about ${term.text}.`), term.text).toBe(true);
      expect(mayHoldMention(term.text.toUpperCase()), term.text).toBe(true);
      expect(mayHoldMention(`${term.text.slice(0, 1)}\u00ad${term.text.slice(1)}`), term.text).toBe(true);
      expect(mayHoldMention(term.text.replace(/ /g, '\n   ')), term.text).toBe(true);
    }
  });

  it('passes wherever the matcher finds a mention', () => {
    const matcher = createMatcher(config);
    const texts = [
      'HUAWEI shipped phones.',
      'The Commerce\u00a0 Department\u2019s export rule',
      'the 5\u200bG rollout',
      '华为的手机',
      'Standard\u2011setting bodies for mobile networks met.',
      'standards setting for mobile',
      'It was black-listed in 2019.',
    ];
    let found = 0;
    for (const text of texts) {
      if (matcher.findMentions(text).length === 0) continue;
      found++;
      expect(mayHoldMention(text), text).toBe(true);
    }
    expect(found).toBeGreaterThan(4);
  });

  it('finds a term far into a long text, among many anchor words that are not terms', () => {
    const filler = 'The standard edition of the department store list. '.repeat(2000);
    expect(mayHoldMention(filler)).toBe(false);
    expect(mayHoldMention(`${filler}Then the Entity\n      List grew.`)).toBe(true);
  });

  it('does not pass a text with only a common word of a term ("standard", "department", "list")', () => {
    for (const text of ['A recipe for lemon cake, with 200 grams of flour.', 'The standard edition ships in black.', 'The police department kept a list.', '']) {
      expect(mayHoldMention(text), text).toBe(false);
    }
  });

  it('passes nothing, and never throws, where a stored probe is not a valid expression (a damaged storage)', () => {
    const damaged = createMentionProbe({ anchors: 'huawei|(', terms: '[' });
    expect(damaged('Huawei said on Monday')).toBe(false);
    expect(damaged('Huawei again')).toBe(false);
  });

  it('leaves out terms that hold another, and escapes what the regular expression would read as syntax', () => {
    expect(probeSource(['huawei technologies', 'huawei', 'a.b (c)', 'imt-2020'])).toEqual({
      anchors: 'huawei|a\\.b|imt|[\\u00ad\\u200b-\\u200d\\u2060\\ufeff]',
      terms: 'imt[-\\u2010\\u2011]2020|a\\.b\\s+\\(c\\)|huawei|[\\u00ad\\u200b-\\u200d\\u2060\\ufeff]',
    });
  });
});
