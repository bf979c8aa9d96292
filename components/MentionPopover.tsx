import type { FaqEntry } from '../core/faq-markdown';

export interface MentionPopoverProps {
  topicLabel: string;
  topicSummary: string;
  /** The topic's colour as "r g b", matching its highlight on the page. */
  topicColour: string;
  chosen: FaqEntry;
  /** The second answer, when the ranker was unsure between the two: shown open below the first, smaller. */
  runnerUp?: FaqEntry;
  /** The topic's other entries, in the order they ranked. */
  others: readonly FaqEntry[];
  onClose(): void;
  /** One click to silence the extension on this site (undo from the popup); absent where the organisation's policy sets the sites. */
  onTurnOffSite?: () => void;
  /** Opens the full FAQ page at the chosen entry. */
  onOpenFaq(): void;
}

/** When a topic pack's answer was last known true, and where it comes from (the bundled FAQ has neither). */
function Provenance({ entry }: { entry: FaqEntry }) {
  if (!entry.asOf && !entry.source) return null;
  const date = entry.asOf && new Date(`${entry.asOf}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const host = entry.source && (() => {
    try {
      const url = new URL(entry.source);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.hostname.replace(/^www\./, '') : undefined; // never a script address
    } catch {
      return undefined;
    }
  })();
  if (!date && !host) return null;
  return (
    <p class="provenance">
      {date && <span>As of {date}</span>}
      {date && host && ' · '}
      {host && (
        <a href={entry.source} target="_blank" rel="noopener noreferrer">
          Source: {host}
        </a>
      )}
    </p>
  );
}

/**
 * The card shown next to a mention. All text is rendered as text (Preact escapes it), never as HTML.
 */
export function MentionPopover({ topicLabel, topicSummary, topicColour, chosen, runnerUp, others, onClose, onTurnOffSite, onOpenFaq }: MentionPopoverProps) {
  return (
    // A non-modal dialog: focusable (opened from the keyboard, it takes focus), named by its topic.
    <section class="card" role="dialog" tabIndex={-1} aria-labelledby="fc-topic" aria-describedby="fc-answer" style={{ '--topic': topicColour }}>
      <div class="header">
        <span class="dot" aria-hidden="true" />
        <span class="topic" id="fc-topic">
          {topicLabel}
        </span>
        <button type="button" class="close" aria-label="Close" title="Close (Esc)" onClick={onClose}>
          ×
        </button>
      </div>
      {/* With two answers open the card would outgrow its height and hide its actions: the topic's name says enough. */}
      {!runnerUp && <p class="summary">{topicSummary}</p>}
      <h2 class="question">{chosen.question}</h2>
      <p class="answer" id="fc-answer">
        {chosen.answer}
      </p>
      <Provenance entry={chosen} />
      {runnerUp && (
        // One accordion with the other questions (the same `name`): opening one of them closes this,
        // so never more than two answers are open at once.
        <details class="runner-up" open name="fc-answers">
          <summary>
            <span class="runner-up-label">Or perhaps</span>
            <span class="runner-up-question">{runnerUp.question}</span>
          </summary>
          <p class="runner-up-answer">{runnerUp.answer}</p>
          <Provenance entry={runnerUp} />
        </details>
      )}
      {others.length > 0 && (
        <details class="more">
          <summary class="more-title">
            {others.length} more {others.length === 1 ? 'question' : 'questions'} on {topicLabel}
          </summary>
          <ul class="others">
            {others.map((entry) => (
              <li key={entry.id}>
                <details name="fc-answers">
                  <summary>{entry.question}</summary>
                  <p class="other-answer">{entry.answer}</p>
                  <Provenance entry={entry} />
                </details>
              </li>
            ))}
          </ul>
        </details>
      )}
      <div class="footer">
        <button type="button" class="action" onClick={onOpenFaq}>
          Open in the FAQ
        </button>
        {onTurnOffSite && (
          <button type="button" class="action" onClick={onTurnOffSite}>
            Turn off on this site
          </button>
        )}
      </div>
    </section>
  );
}
