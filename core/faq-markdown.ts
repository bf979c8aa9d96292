export interface FaqEntry {
  /** Stable id, `q1`..`qN`, taken from the heading. */
  id: string;
  question: string;
  answer: string;
  /** For a topic pack's entry: when the answer was last known true (YYYY-MM-DD). */
  asOf?: string;
  /** For a topic pack's entry: where the answer comes from (an http(s) address). */
  source?: string;
}

// A heading `## q4. Which countries …?` opens an entry; the paragraphs after it are its answer.
const ENTRY_HEADING = /^##\s+(q\d+)\.\s+(.+?)\s*$/;

/**
 * Reads the FAQ from its Markdown source (`data/faq.md`, the seed FAQ kept verbatim).
 * Text before the first entry heading (the title and intro) is not part of any entry.
 */
export function parseFaqMarkdown(markdown: string): FaqEntry[] {
  const entries: FaqEntry[] = [];
  let current: { id: string; question: string; lines: string[] } | undefined;
  const finish = () => {
    if (current) entries.push({ id: current.id, question: current.question, answer: current.lines.join('\n').trim() });
  };
  for (const line of markdown.split(/\r?\n/)) {
    const heading = ENTRY_HEADING.exec(line);
    if (heading) {
      finish();
      current = { id: heading[1], question: heading[2], lines: [] };
    } else if (current) {
      current.lines.push(line);
    }
  }
  finish();
  return entries;
}
