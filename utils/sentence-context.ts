/**
 * The sentence that contains `text[start, end)`, by the Unicode sentence rules of `Intl.Segmenter`.
 * A mention that straddles a sentence break (rare: "U.S. Commerce Department" in an engine that
 * splits at "U.S.") takes every sentence it touches.
 */
export function sentenceAround(text: string, start: number, end: number, locale?: string): string {
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
