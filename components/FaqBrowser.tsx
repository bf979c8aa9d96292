import { useMemo, useState } from 'preact/hooks';
import type { FaqEntry } from '../core/faq-markdown';
import { createFaqSearch, groupFaqByTopic, markTerms } from '../core/faq-search';

export interface FaqTopic {
  id: string;
  label: string;
  faq: readonly string[];
  /** "r g b", the topic's highlight colour. */
  colour: string;
}

export interface FaqBrowserProps {
  faq: readonly FaqEntry[];
  topics: readonly FaqTopic[];
  answerKeywords: Readonly<Record<string, readonly string[]>>;
  /** An entry to show open (the FAQ page opened at `#q4`). */
  openId?: string;
  autoFocusSearch?: boolean;
}

function Marked({ text, terms }: { text: string; terms: readonly string[] }) {
  return (
    <>
      {markTerms(text, terms).map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : part.text))}
    </>
  );
}

/** The whole FAQ grouped by topic, with a search box that filters as you type. Used by the popup and the FAQ page. */
export function FaqBrowser({ faq, topics, answerKeywords, openId, autoFocusSearch }: FaqBrowserProps) {
  const [query, setQuery] = useState('');
  const search = useMemo(() => createFaqSearch(faq, answerKeywords), [faq, answerKeywords]);
  const groups = useMemo(() => groupFaqByTopic(faq, topics), [faq, topics]);
  const hits = useMemo(() => new Map(search.search(query).map((hit) => [hit.id, hit.terms])), [search, query]);
  const searching = query.trim() !== '';
  const visibleGroups = searching
    ? groups.map((group) => ({ ...group, entries: group.entries.filter((entry) => hits.has(entry.id)) })).filter((group) => group.entries.length > 0)
    : groups;

  return (
    <div class="faq-browser">
      <input
        class="faq-search"
        type="search"
        aria-label="Search the FAQ"
        placeholder="Search the FAQ, e.g. blacklist or Canada"
        value={query}
        autoFocus={autoFocusSearch}
        onInput={(event) => setQuery(event.currentTarget.value)}
      />
      <p class="faq-status" role="status">
        {searching ? (hits.size === 0 ? `No question matches “${query.trim()}”.` : `${hits.size} of ${faq.length} questions match.`) : ''}
      </p>
      {visibleGroups.map((group) => (
        <section class="faq-group" key={group.topic.id} aria-labelledby={`faq-topic-${group.topic.id}`} style={{ '--topic': group.topic.colour }}>
          <h2 class="faq-topic" id={`faq-topic-${group.topic.id}`}>
            <span class="faq-dot" aria-hidden="true" />
            {group.topic.label}
          </h2>
          <ul class="faq-entries">
            {group.entries.map((entry) => {
              const terms = hits.get(entry.id) ?? [];
              return (
                <li key={entry.id}>
                  {/* Search results open, so the marked words in answers are visible. */}
                  <details id={entry.id} open={searching || entry.id === openId}>
                    <summary>
                      <Marked text={entry.question} terms={terms} />
                    </summary>
                    <p class="faq-answer">
                      <Marked text={entry.answer} terms={terms} />
                    </p>
                  </details>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
