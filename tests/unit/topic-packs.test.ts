import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { factData } from '../../core/fact-data';
import { MAX_PACK_CHARACTERS, readTopicPack, termsOfPack, type InstalledFacts, type TopicPack } from '../../core/topic-packs';

// Topic packs (issue 17): every refusal names the pack, the entry and the field; a good pack is
// read whole. The sample pack in data/packs/ is the fixture.

const sampleText = readFileSync(new URL('../../data/packs/sample-5g-security.json', import.meta.url), 'utf8');
const sample = () => JSON.parse(sampleText) as TopicPack & Record<string, unknown>;
const bundled: InstalledFacts = { topics: factData.topics, faqIds: new Set(factData.faq.map((entry) => entry.id)), packs: [] };
const read = (pack: unknown, installed: InstalledFacts = bundled) => readTopicPack(typeof pack === 'string' ? pack : JSON.stringify(pack), installed);
const problemsOf = (mutate: (pack: any) => void, installed?: InstalledFacts) => {
  const pack = sample();
  mutate(pack);
  const reading = read(pack, installed);
  if (reading.ok) throw new Error('expected the pack to be refused');
  return reading.problems.join('\n');
};

describe('readTopicPack', () => {
  it('reads the sample pack: a topic of its own, and an entry added to the bundled Huawei topic', () => {
    const reading = read(sampleText);
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.pack.topics.map((topic) => topic.id)).toEqual(['eu-5g-toolbox']);
    expect(reading.pack.extends).toEqual([{ topic: 'huawei', terms: [], faq: ['uk-removal'] }]);
    expect(reading.pack.faq.every((entry) => entry.asOf && entry.source?.startsWith('https://'))).toBe(true);
    expect(termsOfPack(reading.pack)).toEqual(['5G Toolbox', 'EU Toolbox', 'NIS Cooperation Group']);
    expect(reading.notes).toEqual([]);
  });

  it.each([
    ['malformed JSON', () => '{"format": 1, "id": ', /^The pack file is not valid JSON: /],
    ['a file over the size limit', () => ' '.repeat(MAX_PACK_CHARACTERS + 1), /the most a pack may have is 1,000,000/],
  ])('refuses %s, saying so', (_name, file, message) => {
    const reading = read(file());
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.problems.join('\n')).toMatch(message);
  });

  it.each([
    ['a missing question', (p: any) => delete p.faq[1].question, /^Pack "Sample: 5G security decisions in Europe", faq\[1\] \(entry "uk-removal"\) question: question is missing\.$/],
    ['an empty answer', (p: any) => (p.faq[0].answer = '  '), /faq\[0\] \(entry "toolbox"\) answer: the answer is empty/],
    ['a missing name', (p: any) => delete p.name, /^The pack, name: /],
    ['an entry id that is not kebab-case', (p: any) => (p.faq[0].id = 'Tool Box'), /faq\[0\] \(entry "Tool Box"\) id: the entry id must be lower-case words joined by hyphens/],
    ['a date written another way', (p: any) => (p.faq[0].asOf = '29/01/2020'), /faq\[0\] \(entry "toolbox"\) asOf: asOf must be a date written YYYY-MM-DD/],
    ['a source that is not a web address', (p: any) => (p.faq[0].source = 'javascript:alert(1)'), /faq\[0\] \(entry "toolbox"\) source: the source must be an http\(s\) address/],
    ['an unknown field', (p: any) => (p.faq[0].colour = 'red'), /faq\[0\] \(entry "toolbox"\) colour: "colour" is not a field of a pack\./],
    ['a format it does not know', (p: any) => (p.format = 2), /format: format must be 1/],
    ['a duplicate entry id', (p: any) => p.faq.push({ ...p.faq[0] }), /faq\[2\] \(entry "toolbox"\) id: the id "toolbox" is used by another entry of this pack/],
    ['a topic that lists an entry it does not have', (p: any) => p.topics[0].faq.push('nowhere'), /topics\[0\] \(topic "eu-5g-toolbox"\) faq: "nowhere" is not an entry of this pack/],
    ['a new topic with a bundled topic\'s id', (p: any) => (p.topics[0].id = 'huawei'), /topics\[0\] \(topic "huawei"\) id: a topic "huawei" already exists; add to it with "extends" instead/],
    ['an extension of a topic that does not exist', (p: any) => (p.extends[0].topic = 'no-such-topic'), /extends\[0\] \(topic "no-such-topic"\) topic: there is no topic "no-such-topic" to extend/],
    ['a one-letter term', (p: any) => p.topics[0].terms.push('E'), /topics\[0\] \(topic "eu-5g-toolbox"\) terms: "E" is too short: it would match almost everywhere/],
    ['a stop word', (p: any) => p.extends[0].terms.push('The'), /extends\[0\] \(topic "huawei"\) terms: "The" is too common a word/],
    ['a term of a bundled topic', (p: any) => p.topics[0].ambiguousTerms.push('entity list'), /"entity list" is already a term of the topic "US trade blacklist \(Entity List\)"/],
    ['a term listed twice', (p: any) => p.extends[0].terms.push('eu toolbox'), /"eu toolbox" is listed twice in this pack/],
  ])('refuses %s, naming the pack, the entry and the field', (_name, mutate, message) => {
    expect(problemsOf(mutate)).toMatch(message);
  });

  it('refuses a term that another installed pack has, naming that pack', () => {
    const installed = { ...bundled, packs: [{ id: 'other', name: 'Other pack', terms: ['5G toolbox'] }] };
    expect(problemsOf(() => {}, installed)).toMatch(/topics\[0\] \(topic "eu-5g-toolbox"\) terms: "5G Toolbox" is already a term of the pack "Other pack"/);
  });

  it('refuses an entry already installed under the same pack id (replacing a pack is the caller\'s: it leaves the old one out)', () => {
    const installed = { ...bundled, faqIds: new Set([...bundled.faqIds, 'sample-5g-security/toolbox']) };
    expect(problemsOf(() => {}, installed)).toMatch(/faq\[0\] \(entry "toolbox"\) id: "sample-5g-security\/toolbox" is already installed/);
  });

  it('gives every problem at once', () => {
    const reading = read({ ...sample(), topics: [{ ...sample().topics[0], terms: ['a', 'the'] }] });
    expect(reading.ok ? [] : reading.problems).toEqual([
      'Pack "Sample: 5G security decisions in Europe", topics[0] (topic "eu-5g-toolbox") terms: "a" is too short: it would match almost everywhere.',
      'Pack "Sample: 5G security decisions in Europe", topics[0] (topic "eu-5g-toolbox") terms: "the" is too common a word: it would match almost everywhere.',
    ]);
  });

  it('accepts an answer with markup, with a note that it is shown as text', () => {
    const pack = sample();
    pack.faq[0].answer = 'See <b>this</b> &amp; that.';
    const reading = read(pack);
    expect(reading.ok).toBe(true);
    if (reading.ok) expect(reading.notes).toEqual([`Pack "Sample: 5G security decisions in Europe", faq[0] (entry "toolbox") answer: contains markup, which is shown as text.`]);
  });

  it('accepts a two-character term in a script without spaces, not a one-character one', () => {
    const two = sample();
    two.topics[0].terms.push('欧盟');
    expect(read(two).ok).toBe(true);
    const one = sample();
    one.topics[0].terms.push('欧');
    expect(read(one).ok).toBe(false);
  });
});
