import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { idsDigest } from '../../scripts/eval-items.mjs';
import { pagesDigest, readEvalPages } from '../../scripts/eval-pages.mjs';
import { describe, expect, it } from 'vitest';
import { answerModel } from '../../core/answer-model';
import { chooseAnswer, rankAnswers, type AnswerModel, type RankingInput } from '../../core/answer-ranking';
import { FactDataError, validateAnswerModel } from '../../core/data-schema';
import { factData } from '../../core/fact-data';

// The learned layer (data/answer-model.json, `npm run train`): that the shipped file is sound and
// fitted on the current tune half only, and how a model moves a ranking. Its accuracy is `npm run eval`'s.

const modelJson = JSON.parse(readFileSync(new URL('../../data/answer-model.json', import.meta.url), 'utf8'));
const sentences: { id: string; half: string }[] = JSON.parse(readFileSync(new URL('../eval/sentences.json', import.meta.url), 'utf8'));

describe('data/answer-model.json', () => {
  it('speaks only of FAQ ids and topics that exist', () => {
    expect(() => validateAnswerModel(modelJson, factData)).not.toThrow();
  });

  it('was fitted on exactly the tune half of the evaluation set, so never on the blind test half (else: npm run train)', () => {
    const tuneIds = sentences.filter((item) => item.half === 'tune').map((item) => item.id);
    expect(modelJson.trainedOn.items).toBe(tuneIds.length);
    expect(modelJson.trainedOn.idsDigest).toBe(idsDigest(tuneIds));
  });

  it('was cross-validated (and, with pageWeight > 0, fitted) on exactly the tune pages, never the blind test pages (else: npm run train)', () => {
    const tunePages = readEvalPages(fileURLToPath(new URL('../..', import.meta.url)), ['tune']);
    expect(tunePages.every((page) => page.half === 'tune')).toBe(true);
    expect(modelJson.trainedOn.pagesDigest).toBe(pagesDigest(tunePages));
    expect(modelJson.trainedOn.pageMentions).toBeGreaterThan(600);
  });

  it('weighs the matched term: only terms of the data, each with answers that exist', () => {
    const terms = Object.keys(modelJson.terms);
    expect(terms).toContain('5g');
    expect(() => validateAnswerModel({ ...modelJson, terms: { 'not a term': { q1: 1 } } }, factData)).toThrow(/terms\.not a term: not a term of any topic/);
  });

  it('is rejected with a message naming the entry when it speaks of an unknown answer or topic', () => {
    const bad = { ...modelJson, topics: { ...modelJson.topics, 'no-such-topic': { q1: 1 } }, words: { ban: { q99: 1 } } };
    expect(() => validateAnswerModel(bad, factData)).toThrow(FactDataError);
    expect(() => validateAnswerModel(bad, factData)).toThrow(/topics\.no-such-topic: no topic has this id/);
    expect(() => validateAnswerModel(bad, factData)).toThrow(/ban: q99 is not an FAQ id/);
    expect(() => validateAnswerModel({ ...modelJson, reach: { paragraph: 2, title: 0 } }, factData)).toThrow(/answer-model\.json reach\.paragraph/);
  });
});

describe('rankAnswers with a model', () => {
  const faq = [
    { id: 'q1', question: 'First?', answer: 'One.' },
    { id: 'q2', question: 'Second?', answer: 'Two.' },
    { id: 'q3', question: 'Third?', answer: 'Three.' },
  ];
  const topics = [{ id: 't', faq: ['q1', 'q2'] }];
  const base = { topicId: 't', topics, faq, answerKeywords: {} };
  const model = (words: AnswerModel['words'], extra: Partial<AnswerModel> = {}): AnswerModel => ({
    lexicalScale: 1,
    reach: { paragraph: 0.5, title: 0.2 },
    topics: {},
    words,
    ...extra,
  });
  const best = (input: RankingInput) => rankAnswers(input)[0].id;

  it('lets a learned word outweigh the topic order, counting it where it is (sentence more than title)', () => {
    const context = { sentence: 'The zebras crossed.' };
    expect(best({ ...base, context })).toBe('q1');
    expect(best({ ...base, model: model({ zebra: { q2: 2 } }), context })).toBe('q2');
    // In the title the word counts a fifth: 0.4 does not beat the topic order's spread.
    expect(best({ ...base, model: model({ zebra: { q2: 2 } }), context: { sentence: 'They crossed.', title: 'Zebras' } })).toBe('q1');
  });

  it('adds the topic weights and scales the lexical score', () => {
    const context = { sentence: 'Nothing to see.' };
    expect(best({ ...base, model: model({}, { topics: { t: { q3: 50 } } }), context })).toBe('q3');
    const scores = rankAnswers({ ...base, model: model({}, { lexicalScale: 0 }), context }).map((r) => r.score);
    expect(scores).toEqual([0, 0, 0]);
  });

  it('adds the weights of the matched term, whatever its case, and nothing for a term it has none for', () => {
    const context = { sentence: 'Nothing to see.' };
    const withTerms = model({}, { terms: { '5g': { q2: 3 } } });
    expect(best({ ...base, model: withTerms, term: '5G', context })).toBe('q2');
    expect(best({ ...base, model: withTerms, term: '3GPP', context })).toBe('q1');
    expect(best({ ...base, model: withTerms, context })).toBe('q1');
  });

  it('reads the section heading, headline and lead only at the reach the model gives them', () => {
    const context = { sentence: 'They crossed.', heading: 'Zebras', headline: 'Zebras', lead: 'Zebras' };
    const zebra = { zebra: { q2: 2 } };
    expect(best({ ...base, model: model(zebra), context })).toBe('q1');
    expect(best({ ...base, model: model(zebra, { reach: { paragraph: 0.5, title: 0.2, heading: 0.8 } }), context })).toBe('q2');
    expect(best({ ...base, model: model(zebra, { reach: { paragraph: 0.5, title: 0.2, lead: 0.8 } }), context })).toBe('q2');
  });

  it('ignores words it has no weight for, including names of Object.prototype', () => {
    const context = { sentence: 'constructor __proto__ toString hasOwnProperty valueOf' };
    const without = rankAnswers({ ...base, context });
    expect(rankAnswers({ ...base, model: model({}), context })).toEqual(without);
  });
});

describe('chooseAnswer with a runner-up gap', () => {
  const faq = [
    { id: 'q1', question: 'First?', answer: 'One.' },
    { id: 'q2', question: 'Second?', answer: 'Two.' },
    { id: 'q3', question: 'Third?', answer: 'Three.' },
    { id: 'q4', question: 'Fourth?', answer: 'Four.' },
  ];
  const topics = [{ id: 't', faq: ['q1', 'q2', 'q3'] }, { id: 'u', faq: ['q4'] }];
  const base = { topicId: 't', topics, faq, answerKeywords: {} };
  // Lexical scale 0: the scores are the model's weights alone, so the gap is exact.
  const withGap = (runnerUpGap: number | undefined, words: AnswerModel['words']): AnswerModel => ({
    lexicalScale: 0,
    reach: { paragraph: 0.5, title: 0.2 },
    topics: {},
    words,
    ...(runnerUpGap !== undefined && { runnerUpGap }),
  });
  const choose = (model: AnswerModel) => chooseAnswer(faq, { ...base, model, context: { sentence: 'Zebras and lions.' } });

  it('shows the second answer when it is within the gap of the first, and takes it out of the list', () => {
    const choice = choose(withGap(1, { zebra: { q2: 3 }, lion: { q3: 2.5 } }));
    expect(choice.chosen.id).toBe('q2');
    expect(choice.runnerUp?.id).toBe('q3');
    expect(choice.others.map((e) => e.id)).toEqual(['q1']);
  });

  it('shows one answer when the second is further behind, or when the model has no gap', () => {
    expect(choose(withGap(1, { zebra: { q2: 3 }, lion: { q3: 1.5 } })).runnerUp).toBeUndefined();
    expect(choose(withGap(undefined, { zebra: { q2: 3 }, lion: { q3: 2.9 } })).runnerUp).toBeUndefined();
    expect(chooseAnswer(faq, { ...base, context: { sentence: 'Zebras.' } }).runnerUp).toBeUndefined();
  });

  it('may take the runner-up from another topic, which is then not in the topic\'s list', () => {
    const choice = choose(withGap(1, { zebra: { q2: 3 }, lion: { q4: 2.8 } }));
    expect(choice.runnerUp?.id).toBe('q4');
    expect(choice.others.map((e) => e.id).sort()).toEqual(['q1', 'q3']);
  });
});

describe('the shipped model', () => {
  it('still answers within the topic, lists the rest, and keeps a sentence with no cue on the topic', () => {
    const { chosen, runnerUp, others } = chooseAnswer(factData.faq, { ...factData, model: answerModel, topicId: 'huawei', context: { sentence: 'Huawei.' } });
    const huawei = factData.topics.find((topic) => topic.id === 'huawei')!.faq;
    expect(huawei).toContain(chosen.id);
    const shown = [chosen.id, ...(runnerUp && huawei.includes(runnerUp.id) ? [runnerUp.id] : [])];
    expect([...others.map((entry) => entry.id), ...shown].sort()).toEqual([...huawei].sort());
  });
});

describe('the shipped model on plain sentences', () => {
  it.each([
    ['huawei', 'Canada and the UK have banned Huawei from their 5G networks.', 'q4'],
    ['5g-standards', 'Carriers have launched 5G in dozens of cities.', 'q11'],
    ['trade-blacklist', 'Why was the company added to the Entity List?', 'q1'],
    ['huawei', 'Huawei is testing self-driving cars and augmented reality headsets on its network.', 'q5'],
    ['5g-standards', 'Without 3GPP, a phone from one vendor would not talk to a base station from another.', 'q6'],
    ['huawei', 'Officials warned that Huawei gear could let Beijing spy on American networks.', 'q7'],
    ['huawei', 'Huawei said it welcomed the decision and hoped to keep talking with US partners.', 'q3'],
  ])('for a %s mention in %j chooses %s', (topicId, sentence, expected) => {
    expect(chooseAnswer(factData.faq, { ...factData, model: answerModel, topicId, context: { sentence } }).chosen.id).toBe(expected);
  });
});
