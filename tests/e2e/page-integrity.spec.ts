import { chromium, type Page } from '@playwright/test';
import { chromiumArgs, CHROMIUM_PATH } from '../support/chromium.mjs';
import { expect, test } from './fixtures';
import { cardSettled, hoverHighlight, hoverText, pointOnText, popover, waitForHighlights } from './page-helpers';

/** The page as its author made it: markup, and the box of every element. */
async function pageSnapshot(page: Page) {
  return page.evaluate(() => ({
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
  test(`leaves the layout and text of ${fixture} exactly as without the extension`, async ({ openFixture, fixtureOrigin }) => {
    const baselineBrowser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs() });
    const baselinePage = await baselineBrowser.newPage({ viewport: { width: 1280, height: 800 } });
    await baselinePage.goto(`${fixtureOrigin}/${fixture}`);
    const baseline = await pageSnapshot(baselinePage);
    await baselineBrowser.close();

    const page = await openFixture(fixture);
    await waitForHighlights(page);
    expect(await pageSnapshot(page)).toEqual(baseline);

    // Showing a card adds only our own host element.
    await hoverHighlight(page, 'huawei', 0);
    await expect(popover(page)).toBeVisible();
    await page.mouse.move(0, 0);
    await page.evaluate(() => window.scrollTo(0, 0));
    expect((await pageSnapshot(page)).html).toEqual(baseline.html);
  });
}

test.describe('on a page with its own shortcuts and overlays', () => {
  test.beforeEach(async ({ openFixture }) => {
    await waitForHighlights(await openFixture('interactions.html'));
  });

  test('keys pressed inside the card do not reach the page', async ({ page }) => {
    await hoverText(page, '#first', 'Entity List');
    const card = popover(page);
    await card.getByText(/more questions? on/).click();
    await page.evaluate(() => ((window as unknown as { keysSeen: string[] }).keysSeen.length = 0));
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await page.keyboard.press('Space');
    expect(await page.evaluate(() => (window as unknown as { keysSeen: string[] }).keysSeen)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(card).toHaveCount(0);
  });

  test('the card is above a page overlay with the highest z-index', async ({ page }) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    const point = await pointOnText(page, '#first', 'Huawei');
    await page.mouse.move(point.x, point.y, { steps: 3 });
    const box = (await popover(page).boundingBox())!;
    const topElement = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.tagName, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
    expect(topElement).toMatch(/^FACT-CONTEXT-POPOVER-[A-Z]+$/);
  });

  test('finds the mention under the pointer after scrolling and reflow', async ({ page }) => {
    await page.setViewportSize({ width: 520, height: 700 }); // the paragraph re-wraps
    await hoverText(page, '#far', 'Huawei'); // scrolls far down first
    await expect(popover(page)).toContainText('Huawei');
    await page.keyboard.press('Escape');
    await page.mouse.move(5, 5);
    await hoverText(page, '#wrapping', '5G standards');
    await expect(popover(page)).toContainText('5G and its standards');
  });

  test('a card follows its mention when the page scrolls under it', async ({ page }) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    const point = await pointOnText(page, '#first', 'Huawei');
    await page.mouse.move(point.x, point.y, { steps: 3 });
    const card = popover(page);
    await cardSettled(page);
    const before = (await card.boundingBox())!;
    await page.evaluate(() => window.scrollBy(0, 40));
    await expect.poll(async () => (await card.boundingBox())?.y).toBeCloseTo(before.y - 40, 0);
  });
});

test('highlights the page deletes from the shared registry come back as the reader moves', async ({ openFixture }) => {
  const page = await openFixture('contexts.html');
  await waitForHighlights(page);
  const names = await page.evaluate(() => [...CSS.highlights.keys()].filter((name) => name.startsWith('fact-context-')).sort());
  await page.evaluate(() => {
    for (const name of [...CSS.highlights.keys()]) CSS.highlights.delete(name);
    document.adoptedStyleSheets = [];
  });
  await page.mouse.move(200, 200);
  await page.mouse.move(220, 240);
  await expect
    .poll(() => page.evaluate(() => [...CSS.highlights.keys()].filter((name) => name.startsWith('fact-context-')).sort()))
    .toEqual(names);
  expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBe(1);
});

for (const fixture of ['feed.xml', 'drawing.svg']) {
  test(`steps aside without an error in a non-HTML document (${fixture})`, async ({ openFixture, page }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      // (The fixture server has no favicon: the browser's own 404 for it is not ours.)
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
    });
    await openFixture(fixture);
    await page.waitForTimeout(1500); // time for the content script to start, scan and settle
    await page.mouse.move(60, 60, { steps: 3 });
    await page.mouse.move(120, 40, { steps: 3 });
    await page.waitForTimeout(600);
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('fact-context-popover')).length)).toBe(0);
  });
}

test('the page’s own message listeners never hear from the extension', async ({ page, openFixture }) => {
  // Installed before the content script starts: every message the page's window receives.
  await page.addInitScript(() => {
    const heard: unknown[] = [];
    Object.defineProperty(window, '__heard', { value: heard });
    window.addEventListener('message', (event) => heard.push(event.data), true);
  });
  await openFixture('contexts.html');
  await waitForHighlights(page);
  await hoverHighlight(page, 'huawei', 0);
  await expect(popover(page)).toBeVisible();
  // A message of the page's own arrives, so the listener works; nothing else does.
  await page.evaluate(() => window.postMessage('from the page', '*'));
  await expect.poll(() => page.evaluate(() => (window as unknown as { __heard: unknown[] }).__heard)).toEqual(['from the page']);
});
