import MiniSearch from 'minisearch';
import type { FaqEntry } from './faq-markdown';

export interface FaqGroup<Topic> {
  topic: Topic;
  entries: FaqEntry[];
}

/**
 * The FAQ grouped by topic for browsing: each entry appears once, under the topic that ranks it
 * highest (an earlier topic wins a tie), in that topic's order.
 */
export function groupFaqByTopic<Topic extends { faq: readonly string[] }>(faq: readonly FaqEntry[], topics: readonly Topic[]): FaqGroup<Topic>[] {
  const home = new Map<string, { topic: number; rank: number }>();
  topics.forEach((topic, topicIndex) =>
    topic.faq.forEach((id, rank) => {
      const current = home.get(id);
      if (!current || rank < current.rank) home.set(id, { topic: topicIndex, rank });
    }),
  );
  const byId = new Map(faq.map((entry) => [entry.id, entry]));
  return topics
    .map((topic, topicIndex) => ({
      topic,
      entries: topic.faq.filter((id) => home.get(id)?.topic === topicIndex).flatMap((id) => byId.get(id) ?? []),
    }))
    .filter((group) => group.entries.length > 0);
}

export interface FaqSearchHit {
  id: string;
  /** The words of the entry that matched, to mark in its text. */
  terms: string[];
}

/**
 * Full-text search over the FAQ (MiniSearch): prefixes (`interop`) and typos (`blaklist`) still
 * find their entry. All the words must match; if none does, any word may.
 */
export function createFaqSearch(faq: readonly FaqEntry[], keywordsById: Readonly<Record<string, readonly string[]>> = {}) {
  const index = new MiniSearch<FaqEntry & { keywords: string }>({
    fields: ['question', 'answer', 'keywords'],
    storeFields: [],
    searchOptions: {
      prefix: true,
      fuzzy: (term) => (term.length > 3 ? 0.2 : false),
      boost: { question: 2 },
    },
  });
  index.addAll(faq.map((entry) => ({ ...entry, keywords: (keywordsById[entry.id] ?? []).join(' ') })));

  return {
    search(query: string): FaqSearchHit[] {
      if (query.trim() === '') return [];
      let results = index.search(query, { combineWith: 'AND' });
      if (results.length === 0) results = index.search(query, { combineWith: 'OR' });
      return results.map((result) => ({ id: String(result.id), terms: result.terms }));
    },
  };
}

export interface TextPart {
  text: string;
  marked: boolean;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Splits `text` into parts, marking whole-word occurrences of `terms` (any case). */
export function markTerms(text: string, terms: readonly string[]): TextPart[] {
  const words = terms.filter((term) => term.trim() !== '').sort((a, b) => b.length - a.length);
  if (words.length === 0) return [{ text, marked: false }];
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index), marked: false });
    parts.push({ text: match[0], marked: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), marked: false });
  return parts;
}
