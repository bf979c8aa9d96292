import { resolve } from 'node:path';
import { launchWithExtension } from '../support/chromium.mjs';
import { ChromiumTab } from './driver/chromium';
import { FirefoxBrowser } from './driver/firefox';
import { ui } from './driver/locator';
import type { Tab } from './driver/types';
import { openPopup, pressCommand } from './extension-pages';
import { ExtensionErrorLog } from './extension-errors';
import { chromiumOnly, expect, test } from './fixtures';
import { cardSettled, highlightedTexts, hoverText, popover, sleep, waitForHighlights } from './page-helpers';

// Pages that work against the extension. In each, the extension keeps working or steps aside
// cleanly, and (as in every end-to-end test, see fixtures.ts) reports no error of its own.

const PLANTED_ERROR_EXTENSION = resolve('tests/support/planted-error-extension');

/** Runs `fn` on the card (the dialog in the extension's shadow root), in the page. */
const onCard = <R>(tab: Tab, fn: (card: Element) => R) =>
  tab.evaluate((source) => {
    const host = [...document.querySelectorAll('*')].find((element) => element.localName.startsWith('fact-context-popover-'));
    const card = host?.shadowRoot?.querySelector('[role="dialog"]');
    if (!card) throw new Error('no card');
    return (new Function(`return (${source})`)() as (card: Element) => R)(card);
  }, fn.toString());

// The guard all other tests rely on, in Chromium: it reads the content script's world through CDP.
test('the error log catches an exception thrown in the content script’s world, and the worker’s console errors @chromium-only', async ({ fixtureOrigin }) => {
  // Proven on a context of its own, so this test's error is not theirs.
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
    await waitForHighlights(new ChromiumTab(page));
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

// The same guard in Firefox: an add-on of the test's own whose content script throws and logs an error.
test('the error log catches an exception thrown in a content script, and its console errors @firefox-only', async ({ engine, fixtureOrigin }) => {
  expect(engine, 'this test proves the Firefox driver’s error log (playwright.config.ts runs it in Firefox only)').toBe('firefox');
  // Proven in a browser of its own, so this test's errors are not theirs.
  const firefox = await FirefoxBrowser.launch(`${fixtureOrigin}/extension-door.html`);
  try {
    await firefox.browser.installExtension(PLANTED_ERROR_EXTENSION);
    const tab = await firefox.newTab();
    await tab.goto(`${fixtureOrigin}/contexts.html`);
    await waitForHighlights(tab);
    await expect.poll(() => firefox.errors.join('\n')).toContain('planted in a content script');
    // The background page's too, which no tab shows (heard on Firefox's output).
    await expect.poll(() => firefox.errors.join('\n')).toContain('planted in a background page');
    await expect.poll(() => firefox.errors.join('\n')).toContain('console.error(planted console error in a content script)');
    // The page's own errors are not the extension's.
    await tab.evaluate(() => void setTimeout(() => { throw new Error('thrown by the page'); }));
    await tab.evaluate(() => console.error('logged by the page'));
    await sleep(500);
    expect(firefox.errors.join('\n')).not.toMatch(/thrown by the page|logged by the page/);
  } finally {
    await firefox.close();
  }
});

test.describe('page CSS that restyles everything', () => {
  test.beforeEach(async ({ open }) => {
    await waitForHighlights(await open('hostile-css.html'));
  });

  test('highlights are still painted over `::highlight()` rules aimed at them', async ({ tab }) => {
    expect(await highlightedTexts(tab)).toMatchObject({ huawei: ['Huawei'], 'trade-blacklist': ['Entity List'] });
    const painted = await tab.screenshot('#first');
    await tab.evaluate(() => CSS.highlights.clear()); // (no pointer moves: they stay away)
    expect(painted.equals(await tab.screenshot('#first')), 'the highlight changes what the paragraph looks like').toBe(false);
  });

  test('the card opens next to its mention, at its own size, above a top z-index overlay, without dimming the page', async ({ tab }) => {
    const mention = await tab.evaluate(() => {
      const text = document.querySelector('#first')!.firstChild as Text;
      const range = new Range();
      range.setStart(text, text.data.indexOf('Huawei'));
      range.setEnd(text, text.data.indexOf('Huawei') + 'Huawei'.length);
      return range.getBoundingClientRect().toJSON() as DOMRect;
    });
    await tab.mouse.move(mention.x + mention.width / 2, mention.y + mention.height / 2, { steps: 4 });
    const card = popover(tab);
    await expect(card).toBeVisible();
    await cardSettled(tab);
    const box = (await card.boundingBox())!;
    // The page zooms <html> by 1.25 and <body> by 1.1: the card keeps its 360 px and its 6 px gap.
    expect(box.width).toBeCloseTo(360, 0);
    expect(box.y - (mention.y + mention.height)).toBeCloseTo(6, 0);
    expect(Math.abs(box.x - mention.x)).toBeLessThan(2);
    const style = await onCard(tab, (element) => {
      const host = (element.getRootNode() as ShadowRoot).host;
      const computed = getComputedStyle(element);
      return { font: computed.fontSize, background: computed.backgroundColor, backdrop: getComputedStyle(host, '::backdrop').backgroundColor };
    });
    expect(style).toEqual({ font: '14px', background: 'rgb(255, 255, 255)', backdrop: 'rgba(0, 0, 0, 0)' });
    // The lower part of the card lies over the page's `z-index: 2147483647` banner, and is on top of it.
    const overBanner = { x: box.x + box.width / 2, y: box.y + box.height - 12 };
    expect(await tab.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.localName, overBanner)).toMatch(/^fact-context-popover-/);
    // The card's own text, whichever answer the ranking chose for this sentence.
    await expect(card.getByRole('heading', { level: 2 })).toContainText('Huawei');
  });
});

test('under a strict Content-Security-Policy, highlights and the card still show, styled', async ({ open }) => {
  const tab = await open('hostile-csp.html');
  const policy = await tab.evaluate(() => fetch(location.href).then(
    (response) => response.headers.get('content-security-policy'),
    () => 'fetch blocked, as the policy says',
  ));
  expect(policy).toMatch(/default-src 'none'|fetch blocked/);
  await waitForHighlights(tab);
  expect(await highlightedTexts(tab)).toMatchObject({ huawei: ['Huawei'], '5g-standards': ['5G standards', '3GPP'], 'trade-blacklist': ['Entity List'] });
  const painted = await tab.screenshot('#first');
  await tab.evaluate(() => CSS.highlights.clear());
  expect(painted.equals(await tab.screenshot('#first'))).toBe(false);
  await hoverText(tab, '#second', 'Entity List');
  const card = popover(tab);
  await expect(card).toBeVisible();
  expect(await onCard(tab, (element) => [getComputedStyle(element).width, getComputedStyle(element).borderTopWidth])).toEqual(['360px', '3px']);
});

test.describe('a page whose scripts fight back', () => {
  /** The page broke its own Range and CSS globals: it keeps originals for the test in `hostile`. */
  /** Size per highlight name, without the random ending of our names. */
  const sizes = async (tab: Tab) => {
    const byName = await tab.evaluate(() => (window as unknown as { hostile: { highlightSizes(): Record<string, number> } }).hostile.highlightSizes());
    return Object.fromEntries(Object.entries(byName).map(([name, size]) => [name.replace(/--[0-9a-z]+$/, ''), size]));
  };
  const call = (tab: Tab, method: string) => tab.evaluate((method) => (window as unknown as Record<string, Record<string, () => unknown>>).hostile[method](), method);
  /** Hovers the start of a paragraph (its first word is a mention), by the element's box alone. */
  const hoverStartOf = async (tab: Tab, selector: string) => {
    const box = (await ui(tab).locator(selector).boundingBox())!;
    await tab.mouse.move(box.x + 40, box.y + box.height / 2 + 60, { steps: 2 });
    await tab.mouse.move(box.x + 20, box.y + box.height / 2, { steps: 4 });
  };
  const expected = { 'fact-context-huawei': 2, 'fact-context-5g-standards': 3, 'fact-context-trade-blacklist': 1 };

  test.beforeEach(async ({ open }) => {
    const tab = await open('hostile-dom.html');
    // The page replaced Range, Node, CSS, Highlight, MutationObserver and addEventListener in its
    // world, and defined elements with names like ours: the extension, in its own world, reads on.
    await expect.poll(() => sizes(tab)).toMatchObject(expected);
  });

  test('the card opens, and markup in the page’s text stays text', async ({ tab }) => {
    await hoverStartOf(tab, '#first');
    await expect(popover(tab)).toBeVisible();
    await expect(popover(tab)).toHaveAccessibleName('Huawei');
    expect(await tab.evaluate(() => document.querySelectorAll('img').length)).toBe(0);
    expect(await tab.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await ui(tab).locator('fact-context-popover').count()).toBe(0); // the impostor element was never used
  });

  test('when the page removes the card’s host, the next hover brings it back', async ({ tab }) => {
    for (let round = 0; round < 3; round++) {
      await hoverStartOf(tab, '#first');
      await expect(popover(tab)).toBeVisible();
      expect(await call(tab, 'removeStrangers')).toBe(1);
      await expect(popover(tab)).toHaveCount(0);
      await tab.mouse.move(5, 400, { steps: 2 });
    }
    // A page that removes it as soon as it appears gets no card, and no error; when it stops, cards return.
    await call(tab, 'keepRemovingStrangers');
    await hoverStartOf(tab, '#first');
    await sleep(800);
    await expect(popover(tab)).toHaveCount(0);
    await tab.mouse.move(5, 400, { steps: 2 });
    await call(tab, 'stopRemovingStrangers');
    await hoverStartOf(tab, '#first');
    await expect(popover(tab)).toBeVisible();
  });

  test('when the page closes the card with hidePopover(), the next hover opens it again', async ({ tab }) => {
    await hoverStartOf(tab, '#first');
    await expect(popover(tab)).toBeVisible();
    expect(await call(tab, 'hidePopovers')).toBe(1);
    await expect(popover(tab)).toBeHidden();
    await tab.mouse.move(5, 400, { steps: 2 });
    await hoverStartOf(tab, '#first');
    await expect(popover(tab)).toBeVisible();
  });

  /** Calls the page's method and reads the registry in the same task, before any event can let the extension react. */
  const callThenSizes = async (tab: Tab, method: string) => {
    const byName = await tab.evaluate((method) => {
      const hostile = (window as unknown as { hostile: Record<string, () => unknown> & { highlightSizes(): Record<string, number> } }).hostile;
      hostile[method]();
      return hostile.highlightSizes();
    }, method);
    return Object.fromEntries(Object.entries(byName).map(([name, size]) => [name.replace(/--[0-9a-z]+$/, ''), size]));
  };

  test('highlights the page clears or replaces in the shared registry come back when the reader moves', async ({ tab }) => {
    expect(await callThenSizes(tab, 'clearHighlights')).toEqual({});
    await tab.mouse.move(300, 300, { steps: 2 });
    await expect.poll(() => sizes(tab)).toMatchObject(expected);
    expect(await callThenSizes(tab, 'replaceHighlights')).toMatchObject({ 'fact-context-huawei': 0 });
    await tab.mouse.move(320, 340, { steps: 2 });
    await expect.poll(() => sizes(tab)).toMatchObject(expected);
  });
});

test('a 10 MB text node is read whole, and the keyboard reaches its mentions', async ({ driver, open }) => {
  const tab = await open('huge-text.html');
  await expect(tab).toHaveTitle(/10\.0 MB/);
  await expect.poll(() => highlightedTexts(tab), { timeout: 15_000 }).toEqual({
    huawei: ['Huawei', 'Huawei'],
    '5g-standards': ['5G standards'],
    'trade-blacklist': ['Entity List'],
  });
  // (Hovering is not hit-tested over a node this long: each browser hit test there takes ~0.2 s.)
  await pressCommand(driver, tab, 1);
  await pressCommand(driver, tab, 1);
  await expect(popover(tab)).toHaveAccessibleName('Huawei');
  await pressCommand(driver, tab, 1);
  await expect(popover(tab)).toHaveAccessibleName('US trade blacklist (Entity List)');
});

test('thousands of levels of nesting: the deepest mentions are highlighted and their cards open', async ({ open }) => {
  const tab = await open('deep-dom.html');
  await expect.poll(() => highlightedTexts(tab), { timeout: 10_000 }).toEqual({
    huawei: ['Huawei', 'Huawei'], // at the top, and 5,000 levels down in the hidden subtree
    '5g-standards': ['5G standards'],
    'trade-blacklist': ['Entity List'],
  });
  await hoverText(tab, '#deepest-inline', '5G standards');
  // (Read directly: a locator's recursive walk could run out of stack in a DOM this deep.)
  const cardTopic = () =>
    tab.evaluate(() => {
      const host = [...document.body.children].find((element) => element.localName.startsWith('fact-context-popover-'));
      const card = host?.shadowRoot?.querySelector('[role="dialog"]');
      return card?.checkVisibility() ? card.querySelector('#fc-topic')?.textContent : undefined;
    });
  await expect.poll(cardTopic).toBe('5G and its standards');
});

test('a document without <body> is read, and so is a <body> the page adds later', async ({ open }) => {
  const tab = await open('no-body.html');
  await expect.poll(() => tab.evaluate(() => document.body === null)).toBe(true);
  await waitForHighlights(tab);
  expect(await highlightedTexts(tab)).toEqual({ huawei: ['Huawei'] });
  await hoverText(tab, '#orphan', 'Huawei');
  await expect(popover(tab)).toBeVisible();
  await tab.mouse.move(5, 300);
  await tab.evaluate(() => (window as unknown as { swapBody(): void }).swapBody());
  await expect.poll(() => highlightedTexts(tab)).toEqual({ huawei: ['Huawei'], 'trade-blacklist': ['Entity List'] });
});

test('a page that swaps in a new <body> (Turbo-style navigation) gets the new body’s highlights', async ({ open }) => {
  const tab = await open('contexts.html');
  await waitForHighlights(tab);
  await tab.evaluate(() => {
    const body = document.createElement('body');
    body.innerHTML = '<p id="fresh">After navigation: 3GPP and the Entity List.</p>';
    document.body = body;
  });
  await expect.poll(() => highlightedTexts(tab)).toEqual({ '5g-standards': ['3GPP'], 'trade-blacklist': ['Entity List'] });
  await hoverText(tab, '#fresh', '3GPP');
  await expect(popover(tab)).toHaveAccessibleName('5G and its standards');
});

test('a top-level about:blank page that a script fills in is left without an error', async ({ tab }) => {
  await tab.goto('about:blank');
  await tab.evaluate(() => { document.body.innerHTML = '<p>Huawei, written into about:blank.</p>'; });
  await tab.mouse.move(30, 20, { steps: 3 });
  await sleep(800);
  // Nothing to assert on highlights (content scripts reach about:blank only through a matching
  // parent or opener); what counts is that no error is reported (checked for every test).
  expect(await tab.evaluate(() => document.body.textContent)).toContain('Huawei');
});

test('markup typed into the popup’s search is shown as text', async ({ driver }) => {
  const popup = await openPopup(driver);
  const hostile = '<img src=x onerror="window.pwned=1">huawei';
  await ui(popup).getByRole('searchbox').fill(hostile);
  await expect(ui(popup).getByRole('searchbox')).toHaveValue(hostile);
  await expect(ui(popup).locator('img')).toHaveCount(0);
  expect(await popup.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
});

test('a page that forges the extension’s start announcement does not stop it', async ({ driver, open, engine }) => {
  const tab = await open('seed-article.html');
  await waitForHighlights(tab);
  const before = Object.values(await highlightedTexts(tab)).flat().length;
  // WXT's content scripts tell an older copy of themselves to stop with this event on the document,
  // named after the extension's id, which is public (the Web Store's address; Firefox's add-on id).
  const id = engine === 'chromium' ? driver.extensionOrigin.replace('chrome-extension://', '') : 'fact-context@fact-context.app';
  await tab.evaluate((id) => {
    for (const target of [document, window]) {
      target.dispatchEvent(new CustomEvent(`${id}:content:wxt:content-script-started`, { detail: { contentScriptName: 'content', messageId: 'forged' } }));
    }
    document.body.insertAdjacentHTML('beforeend', '<p id="after-forgery">Huawei, once more.</p>');
  }, id);
  await expect.poll(async () => Object.values(await highlightedTexts(tab)).flat().length).toBe(before + 1);
  await hoverText(tab, '#after-forgery', 'Huawei');
  await expect(popover(tab)).toHaveAccessibleName('Huawei');
});

test('after the extension is reloaded, the copy left on an open page takes its highlights away when the reader next moves, without an error @chromium-only', async ({ launch, fixtureOrigin }) => {
  const driver = chromiumOnly(await launch({}));
  const tab = await driver.newTab();
  await tab.goto(`${fixtureOrigin}/seed-article.html`);
  await waitForHighlights(tab);
  const names = () => tab.evaluate(() => [...CSS.highlights.keys()].filter((name) => name.startsWith('fact-context-')));
  const oldNames = await names();
  expect(oldNames.length).toBeGreaterThan(0);
  const worker = driver.context.serviceWorkers()[0];
  // (The worker is gone before it can answer.)
  await worker.evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload()).catch(() => {});
  await sleep(1500); // the extension reloads (its new worker starts only when an event needs it)
  await tab.mouse.move(200, 300, { steps: 3 });
  await tab.mouse.move(260, 340, { steps: 3 });
  await expect.poll(async () => (await names()).filter((name) => oldNames.includes(name))).toEqual([]);
});

test('the page hears no event named after the extension', async ({ tab, open, driver, engine }) => {
  // WXT's content scripts announce their start with an event on the document (an older copy of the
  // script stops when it hears it). Named after the extension's id, which is public (the Web
  // Store's address, Firefox's add-on id), it would tell any page the extension is there.
  const id = engine === 'chromium' ? driver.extensionOrigin.replace('chrome-extension://', '') : 'fact-context@fact-context.app';
  await open('seed-article.html');
  await tab.evaluate((id) => localStorage.setItem('extension-id', id), id);
  // Installed before anything else runs in the next document, the content script included.
  await tab.addInitScript(() => {
    const heard: string[] = [];
    Object.defineProperty(window, '__heardStart', { value: heard });
    const id = localStorage.getItem('extension-id');
    for (const target of [window, document]) {
      target.addEventListener(`${id}:content:wxt:content-script-started`, (event) => heard.push(event.type), { capture: true });
    }
  });
  await open('contexts.html');
  await waitForHighlights(tab);
  expect(await tab.evaluate(() => (window as unknown as { __heardStart: string[] }).__heardStart)).toEqual([]);
});
