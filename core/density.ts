/** How many mentions to highlight: all, or the first of each topic per paragraph or per page. */
export type Density = 'all' | 'first-per-paragraph' | 'first-per-page';

/**
 * Keeps the mentions a reader asked for. `mentions` are in page order; `block` identifies the
 * paragraph a mention is in.
 */
export function applyDensity<M extends { topic: string; block: unknown }>(mentions: readonly M[], density: Density): M[] {
  if (density === 'all') return [...mentions];
  const seen = new Set<unknown>();
  const seenByBlock = new Map<unknown, Set<string>>();
  return mentions.filter((mention) => {
    if (density === 'first-per-page') {
      if (seen.has(mention.topic)) return false;
      seen.add(mention.topic);
      return true;
    }
    const topics = seenByBlock.get(mention.block) ?? new Set<string>();
    seenByBlock.set(mention.block, topics);
    if (topics.has(mention.topic)) return false;
    topics.add(mention.topic);
    return true;
  });
}
