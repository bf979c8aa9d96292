/**
 * Chooses which FAQ answer fits a mention: the topic's entries, ranked by how many of each entry's
 * keywords occur in the text around the mention. With no keyword in sight the topic's own order
 * (most relevant first, from data/topics.json) decides. Pure: plain values in, plain values out.
 */

export interface RankingInput {
  /** The mention's topic's FAQ ids, most relevant first. */
  topicFaq: readonly string[];
  /** Keywords per FAQ id (data/answer-keywords.json). */
  answerKeywords: Readonly<Record<string, readonly string[]>>;
  /** The text around the mention, usually its sentence. */
  context: string;
}

export interface RankedAnswer {
  id: string;
  score: number;
}

/** Lower case words with a light suffix strip, so "banned", "bans" and "ban" meet. */
export function toStems(text: string): string[] {
  return (text.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'").match(/[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*/gu) ?? []).map(stem);
}

function stem(word: string): string {
  let w = word.replace(/'s$/, '');
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (w.length - suffix.length >= 3 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // "bann" (from banned) → "ban"
  if (w.length >= 4 && w.at(-1) === w.at(-2) && !/[aeiou]/.test(w.at(-1)!)) w = w.slice(0, -1);
  return w;
}

function containsPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

export function rankAnswers({ topicFaq, answerKeywords, context }: RankingInput): RankedAnswer[] {
  const words = toStems(context);
  return topicFaq
    .map((id, order) => {
      const keywords = answerKeywords[id] ?? [];
      // A multi-word keyword is stronger evidence than a single word.
      const score = keywords.reduce((sum, keyword) => {
        const phrase = toStems(keyword);
        return containsPhrase(words, phrase) ? sum + phrase.length : sum;
      }, 0);
      return { id, score, order };
    })
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map(({ id, score }) => ({ id, score }));
}

export interface AnswerChoice<Entry> {
  chosen: Entry;
  /** The topic's other entries, best first. */
  others: Entry[];
}

/** The answer for a mention of `topicFaq`'s topic read in `context`, and the rest of its topic. */
export function chooseAnswer<Entry extends { id: string }>(
  faq: readonly Entry[],
  input: RankingInput,
): AnswerChoice<Entry> {
  const byId = new Map(faq.map((entry) => [entry.id, entry]));
  const [chosen, ...others] = rankAnswers(input).flatMap(({ id }) => byId.get(id) ?? []);
  return { chosen, others };
}
