import { describe, expect, it } from 'vitest';
import { rankAnswers, toStems } from '../../utils/answer-ranking';
import { factData } from '../../utils/fact-data';

function bestAnswer(topicId: string, sentence: string): string {
  const topic = factData.topics.find((t) => t.id === topicId)!;
  return rankAnswers({ topicFaq: topic.faq, answerKeywords: factData.answerKeywords, context: sentence })[0].id;
}

describe('rankAnswers', () => {
  it.each([
    ['huawei', 'Canada and the UK have banned Huawei from their 5G networks.', 'q4'],
    ['huawei', 'Britain excluded Huawei from its networks last year.', 'q4'],
    ['huawei', 'Washington accuses Huawei of enabling Chinese espionage.', 'q7'],
    ['huawei', 'Officials fear backdoors in Huawei equipment.', 'q7'],
    ['huawei', 'Huawei responded that it welcomed talks with US counterparts.', 'q3'],
    ['huawei', 'In a statement, a Huawei spokesperson said the company was committed to dialogue.', 'q3'],
    ['huawei', 'Huawei was placed on the list over national security concerns and its ties to the Chinese government.', 'q1'],
    ['huawei', 'Huawei sells phones.', 'q1'],
    ['5g-standards', 'Interoperability between vendors depends on common 5G standards.', 'q6'],
    ['5g-standards', '5G could transform industries from self-driving cars to augmented reality.', 'q5'],
    ['5g-standards', 'Carriers have launched 5G in dozens of cities.', 'q11'],
    ['5g-standards', '5G brings lower latency and faster speeds for video streaming.', 'q8'],
    ['5g-standards', 'We tested 5G.', 'q6'],
    ['trade-blacklist', 'The rule change allows US companies to work with Huawei on standards.', 'q2'],
    ['trade-blacklist', 'Why was the company added to the Entity List?', 'q1'],
    ['trade-blacklist', 'The Commerce Department said the move protects US leadership in innovation.', 'q9'],
  ])('answers a %s mention in %j with %s', (topic, sentence, expected) => {
    expect(bestAnswer(topic, sentence)).toBe(expected);
  });

  it('keeps every entry of the topic, each once', () => {
    const topic = factData.topics[0];
    const ranked = rankAnswers({ topicFaq: topic.faq, answerKeywords: factData.answerKeywords, context: 'espionage' });
    expect(ranked.map((r) => r.id).sort()).toEqual([...topic.faq].sort());
  });
});

describe('toStems', () => {
  it('meets inflected forms of a word', () => {
    expect(toStems('banned bans ban banning')).toEqual(['ban', 'ban', 'ban', 'ban']);
    expect(toStems('Huawei’s self-driving cars')).toEqual(['huawei', 'self-driv', 'car']);
  });
});
