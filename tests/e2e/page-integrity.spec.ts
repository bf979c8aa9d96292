import { ui } from './driver/locator';
import { launchPlainBrowser, watchPageErrors } from './driver/plain';
import type { Realm } from './driver/types';
import { expect, test } from './fixtures';
import { cardSettled, hoverHighlight, hoverText, pointOnText, popover, sleep, waitForHighlights } from './page-helpers';

/** The page as its author made it: markup, and the box of every element. */
async function pageSnapshot(realm: Realm) {
  return realm.evaluate(() => ({
    html: document.documentElement.outerHTML.replace(/<fact-context-popover-[a-z]+[\s\S]*?<\/fact-context-popover-[a-z]+>/, ''),
    boxes: [...document.querySelectorAll('body *')]
      .filter((element) => !element.tagName.startsWith('FACT-CONTEXT-POPOVER-'))
      .map((element) => {
        const r = element.getBoundingClientRect();
        return `${element.tagName}#${element.id} ${r.x},${r.y} ${r.width}x${r.height}`;
      }),
    text: document.body.innerText,
  }));
}

for (const fixture of ['seed-article.html', 'traps.html', 'interactions.html']) {
  test(`leaves the layout and text of ${fixture} exactly as without the extension`, async ({ engine, open, fixtureOrigin }) => {
    // The same browser, without the extension.
    const baselineBrowser = await launchPlainBrowser(engine, { viewport: { width: 1280, height: 800 } });
    let baseline: Awaited<ReturnType<typeof pageSnapshot>>;
    try {
      const baselineTab = await baselineBrowser.newTab();
      await baselineTab.goto(`${fixtureOrigin}/${fixture}`);
      baseline = await pageSnapshot(baselineTab);
    } finally {
      await baselineBrowser.close();
    }

    const tab = await open(fixture);
    await waitForHighlights(tab);
    expect(await pageSnapshot(tab)).toEqual(baseline);

    // Showing a card adds only our own host element.
    await hoverHighlight(tab, 'huawei', 0);
    await expect(popover(tab)).toBeVisible();
    await tab.mouse.move(0, 0);
    await tab.evaluate(() => window.scrollTo(0, 0));
    expect((await pageSnapshot(tab)).html).toEqual(baseline.html);
  });
}

test.describe('on a page with its own shortcuts and overlays', () => {
  test.beforeEach(async ({ open }) => {
    await waitForHighlights(await open('interactions.html'));
  });

  test('keys pressed inside the card do not reach the page', async ({ tab }) => {
    await hoverText(tab, '#first', 'Entity List');
    const card = popover(tab);
    await card.getByText(/more questions? on/).click();
    await tab.evaluate(() => ((window as unknown as { keysSeen: string[] }).keysSeen.length = 0));
    await tab.keyboard.press('j');
    await tab.keyboard.press('k');
    await tab.keyboard.press('Space');
    expect(await tab.evaluate(() => (window as unknown as { keysSeen: string[] }).keysSeen)).toEqual([]);
    await tab.keyboard.press('Escape');
    await expect(card).toHaveCount(0);
    // With the card closed, the same keys do reach the page.
    await tab.keyboard.press('j');
    await tab.keyboard.press('Space');
    await expect.poll(() => tab.evaluate(() => (window as unknown as { keysSeen: string[] }).keysSeen)).toEqual(expect.arrayContaining(['j', ' ']));
  });

  test('the card is above a page overlay with the highest z-index', async ({ tab }) => {
    await tab.evaluate(() => window.scrollTo(0, 0));
    const point = await pointOnText(tab, '#first', 'Huawei');
    await tab.mouse.move(point.x, point.y, { steps: 3 });
    await expect(popover(tab)).toBeVisible();
    const box = (await popover(tab).boundingBox())!;
    const topElement = await tab.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.tagName, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
    expect(topElement).toMatch(/^FACT-CONTEXT-POPOVER-[A-Z]+$/);
  });

  test('finds the mention under the pointer after scrolling and reflow', async ({ tab }) => {
    await tab.setViewport({ width: 520, height: 700 }); // the paragraph re-wraps
    await hoverText(tab, '#far', 'Huawei'); // scrolls far down first
    await expect(popover(tab)).toContainText('Huawei');
    await tab.keyboard.press('Escape');
    await tab.mouse.move(5, 5);
    await hoverText(tab, '#wrapping', '5G standards');
    await expect(popover(tab)).toContainText('5G and its standards');
  });

  test('a card follows its mention when the page scrolls under it', async ({ tab }) => {
    await tab.evaluate(() => window.scrollTo(0, 0));
    const point = await pointOnText(tab, '#first', 'Huawei');
    await tab.mouse.move(point.x, point.y, { steps: 3 });
    const card = popover(tab);
    await cardSettled(tab);
    const before = (await card.boundingBox())!;
    await tab.evaluate(() => window.scrollBy(0, 40));
    await expect.poll(async () => (await card.boundingBox())?.y).toBeCloseTo(before.y - 40, 0);
  });
});

test('highlights the page deletes from the shared registry come back as the reader moves', async ({ open }) => {
  const tab = await open('contexts.html');
  await waitForHighlights(tab);
  const names = await tab.evaluate(() => [...CSS.highlights.keys()].filter((name) => name.startsWith('fact-context-')).sort());
  await tab.evaluate(() => {
    for (const name of [...CSS.highlights.keys()]) CSS.highlights.delete(name);
    document.adoptedStyleSheets = [];
  });
  await tab.mouse.move(200, 200);
  await tab.mouse.move(220, 240);
  await expect
    .poll(() => tab.evaluate(() => [...CSS.highlights.keys()].filter((name) => name.startsWith('fact-context-')).sort()))
    .toEqual(names);
  expect(await tab.evaluate(() => document.adoptedStyleSheets.length)).toBe(1);
});

for (const fixture of ['feed.xml', 'drawing.svg']) {
  test(`steps aside without an error in a non-HTML document (${fixture})`, async ({ open, tab }) => {
    const reported = watchPageErrors(tab);
    await open(fixture);
    await sleep(1500); // time for the content script to start, scan and settle
    await tab.mouse.move(60, 60, { steps: 3 });
    await tab.mouse.move(120, 40, { steps: 3 });
    await sleep(600);
    // (The fixture server has no favicon: the browser's own 404 for it is not ours.)
    expect(reported.filter((error) => !error.startsWith('Failed to load resource'))).toEqual([]);
    expect(await tab.evaluate(() => [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('fact-context-popover')).length)).toBe(0);
    // Nothing built there: no style sheet of ours, no highlight.
    expect(await tab.evaluate(() => ({ sheets: document.adoptedStyleSheets.length, highlights: CSS.highlights.size }))).toEqual({ sheets: 0, highlights: 0 });
  });
}

test('the page’s own message listeners never hear from the extension', async ({ tab, open }) => {
  // Installed before the content script starts: every message the page's window receives.
  await tab.addInitScript(() => {
    const heard: unknown[] = [];
    Object.defineProperty(window, '__heard', { value: heard });
    window.addEventListener('message', (event) => heard.push(event.data), true);
  });
  await open('contexts.html');
  await waitForHighlights(tab);
  await hoverHighlight(tab, 'huawei', 0);
  await expect(popover(tab)).toBeVisible();
  // A message of the page's own arrives, so the listener works; nothing else does.
  await tab.evaluate(() => window.postMessage('from the page', '*'));
  await expect.poll(() => tab.evaluate(() => (window as unknown as { __heard: unknown[] }).__heard)).toEqual(['from the page']);
});
