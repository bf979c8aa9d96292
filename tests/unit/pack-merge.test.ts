import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerModel } from '../../core/answer-model';
import { chooseAnswer } from '../../core/answer-ranking';
import { factData } from '../../core/fact-data';
import { addPack, EMPTY_LIBRARY, setPackEnabled } from '../../core/pack-library';
import { withPacks } from '../../core/pack-merge';

// A pack's entries join the ranking: its own topics, and entries added to a bundled topic.

const sampleText = readFileSync(new URL('../../data/packs/sample-5g-security.json', import.meta.url), 'utf8');
const bundled = { topics: factData.topics, faqIds: new Set(factData.faq.map((entry) => entry.id)) };
const change = addPack(EMPTY_LIBRARY, sampleText, bundled);
if (!change.ok) throw new Error(change.problems.join('\n'));
const library = change.library;

describe('withPacks', () => {
  it('adds the pack\'s topic and entries, and its entry at the end of the Huawei topic', () => {
    const data = withPacks(factData, library.packs);
    expect(data.topics.map((topic) => topic.id)).toEqual(['huawei', '5g-standards', 'trade-blacklist', 'eu-5g-toolbox']);
    expect(data.topics[0].faq).toEqual([...factData.topics[0].faq, 'sample-5g-security/uk-removal']);
    expect(data.topics[3]).toMatchObject({ label: 'EU 5G Toolbox', faq: ['sample-5g-security/toolbox'], terms: ['5G Toolbox', 'EU Toolbox'] });
    expect(data.faq.slice(-2).map((entry) => [entry.id, entry.asOf, entry.source?.slice(0, 20)])).toEqual([
      ['sample-5g-security/toolbox', '2020-01-29', 'https://digital-stra'],
      ['sample-5g-security/uk-removal', '2020-07-14', 'https://www.gov.uk/g'],
    ]);
    expect(data.answerKeywords['sample-5g-security/uk-removal']).toContain('rip and replace');
  });

  it('leaves the data as it is without packs, or with the pack turned off', () => {
    expect(withPacks(factData, [])).toBe(factData);
    expect(withPacks(factData, setPackEnabled(library, 'sample-5g-security', false).packs)).toBe(factData);
  });

  it('lets a pack entry win the card where the sentence asks its question, and not elsewhere', () => {
    const data = withPacks(factData, library.packs);
    const choose = (sentence: string) => chooseAnswer(data.faq, { ...data, model: answerModel, topicId: 'huawei', term: 'Huawei', context: { sentence } }).chosen.id;
    expect(choose('British operators must remove all Huawei equipment from their 5G networks by 2027.')).toBe('sample-5g-security/uk-removal');
    expect(choose('Officials warned that Huawei gear could let Beijing spy on American networks.')).toBe('q7');
    const toolbox = chooseAnswer(data.faq, { ...data, model: answerModel, topicId: 'eu-5g-toolbox', term: 'EU Toolbox', context: { sentence: 'Member states adopted the EU Toolbox.' } });
    expect(toolbox.chosen.id).toBe('sample-5g-security/toolbox');
  });
});

describe('what pages read of the packs', () => {
  it('is the packs\' topics and added terms, with a probe that finds them', async () => {
    const { packPageData, withPackTopics } = await import('../../core/pack-merge');
    const { createMentionProbe } = await import('../../core/term-anchors');
    const { pageTopicData } = await import('../../core/page-topic-data');
    const page = packPageData(library.packs)!;
    expect(page.topics.map((topic) => [topic.id, topic.faq])).toEqual([['eu-5g-toolbox', ['sample-5g-security/toolbox']]]);
    expect(page.extends).toEqual([]); // the sample adds an entry to Huawei, no terms
    const probe = createMentionProbe(page.probe);
    expect(probe('States follow the EU toolbox.')).toBe(true);
    expect(probe('The NIS Cooperation Group met.')).toBe(true);
    expect(probe('Nothing to see here.')).toBe(false);
    const topics = withPackTopics(pageTopicData, page).topics;
    expect(topics.map((topic) => topic.id)).toEqual(['huawei', '5g-standards', 'trade-blacklist', 'eu-5g-toolbox']);
    expect(packPageData(setPackEnabled(library, 'sample-5g-security', false).packs)).toBeUndefined();
  });

  it('adds a pack\'s terms to the topic it extends', async () => {
    const { packPageData, withPackTopics } = await import('../../core/pack-merge');
    const { pageTopicData } = await import('../../core/page-topic-data');
    const pack = JSON.parse(sampleText);
    pack.extends[0].terms = ['Huawei Cloud'];
    const change = addPack(EMPTY_LIBRARY, JSON.stringify(pack), bundled);
    if (!change.ok) throw new Error(change.problems.join('\n'));
    const page = packPageData(change.library.packs)!;
    expect(page.extends).toEqual([{ topic: 'huawei', terms: ['Huawei Cloud'] }]);
    expect(withPackTopics(pageTopicData, page).topics[0].terms).toContain('Huawei Cloud');
  });
});

describe('the page reader\'s matcher with the packs\' terms, compiled by the options page', () => {
  it('finds what a matcher compiled on the page would, pack terms and bundled ones alike, also through storage (JSON)', async () => {
    const { packMatcher, packPageData, withPackTopics } = await import('../../core/pack-merge');
    const { createMatcher, matcherConfigFromTopics } = await import('../../core/matcher');
    const { pageTopicData } = await import('../../core/page-topic-data');
    const { bundledMatcher } = await import('../../core/bundled-matcher');
    const page = packPageData(library.packs)!;
    const stored = JSON.parse(JSON.stringify(packMatcher(pageTopicData, page, bundledMatcher.digest!)));
    expect(stored.basedOn).toBe(bundledMatcher.digest);
    const compiled = createMatcher(stored.compiled);
    const onThePage = createMatcher(matcherConfigFromTopics(withPackTopics(pageTopicData, page)));
    const text = 'Member states follow the EU Toolbox, and British operators must remove Huawei kit from their 5G networks; the NIS Cooperation Group met.';
    expect(compiled.findMentions(text)).toEqual(onThePage.findMentions(text));
    expect(compiled.findMentions(text).map((mention) => mention.topic)).toEqual(['eu-5g-toolbox', 'huawei', '5g-standards', 'eu-5g-toolbox']);
  });

  it('is known by the digest of the build\'s matcher of the bundled topics, which changes when the topics do', async () => {
    const { compileMatcher, matcherConfigFromTopics, matcherDigest } = await import('../../core/matcher');
    const { bundledMatcher } = await import('../../core/bundled-matcher');
    // The bench's recipe (bench/matcher-bench.mjs) gives the build's digest.
    expect(matcherDigest(compileMatcher(matcherConfigFromTopics(factData)))).toBe(bundledMatcher.digest);
    expect(bundledMatcher.digest).toMatch(/^[0-9a-f]{16}$/);
    const fewer = { ...factData, topics: factData.topics.map((topic, index) => (index === 0 ? { ...topic, terms: topic.terms.slice(1) } : topic)) };
    expect(matcherDigest(compileMatcher(matcherConfigFromTopics(fewer)))).not.toBe(bundledMatcher.digest);
  });
});

describe('a pack that adds to another pack\'s topic', () => {
  it('adds its terms and entries there, in the card\'s data and on pages alike', async () => {
    const { packPageData, withPackTopics } = await import('../../core/pack-merge');
    const { pageTopicData } = await import('../../core/page-topic-data');
    const second = {
      format: 1,
      id: 'toolbox-notes',
      name: 'Toolbox notes',
      version: '1',
      extends: [{ topic: 'eu-5g-toolbox', terms: ['5G security toolbox'], faq: ['review'] }],
      faq: [{ id: 'review', question: 'When was the toolbox reviewed?', answer: 'A progress report followed in 2020.', keywords: ['progress report'] }],
    };
    const change = addPack(library, JSON.stringify(second), bundled);
    if (!change.ok) throw new Error(change.problems.join('\n'));
    const toolbox = withPacks(factData, change.library.packs).topics.find((topic) => topic.id === 'eu-5g-toolbox')!;
    expect(toolbox.faq).toEqual(['sample-5g-security/toolbox', 'toolbox-notes/review']);
    expect(toolbox.terms).toEqual(['5G Toolbox', 'EU Toolbox', '5G security toolbox']);
    const onPages = withPackTopics(pageTopicData, packPageData(change.library.packs)!).topics.find((topic) => topic.id === 'eu-5g-toolbox')!;
    expect(onPages.terms).toEqual(['5G Toolbox', 'EU Toolbox', '5G security toolbox']);
  });
});
