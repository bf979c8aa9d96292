import type { Page } from '@playwright/test';
import { launchWithExtension } from '../support/chromium.mjs';
import { openPopup, pressCommand } from './extension-pages';
import { ExtensionErrorLog } from './extension-errors';
import { expect, test } from './fixtures';
import { cardSettled, highlightedTexts, hoverText, popover, waitForHighlights } from './page-helpers';

// Pages that work against the extension. In each, the extension keeps working or steps aside
// cleanly, and (as in every end-to-end test, see fixtures.ts) reports no error of its own.

/** A screenshot of the element's box: to tell whether our highlights are painted there. */
const shotOf = async (page: Page, selector: string) => page.locator(selector).screenshot({ animations: 'disabled' });

test('the error log catches an exception thrown in the content script’s world, and the worker’s console errors', async ({ fixtureOrigin }) => {
  // The guard all other tests rely on: proven on a context of its own, so this test's error is not theirs.
  const launched = await launchWithExtension();
  try {
    const log = new ExtensionErrorLog();
    const page = await launched.context.newPage();
    await log.watchPage(page);
    const cdp = await launched.context.newCDPSession(page);
    const contexts: { id: number; origin: string }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => void contexts.push(context));
    await cdp.send('Runtime.enable');
    await page.goto(`${fixtureOrigin}/contexts.html`);
    await waitForHighlights(page);
    const ours = contexts.find((context) => context.origin.startsWith('chrome-extension://'));
    expect(ours, 'the content script’s isolated world').toBeDefined();
    await cdp.send('Runtime.evaluate', { contextId: ours!.id, expression: "setTimeout(() => { throw new Error('planted') })" });
    await expect.poll(() => log.errors.join('\n')).toContain('planted');
    // And the service worker's console.
    log.watchContext(launched.context);
    const worker = launched.context.serviceWorkers()[0] ?? (await launched.context.waitForEvent('serviceworker'));
    await worker.evaluate(() => console.error('planted in the worker'));
    await expect.poll(() => log.errors.join('\n')).toContain('planted in the worker');
  } finally {
    await launched.close();
  }
});

test.describe('page CSS that restyles everything', () => {
  test.beforeEach(async ({ openFixture }) => {
    const page = await openFixture('hostile-css.html');
    await waitForHighlights(page);
  });

  test('highlights are still painted over `::highlight()` rules aimed at them', async ({ page }) => {
    expect(await highlightedTexts(page)).toMatchObject({ huawei: ['Huawei'], 'trade-blacklist': ['Entity List'] });
    const painted = await shotOf(page, '#first');
    await page.evaluate(() => CSS.highlights.clear()); // (no pointer moves: they stay away)
    expect(painted.equals(await shotOf(page, '#first')), 'the highlight changes what the paragraph looks like').toBe(false);
  });

  test('the card opens next to its mention, at its own size, above a top z-index overlay, without dimming the page', async ({ page }) => {
    const mention = await page.evaluate(() => {
      const text = document.querySelector('#first')!.firstChild as Text;
      const range = new Range();
      range.setStart(text, text.data.indexOf('Huawei'));
      range.setEnd(text, text.data.indexOf('Huawei') + 'Huawei'.length);
      return range.getBoundingClientRect().toJSON() as DOMRect;
    });
    await page.mouse.move(mention.x + mention.width / 2, mention.y + mention.height / 2, { steps: 4 });
    const card = popover(page);
    await expect(card).toBeVisible();
    await cardSettled(page);
    const box = (await card.boundingBox())!;
    // The page zooms <html> by 1.25 and <body> by 1.1: the card keeps its 360 px and its 6 px gap.
    expect(box.width).toBeCloseTo(360, 0);
    expect(box.y - (mention.y + mention.height)).toBeCloseTo(6, 0);
    expect(Math.abs(box.x - mention.x)).toBeLessThan(2);
    const style = await card.evaluate((element) => {
      const host = (element.getRootNode() as ShadowRoot).host;
      const computed = getComputedStyle(element);
      return { font: computed.fontSize, background: computed.backgroundColor, backdrop: getComputedStyle(host, '::backdrop').backgroundColor };
    });
    expect(style).toEqual({ font: '14px', background: 'rgb(255, 255, 255)', backdrop: 'rgba(0, 0, 0, 0)' });
    // The lower part of the card lies over the page's `z-index: 2147483647` banner, and is on top of it.
    const overBanner = { x: box.x + box.width / 2, y: box.y + box.height - 12 };
    expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.localName, overBanner)).toMatch(/^fact-context-popover-/);
    await expect(card.getByRole('heading')).toContainText('Why was Huawei placed on the US trade blacklist?');
  });
});

test('under a strict Content-Security-Policy, highlights and the card still show, styled', async ({ openFixture }) => {
  const page = await openFixture('hostile-csp.html');
  const policy = await page.evaluate(() => fetch(location.href).then(
    (response) => response.headers.get('content-security-policy'),
    () => 'fetch blocked, as the policy says',
  ));
  expect(policy).toMatch(/default-src 'none'|fetch blocked/);
  await waitForHighlights(page);
  expect(await highlightedTexts(page)).toMatchObject({ huawei: ['Huawei'], '5g-standards': ['5G standards', '3GPP'], 'trade-blacklist': ['Entity List'] });
  const painted = await shotOf(page, '#first');
  await page.evaluate(() => CSS.highlights.clear());
  expect(painted.equals(await shotOf(page, '#first'))).toBe(false);
  await hoverText(page, '#second', 'Entity List');
  const card = popover(page);
  await expect(card).toBeVisible();
  expect(await card.evaluate((element) => [getComputedStyle(element).width, getComputedStyle(element).borderTopWidth])).toEqual(['360px', '3px']);
});

test.describe('a page whose scripts fight back', () => {
  /** The page broke its own Range and CSS globals: it keeps originals for the test in `hostile`. */
  /** Size per highlight name, without the random ending of our names. */
  const sizes = async (page: Page) => {
    const byName = await page.evaluate(() => (window as unknown as { hostile: { highlightSizes(): Record<string, number> } }).hostile.highlightSizes());
    return Object.fromEntries(Object.entries(byName).map(([name, size]) => [name.replace(/--[0-9a-z]+$/, ''), size]));
  };
  const call = (page: Page, method: string) => page.evaluate((method) => (window as unknown as Record<string, Record<string, () => unknown>>).hostile[method](), method);
  /** Hovers the start of a paragraph (its first word is a mention), by the element's box alone. */
  const hoverStartOf = async (page: Page, selector: string) => {
    const box = (await page.locator(selector).boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + box.height / 2 + 60, { steps: 2 });
    await page.mouse.move(box.x + 20, box.y + box.height / 2, { steps: 4 });
  };
  const expected = { 'fact-context-huawei': 2, 'fact-context-5g-standards': 3, 'fact-context-trade-blacklist': 1 };

  test.beforeEach(async ({ openFixture }) => {
    const page = await openFixture('hostile-dom.html');
    // The page replaced Range, Node, CSS, Highlight, MutationObserver and addEventListener in its
    // world, and defined elements with names like ours: the extension, in its own world, reads on.
    await expect.poll(() => sizes(page)).toMatchObject(expected);
  });

  test('the card opens, and markup in the page’s text stays text', async ({ page }) => {
    await hoverStartOf(page, '#first');
    await expect(popover(page)).toBeVisible();
    await expect(popover(page)).toHaveAccessibleName('Huawei');
    expect(await page.evaluate(() => document.querySelectorAll('img').length)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('fact-context-popover').count()).toBe(0); // the impostor element was never used
  });

  test('when the page removes the card’s host, the next hover brings it back', async ({ page }) => {
    for (let round = 0; round < 3; round++) {
      await hoverStartOf(page, '#first');
      await expect(popover(page)).toBeVisible();
      expect(await call(page, 'removeStrangers')).toBe(1);
      await expect(popover(page)).toHaveCount(0);
      await page.mouse.move(5, 400, { steps: 2 });
    }
    // A page that removes it as soon as it appears gets no card, and no error; when it stops, cards return.
    await call(page, 'keepRemovingStrangers');
    await hoverStartOf(page, '#first');
    await page.waitForTimeout(800);
    await expect(popover(page)).toHaveCount(0);
    await page.mouse.move(5, 400, { steps: 2 });
    await call(page, 'stopRemovingStrangers');
    await hoverStartOf(page, '#first');
    await expect(popover(page)).toBeVisible();
  });

  test('when the page closes the card with hidePopover(), the next hover opens it again', async ({ page }) => {
    await hoverStartOf(page, '#first');
    await expect(popover(page)).toBeVisible();
    expect(await call(page, 'hidePopovers')).toBe(1);
    await expect(popover(page)).toBeHidden();
    await page.mouse.move(5, 400, { steps: 2 });
    await hoverStartOf(page, '#first');
    await expect(popover(page)).toBeVisible();
  });

  test('highlights the page clears or replaces in the shared registry come back when the reader moves', async ({ page }) => {
    await call(page, 'clearHighlights');
    expect(await sizes(page)).toEqual({});
    await page.mouse.move(300, 300, { steps: 2 });
    await expect.poll(() => sizes(page)).toMatchObject(expected);
    await call(page, 'replaceHighlights');
    expect(await sizes(page)).toMatchObject({ 'fact-context-huawei': 0 });
    await page.mouse.move(320, 340, { steps: 2 });
    await expect.poll(() => sizes(page)).toMatchObject(expected);
  });
});

test('a 10 MB text node is read whole, and the keyboard reaches its mentions', async ({ context, openFixture }) => {
  const page = await openFixture('huge-text.html');
  await expect(page).toHaveTitle(/10\.0 MB/);
  await expect.poll(() => highlightedTexts(page), { timeout: 15_000 }).toEqual({
    huawei: ['Huawei', 'Huawei'],
    '5g-standards': ['5G standards'],
    'trade-blacklist': ['Entity List'],
  });
  // (Hovering is not hit-tested over a node this long: each browser hit test there takes ~0.2 s.)
  await pressCommand(context, page, 1);
  await pressCommand(context, page, 1);
  await expect(popover(page)).toHaveAccessibleName('Huawei');
  await pressCommand(context, page, 1);
  await expect(popover(page)).toHaveAccessibleName('US trade blacklist (Entity List)');
});

test('thousands of levels of nesting: the deepest mentions are highlighted and their cards open', async ({ openFixture }) => {
  const page = await openFixture('deep-dom.html');
  await expect.poll(() => highlightedTexts(page), { timeout: 10_000 }).toEqual({
    huawei: ['Huawei', 'Huawei'], // at the top, and 5,000 levels down in the hidden subtree
    '5g-standards': ['5G standards'],
    'trade-blacklist': ['Entity List'],
  });
  await hoverText(page, '#deepest-inline', '5G standards');
  // (Read directly: Playwright's own locators run out of stack in a DOM this deep.)
  const cardTopic = () =>
    page.evaluate(() => {
      const host = [...document.body.children].find((element) => element.localName.startsWith('fact-context-popover-'));
      const card = host?.shadowRoot?.querySelector('[role="dialog"]');
      return card?.checkVisibility() ? card.querySelector('#fc-topic')?.textContent : undefined;
    });
  await expect.poll(cardTopic).toBe('5G and its standards');
});

test('a document without <body> is read, and so is a <body> the page adds later', async ({ openFixture }) => {
  const page = await openFixture('no-body.html');
  await expect.poll(() => page.evaluate(() => document.body)).toBeNull();
  await waitForHighlights(page);
  expect(await highlightedTexts(page)).toEqual({ huawei: ['Huawei'] });
  await hoverText(page, '#orphan', 'Huawei');
  await expect(popover(page)).toBeVisible();
  await page.mouse.move(5, 300);
  await page.evaluate(() => (window as unknown as { swapBody(): void }).swapBody());
  await expect.poll(() => highlightedTexts(page)).toEqual({ huawei: ['Huawei'], 'trade-blacklist': ['Entity List'] });
});

test('a page that swaps in a new <body> (Turbo-style navigation) gets the new body’s highlights', async ({ openFixture }) => {
  const page = await openFixture('contexts.html');
  await waitForHighlights(page);
  await page.evaluate(() => {
    const body = document.createElement('body');
    body.innerHTML = '<p id="fresh">After navigation: 3GPP and the Entity List.</p>';
    document.body = body;
  });
  await expect.poll(() => highlightedTexts(page)).toEqual({ '5g-standards': ['3GPP'], 'trade-blacklist': ['Entity List'] });
  await hoverText(page, '#fresh', '3GPP');
  await expect(popover(page)).toHaveAccessibleName('5G and its standards');
});

test('a top-level about:blank page that a script fills in is left without an error', async ({ page }) => {
  await page.goto('about:blank');
  await page.evaluate(() => { document.body.innerHTML = '<p>Huawei, written into about:blank.</p>'; });
  await page.mouse.move(30, 20, { steps: 3 });
  await page.waitForTimeout(800);
  // Nothing to assert on highlights (content scripts reach about:blank only through a matching
  // parent or opener); what counts is that no error is reported (checked for every test).
  expect(await page.evaluate(() => document.body.textContent)).toContain('Huawei');
});

test('markup typed into the popup’s search is shown as text', async ({ context, extensionId }) => {
  const popup = await openPopup(context, extensionId);
  const hostile = '<img src=x onerror="window.pwned=1">huawei';
  await popup.getByRole('searchbox').fill(hostile);
  await expect(popup.getByRole('searchbox')).toHaveValue(hostile);
  await expect(popup.locator('img')).toHaveCount(0);
  expect(await popup.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
});
