import { describe, expect, it } from 'vitest';
import { chooseAnswer, contextWords, rankAnswers, toStems, type RankingContext, type RankingInput } from '../../core/answer-ranking';
import { factData } from '../../core/fact-data';

// Behaviour, not accuracy: how well the ranking does on real text is `npm run eval`'s job.

function input(topicId: string, context: RankingContext): RankingInput {
  return { topicId, topics: factData.topics, faq: factData.faq, answerKeywords: factData.answerKeywords, context };
}

const best = (topicId: string, context: RankingContext) => rankAnswers(input(topicId, context))[0].id;
const topicFaq = (topicId: string) => factData.topics.find((t) => t.id === topicId)!.faq;

describe('rankAnswers', () => {
  it.each([
    ['huawei', { sentence: 'Canada and the UK have banned Huawei from their 5G networks.' }, 'q4'],
    ['huawei', { sentence: 'Britain excluded Huawei from its networks last year.' }, 'q4'],
    ['5g-standards', { sentence: 'Canada and the UK have banned Huawei from their 5G networks.' }, 'q4'],
    ['huawei', { sentence: 'Washington accuses Huawei of enabling Chinese espionage.' }, 'q7'],
    ['huawei', { sentence: 'Officials fear backdoors in Huawei equipment.' }, 'q7'],
    ['huawei', { sentence: 'Huawei responded that it welcomed talks with US counterparts.' }, 'q3'],
    ['huawei', { sentence: 'In a statement, a Huawei spokesperson stressed the value of dialogue.' }, 'q3'],
    ['huawei', { sentence: 'Huawei was placed on the list over national security and its ties to the Chinese government.' }, 'q1'],
    ['5g-standards', { sentence: 'Interoperability between vendors depends on common 5G standards.' }, 'q6'],
    ['5g-standards', { sentence: '5G could transform industries from self-driving cars to augmented reality.' }, 'q5'],
    ['5g-standards', { sentence: 'Carriers have launched 5G in dozens of cities.' }, 'q11'],
    ['5g-standards', { sentence: '5G brings lower latency and faster speeds for video streaming.' }, 'q8'],
    ['trade-blacklist', { sentence: 'The rule change allows US companies to work with Huawei on standards.' }, 'q2'],
    ['trade-blacklist', { sentence: 'Why was the company added to the Entity List?' }, 'q1'],
    ['trade-blacklist', { sentence: 'The Commerce Department said the move protects US leadership in innovation.' }, 'q9'],
  ])('answers a %s mention in %j with %s', (topic, context, expected) => {
    expect(best(topic, context)).toBe(expected);
  });

  it.each([
    ['huawei', 'Huawei sells phones.', 'q1'],
    ['huawei', 'Huawei.', 'q1'],
    ['5g-standards', 'We tested 5G.', 'q6'],
    ['trade-blacklist', 'It is on the Entity List.', 'q1'],
  ])('with no cue gives a %s mention its topic’s first entry (%j)', (topic, sentence, expected) => {
    expect(topicFaq(topic)[0]).toBe(expected);
    expect(best(topic, { sentence, paragraph: sentence, title: 'Notes' })).toBe(expected);
  });

  it('does not count the topics’ own words as evidence', () => {
    // Huawei, 5G, 3GPP, standards, Entity List, trade blacklist: every entry shares them.
    const sentence = 'Huawei, 5G standards, 3GPP, the Entity List and the trade blacklist.';
    for (const topic of factData.topics) expect(best(topic.id, { sentence, title: sentence })).toBe(topic.faq[0]);
  });

  it('uses a cue found only in the paragraph or the title', () => {
    const sentence = 'Officials confirmed the decision about Huawei on Monday.';
    expect(best('huawei', { sentence })).toBe('q1');
    expect(best('huawei', { sentence, title: 'Canada bans Huawei from its 5G networks' })).toBe('q4');
    expect(best('huawei', { sentence, paragraph: `Spying fears drove the move. ${sentence}` })).toBe('q7');
  });

  // One cue for q4 (a ban) and one for q7 (espionage), each way round: the nearer one wins.
  it.each([
    ['ban', 'espionage', 'q4'],
    ['espionage', 'ban', 'q7'],
  ])('weighs nearer text more: a %s cue in the sentence beats an %s cue in the paragraph', (near, far, expected) => {
    const sentence = `Huawei and the ${near} story.`;
    expect(best('huawei', { sentence, paragraph: `Then came the ${far} story. ${sentence}` })).toBe(expected);
  });

  it.each([
    ['ban', 'espionage', 'q4'],
    ['espionage', 'ban', 'q7'],
  ])('weighs nearer text more: a %s cue in the paragraph beats an %s cue in the title', (near, far, expected) => {
    const sentence = 'It is about Huawei.';
    expect(best('huawei', { sentence, paragraph: `Then came the ${near} story. ${sentence}`, title: `The ${far} story` })).toBe(expected);
  });

  describe('the topic prior', () => {
    it('ranks the topic’s entries first, in the topic’s order, when there is no cue', () => {
      const ranked = rankAnswers(input('5g-standards', { sentence: 'We tested 5G.' })).map((r) => r.id);
      expect(ranked.slice(0, topicFaq('5g-standards').length)).toEqual(topicFaq('5g-standards'));
    });

    it('keeps an entry of another topic below the topic’s on weak evidence', () => {
      // "markets" is a keyword of q10 (standards and adoption), which is not a Huawei entry.
      expect(best('huawei', { sentence: 'Huawei sells phones in many markets.' })).toBe('q1');
    });

    it('lets strong evidence choose an entry of another topic', () => {
      expect(best('huawei', { sentence: 'Huawei is testing self-driving cars and augmented reality headsets on its network.' })).toBe('q5');
    });
  });

  it('ranks all the FAQ entries, each once, best first', () => {
    const ranked = rankAnswers(input('huawei', { sentence: 'espionage' }));
    expect(ranked.map((r) => r.id).sort()).toEqual(factData.faq.map((e) => e.id).sort());
    expect(ranked.every((r, i) => i === 0 || ranked[i - 1].score >= r.score)).toBe(true);
  });

  it('ranks by the keywords it is given (the index follows the data, not a cache of other data)', () => {
    const faq = [
      { id: 'q1', question: 'First?', answer: 'One.' },
      { id: 'q2', question: 'Second?', answer: 'Two.' },
    ];
    const topics = [{ id: 't', faq: ['q1', 'q2'] }];
    const context = { sentence: 'A sentence about zebras.' };
    expect(rankAnswers({ topicId: 't', topics, faq, answerKeywords: { q1: ['lion'], q2: ['zebra'] }, context })[0].id).toBe('q2');
    expect(rankAnswers({ topicId: 't', topics, faq, answerKeywords: { q1: ['zebra'], q2: ['lion'] }, context })[0].id).toBe('q1');
  });
});

describe('term groups (termAnswers)', () => {
  const withTerm = (topicId: string, term: string, sentence: string) => rankAnswers({ ...input(topicId, { sentence }), term })[0].id;

  it('answer a mention by the matched term when the sentence has no other cue', () => {
    // Without a term the 5G topic's first entry (standards) answers; "5G" alone asks what 5G does.
    expect(best('5g-standards', { sentence: 'It is all about 5G now.' })).toBe('q6');
    expect(withTerm('5g-standards', '5G', 'It is all about 5G now.')).toBe('q8');
    expect(withTerm('5g-standards', '3GPP', 'It is all about 3GPP now.')).toBe('q6');
    expect(withTerm('trade-blacklist', 'Commerce Department', 'The Commerce Department spoke.')).toBe('q2');
    expect(withTerm('trade-blacklist', 'entity list', 'It is on the Entity List.')).toBe('q1');
  });

  it('yield to a clear cue in the sentence', () => {
    expect(withTerm('5g-standards', '5G', 'Carriers have launched 5G in dozens of cities.')).toBe('q11');
    expect(withTerm('5g-standards', '5G', 'Interoperability between vendors depends on common 5G standards and protocols.')).toBe('q6');
  });

  it('count by their weight, and not at all for a term outside every group', () => {
    const faq = [
      { id: 'q1', question: 'First?', answer: 'One.' },
      { id: 'q2', question: 'Second?', answer: 'Two.' },
    ];
    const topics = (weight: number) => [{ id: 't', faq: ['q1', 'q2'], termAnswers: [{ terms: ['Zebra'], faq: ['q2'], weight }] }];
    const rank = (weight: number, term: string) => rankAnswers({ topicId: 't', term, topics: topics(weight), faq, answerKeywords: {}, context: { sentence: 'Nothing.' } });
    expect(rank(1, 'zebra')[0].id).toBe('q2');
    const [first, second] = rank(3, 'zebra');
    const [lightFirst, lightSecond] = rank(1, 'zebra');
    expect(first.score - second.score).toBeGreaterThan(lightFirst.score - lightSecond.score);
    expect(rank(1, 'lion')[0].id).toBe('q1');
  });
});

describe('chooseAnswer', () => {
  it.each([
    ['huawei', 'Canada and the UK have banned Huawei from their 5G networks.', 'q4'],
    ['5g-standards', 'Carriers have launched 5G in dozens of cities.', 'q11'],
    ['trade-blacklist', 'Why was the company added to the Entity List?', 'q1'],
    ['huawei', 'Huawei is testing self-driving cars and augmented reality headsets on its network.', 'q5'],
  ])('for a %s mention in %j chooses %s and lists the rest of the topic, each once, best first', (topic, sentence, expected) => {
    const ranking = input(topic, { sentence });
    const { chosen, others } = chooseAnswer(factData.faq, ranking);
    expect(chosen.id).toBe(expected);
    const otherIds = others.map((e) => e.id);
    expect(otherIds).not.toContain(chosen.id);
    expect(new Set(otherIds).size).toBe(otherIds.length);
    expect([...otherIds].sort()).toEqual(topicFaq(topic).filter((id) => id !== chosen.id).sort());
    const order = rankAnswers(ranking).map((r) => r.id);
    expect(otherIds).toEqual(order.filter((id) => otherIds.includes(id)));
  });

  it('hands back the caller’s own entry objects', () => {
    const entries = factData.faq.map((e) => ({ ...e, extra: true }));
    const { chosen, others } = chooseAnswer(entries, input('huawei', { sentence: 'Huawei sells phones.' }));
    expect(chosen).toBe(entries.find((e) => e.id === 'q1'));
    expect(others.every((e) => entries.includes(e))).toBe(true);
  });
});

describe('contextWords', () => {
  const reach = { paragraph: 0.7, title: 0.3 };
  const near = (sentence: string, term: string) => [...contextWords({ sentence }, { ...reach, near: 1 }, term).keys()].filter((word) => word.startsWith('~'));

  it('gives the words just beside the mention a feature of their own, function words included', () => {
    expect(near('Check you are in a 5G area today', '5G')).toEqual(['~are', '~in', '~a', '~area', '~today']);
    expect(near('Policy on Huawei in 5G networks', 'Huawei')).toEqual(['~polici', '~on', '~in', '~5g', '~network']);
  });

  it('finds the mention whatever its case and however many words it has, and only its first time', () => {
    expect(near('why HUAWEI was placed on the entity list by Commerce', 'Entity List')).toEqual(['~place', '~on', '~the', '~by', '~commerc']);
    expect(near('5G here, 5G there', '5G')).toEqual(['~here', '~5g', '~there']);
  });

  it('adds none without the model asking for them, or when the mention is not in the sentence', () => {
    expect([...contextWords({ sentence: 'a 5G area' }, reach, '5G').keys()].some((word) => word.startsWith('~'))).toBe(false);
    expect(near('The heading said it all', '5G')).toEqual([]);
  });
});

describe('toStems', () => {
  it('meets inflected forms of a word', () => {
    expect(toStems('banned bans ban banning')).toEqual(['ban', 'ban', 'ban', 'ban']);
    expect(toStems('countries country')).toEqual(['countri', 'countri']);
    expect(toStems('exclude excluded excludes')).toEqual(['exclud', 'exclud', 'exclud']);
  });

  it('drops possessives, splits hyphenated words and keeps short words apart', () => {
    expect(toStems('Huawei’s self-driving cars')).toEqual(['huawei', 'self', 'drive', 'car']);
    expect(toStems('who cares about cars')).toEqual(['who', 'care', 'about', 'car']);
  });
});

describe('keywords written "a + b"', () => {
  const faq = [
    { id: 'q1', question: 'First?', answer: 'One.' },
    { id: 'q2', question: 'Second?', answer: 'Two.' },
  ];
  const topics = [{ id: 't', faq: ['q1', 'q2'] }];
  const rank = (sentence: string) =>
    rankAnswers({ topicId: 't', topics, faq, answerKeywords: { q1: ['alpha'], q2: ['firms + take part'] }, context: { sentence } })[0].id;

  it('count where every part occurs, in any order and apart', () => {
    expect(rank('Some firms may now take part in the work.')).toBe('q2');
    expect(rank('Firms take a small part in it.')).toBe('q1'); // "take part" is a phrase: its words must be adjacent
    expect(rank('They take part, as firms do.')).toBe('q2');
  });

  it('do not count where a part is missing', () => {
    expect(rank('Some firms may now join the work.')).toBe('q1');
    expect(rank('Anyone may take part.')).toBe('q1');
  });
});
