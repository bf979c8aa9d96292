import { expect, type Page } from '@playwright/test';

// Our highlights are registered as `fact-context-<topic>--<random ending>` (lib/highlighter.ts): page
// code here finds them by prefix and strips the ending.

/** What the page's shared `CSS.highlights` registry holds for us: topic → highlighted texts, in page order. */
export async function highlightedTexts(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const result: Record<string, string[]> = {};
    for (const [name, highlight] of CSS.highlights as unknown as Map<string, Highlight>) {
      if (!name.startsWith('fact-context-')) continue;
      const ranges = [...(highlight as unknown as Set<AbstractRange>)] as Range[];
      // Page order; ranges in different shadow trees cannot be compared, and keep their order.
      ranges.sort((a, b) => {
        try {
          return a.compareBoundaryPoints(Range.START_TO_START, b);
        } catch {
          return 0;
        }
      });
      result[name.slice('fact-context-'.length).replace(/--[0-9a-z]+$/, '')] = ranges.map((range) => range.toString());
    }
    return result;
  });
}

/** The texts highlighted inside the element matching `selector`, whatever their topic. */
export async function highlightedTextsIn(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const container = document.querySelector(selector)!;
    const found: string[] = [];
    for (const [name, highlight] of CSS.highlights as unknown as Map<string, Highlight>) {
      if (!name.startsWith('fact-context-')) continue;
      for (const range of highlight as unknown as Set<Range>) {
        if (container.contains(range.commonAncestorContainer)) found.push(range.toString());
      }
    }
    return found;
  }, selector);
}

export async function waitForHighlights(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => [...(CSS.highlights as unknown as Map<string, unknown>).keys()].filter((k) => k.startsWith('fact-context-')).length))
    .toBeGreaterThan(0);
}

/** The centre of the first occurrence of `text` inside `selector`, in viewport coordinates. */
export async function pointOnText(page: Page, selector: string, text: string): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(
    ([selector, text]) => {
      const container = document.querySelector(selector);
      if (!container) return null;
      const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const index = node.data.indexOf(text);
        if (index < 0) continue;
        const range = new Range();
        range.setStart(node, index);
        range.setEnd(node, index + text.length);
        range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
        const rect = range.getClientRects()[0];
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
      return null;
    },
    [selector, text] as const,
  );
  if (!point) throw new Error(`"${text}" not found in ${selector}`);
  return point;
}

/** Rests the pointer on `text` (moving there in steps, as a hand does). */
export async function hoverText(page: Page, selector: string, text: string): Promise<{ x: number; y: number }> {
  const point = await pointOnText(page, selector, text);
  await page.mouse.move(point.x, point.y, { steps: 4 });
  return point;
}

/** Rests the pointer on the `index`-th highlighted mention of `topic`, in page order. */
export async function hoverHighlight(page: Page, topic: string, index: number): Promise<string> {
  const target = await page.evaluate(
    ([topic, index]) => {
      const highlight = [...(CSS.highlights as unknown as Map<string, Set<Range>>)].find(([name]) => name.startsWith(`fact-context-${topic}--`))?.[1];
      const ranges = [...(highlight ?? [])].sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
      const range = ranges[index];
      if (!range) return null;
      range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
      const rect = range.getClientRects()[0];
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, text: range.toString() };
    },
    [topic, index] as const,
  );
  if (!target) throw new Error(`no highlighted ${topic} mention #${index}`);
  await page.mouse.move(target.x, target.y, { steps: 4 });
  return target.text;
}

export const popover = (page: Page) => page.getByRole('dialog');

/** Waits for the card's appear animation to end, so its box is final. */
export async function cardSettled(page: Page): Promise<void> {
  await popover(page).evaluate((card) => Promise.all(card.getAnimations().map((animation) => animation.finished)));
}
