import { card } from './driver/locator';
import { expect } from './driver/expect';
import type { Frame, Point, Realm, Tab } from './driver/types';

// What a reader sees of the extension on a page, read from the page's own world in either
// browser. Our highlights are registered as `fact-context-<topic>--<random ending>`
// (page/highlighter.ts): page code here finds them by prefix and strips the ending.

/** What the page's shared `CSS.highlights` registry holds for us: topic → highlighted texts, in page order. */
export async function highlightedTexts(realm: Realm): Promise<Record<string, string[]>> {
  return realm.evaluate(() => {
    const result: Record<string, string[]> = {};
    for (const [name, highlight] of CSS.highlights as unknown as Map<string, Highlight>) {
      if (!name.startsWith('fact-context-') || name.startsWith('fact-context-current--')) continue;
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

/** Every highlighted text on the page, whatever its topic, sorted. */
export const allHighlighted = async (realm: Realm) => Object.values(await highlightedTexts(realm)).flat().sort();

/** The texts highlighted inside the element matching `selector`, whatever their topic (the keyboard's mark included). */
export async function highlightedTextsIn(realm: Realm, selector: string): Promise<string[]> {
  return realm.evaluate((selector) => {
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

/** The texts the keyboard's current-mention mark is on. */
export const currentMention = (realm: Realm) =>
  realm.evaluate(() => [...([...(CSS.highlights as unknown as Map<string, Set<Range>>)].find(([name]) => name.startsWith('fact-context-current--'))?.[1] ?? [])].map((range) => range.toString()));

export async function waitForHighlights(realm: Realm): Promise<void> {
  await expect
    .poll(() => realm.evaluate(() => [...(CSS.highlights as unknown as Map<string, unknown>).keys()].filter((k) => k.startsWith('fact-context-')).length))
    .toBeGreaterThan(0);
}

/**
 * The centre of the first occurrence of `text` inside `selector`, in viewport coordinates, and its
 * bottom edge. Scrolled into view: centred, or with its bottom at the viewport's `bottomAt` (the
 * window scrolled by as much, so the page must be long enough).
 */
export async function pointOnText(realm: Realm, selector: string, text: string, { bottomAt }: { bottomAt?: number } = {}): Promise<Point & { bottom: number }> {
  const point = await realm.evaluate(
    ([selector, text, bottomAt]) => {
      const container = document.querySelector(selector);
      if (!container) return null;
      const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const index = node.data.indexOf(text);
        if (index < 0) continue;
        const range = new Range();
        range.setStart(node, index);
        range.setEnd(node, index + text.length);
        if (bottomAt === null) range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
        else window.scrollBy(0, range.getClientRects()[0].bottom - bottomAt);
        const rect = range.getClientRects()[0];
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, bottom: rect.bottom };
      }
      return null;
    },
    [selector, text, bottomAt ?? null] as const,
  );
  if (!point) throw new Error(`"${text}" not found in ${selector}`);
  return point;
}

/** Rests the pointer on `text` (moving there in steps, as a hand does). */
export async function hoverText(tab: Tab, selector: string, text: string): Promise<Point> {
  const point = await pointOnText(tab, selector, text);
  await tab.mouse.move(point.x, point.y, { steps: 4 });
  return point;
}

/** The centre of the `index`-th highlighted mention of `topic`, in page order, scrolled into view. */
export async function pointOnHighlight(realm: Realm, topic: string, index: number): Promise<Point & { text: string }> {
  const target = await realm.evaluate(
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
  return target;
}

/** Rests the pointer on the `index`-th highlighted mention of `topic`, in page order. */
export async function hoverHighlight(tab: Tab, topic: string, index: number): Promise<string> {
  const target = await pointOnHighlight(tab, topic, index);
  await tab.mouse.move(target.x, target.y, { steps: 4 });
  return target.text;
}

/** The same inside a frame, whose coordinates start inside its 1px border (as the fixtures' frames have). */
export async function hoverHighlightInFrame(tab: Tab, frame: Frame, topic: string, index = 0): Promise<string> {
  const target = await pointOnHighlight(frame, topic, index);
  const box = await frame.box();
  await tab.mouse.move(box.x + 1 + target.x, box.y + 1 + target.y, { steps: 4 });
  return target.text;
}

/** The card, as a reader (or a screen reader) finds it: a dialog in the extension's shadow root. */
export const popover = (tab: Tab, realm: Realm = tab) => card(tab, realm);

/** Waits for the card's appear animation to end, so its box is final. */
export async function cardSettled(tab: Tab): Promise<void> {
  await expect(popover(tab)).toBeVisible();
  await tab.evaluate(async () => {
    const host = [...document.querySelectorAll('*')].find((element) => element.localName.startsWith('fact-context-popover-'));
    const dialog = host?.shadowRoot?.querySelector('[role="dialog"]');
    await Promise.all((dialog?.getAnimations() ?? []).map((animation) => animation.finished));
  });
}

export { sleep } from './driver/wait';
