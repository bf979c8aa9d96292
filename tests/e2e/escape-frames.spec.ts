import { expect, test } from './fixtures';
import type { Frame, Realm, Tab } from './driver/types';
import { hoverHighlight, hoverHighlightInFrame, popover, waitForHighlights } from './page-helpers';

// Escape closes the card open in any frame of the tab, wherever keyboard focus is (WCAG 1.4.13:
// dismissible without moving the pointer or focus), and the page never sees an Escape that closed
// a card. The reader usually clicks the article (focus in the top document), then hovers into an
// embedded frame; or the reverse.

type FrameId = 'same' | 'srcdoc' | 'cross';

let tab: Tab;
test.beforeEach(async ({ open, otherOrigin }) => {
  tab = await open(`escape-frames.html?cross=${encodeURIComponent(otherOrigin)}`);
  await waitForHighlights(tab);
});

const frameById = (id: FrameId): Promise<Frame> => tab.frame(`iframe#${id}`);
const escapesSeenByPage = () => tab.evaluate(() => (window as unknown as { escapesSeenByPage: number }).escapesSeenByPage);

/** Clicks an empty part of the top document, or of a frame: keyboard focus goes there. */
async function focusTop() {
  const box = await tab.evaluate(() => {
    const rect = document.getElementById('blank-area')!.getBoundingClientRect();
    return { x: rect.left + 300, y: rect.top + 20 };
  });
  await tab.mouse.click(box.x, box.y);
  await expect.poll(() => tab.evaluate(() => document.hasFocus())).toBe(true);
}
async function focusFrame(id: FrameId) {
  const frame = await frameById(id);
  const box = await frame.box();
  // Its bottom right corner: below and beside its text.
  await tab.mouse.click(box.x + box.width - 20, box.y + box.height - 15);
  await expect.poll(() => frame.evaluate(() => document.hasFocus())).toBe(true);
}

/** Hovers the first highlighted mention of `topic` in a frame (in the tab's coordinates). */
async function hoverInFrame(id: FrameId, topic: string) {
  const frame = await frameById(id);
  await expect.poll(() => frame.evaluate((topic) => [...(CSS.highlights as unknown as Map<string, Set<Range>>).keys()].some((name) => name.startsWith(`fact-context-${topic}--`)), topic)).toBe(true);
  await hoverHighlightInFrame(tab, frame, topic);
  return frame;
}

async function expectEscapeCloses(cardRealm: Realm) {
  const seenBefore = await escapesSeenByPage();
  await expect(popover(tab, cardRealm)).toBeVisible();
  await tab.keyboard.press('Escape');
  await expect(popover(tab, cardRealm)).toBeHidden();
  expect(await escapesSeenByPage()).toBe(seenBefore);
}

for (const [id, topic] of [['same', 'huawei'], ['srcdoc', 'trade-blacklist'], ['cross', 'huawei']] as const) {
  test(`with focus in the top document, Escape closes a card open in a ${id} frame`, async () => {
    await focusTop();
    const frame = await hoverInFrame(id, topic);
    await expectEscapeCloses(frame);
  });

  test(`with focus in a ${id} frame, Escape closes a card open in the top document`, async () => {
    await focusFrame(id);
    await hoverHighlight(tab, 'huawei', 0);
    await expectEscapeCloses(tab);
  });
}

test('with focus in one frame, Escape closes a card open in another', async () => {
  await focusFrame('same');
  const frame = await hoverInFrame('srcdoc', 'trade-blacklist');
  await expect(popover(tab, frame)).toBeVisible();
  await tab.keyboard.press('Escape');
  await expect(popover(tab, frame)).toBeHidden();
});

test('with no card open, Escape reaches the page as always', async () => {
  await focusTop();
  const seenBefore = await escapesSeenByPage();
  await tab.keyboard.press('Escape');
  await expect.poll(escapesSeenByPage).toBe(seenBefore + 1);
});
