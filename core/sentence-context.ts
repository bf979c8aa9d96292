/** How far from a mention a sentence may reach; a longer "sentence" is cut there. */
const SENTENCE_REACH = 600;

/**
 * The text within `reach` characters of `text[start, end)`, cut at white space where there is
 * some, with where it starts in `text`. For the context of a mention in a block of any length.
 */
export function textAround(text: string, start: number, end: number, reach: number): { text: string; offset: number } {
  if (start <= reach && text.length - end <= reach) return { text, offset: 0 };
  let from = Math.max(0, start - reach);
  let to = Math.min(text.length, end + reach);
  const space = text.indexOf(' ', from);
  if (from > 0 && space >= 0 && space < start) from = space + 1;
  const lastSpace = text.lastIndexOf(' ', to);
  if (to < text.length && lastSpace >= end) to = lastSpace;
  return { text: text.slice(from, to), offset: from };
}

/**
 * The sentence that contains `text[start, end)`, by the Unicode sentence rules of `Intl.Segmenter`.
 * A mention that straddles a sentence break (rare: "U.S. Commerce Department" in an engine that
 * splits at "U.S.") takes every sentence it touches.
 */
export function sentenceAround(text: string, start: number, end: number, locale?: string): string {
  // Only the text near the mention is segmented: a block can be megabytes long (a log in a <pre>).
  const near = textAround(text, start, end, SENTENCE_REACH);
  text = near.text;
  start -= near.offset;
  end -= near.offset;
  const segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });
  let from = -1;
  let to = text.length;
  for (const { segment, index } of segmenter.segment(text)) {
    const segmentEnd = index + segment.length;
    if (segmentEnd <= start) continue;
    if (from < 0) from = index;
    if (segmentEnd >= end) {
      to = segmentEnd;
      break;
    }
  }
  return text.slice(Math.max(0, from), to).trim();
}
