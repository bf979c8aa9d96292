import { expect, test } from './fixtures';
import { ui } from './driver/locator';
import { accessibilityViolations, badgeText, openPopup, tabIdOf } from './extension-pages';
import { highlightedTexts, hoverText, popover, waitForHighlights } from './page-helpers';
import { sleep } from './driver/wait';

test.describe('the popup', () => {
  test('lists the whole FAQ grouped by topic, each question expandable to its answer', async ({ driver }) => {
    const popup = await openPopup(driver);
    const faq = ui(popup).getByRole('region', { name: 'FAQ' });
    for (const label of ['Huawei', '5G and its standards', 'US trade blacklist (Entity List)']) {
      await expect(faq.getByRole('heading', { name: label })).toBeVisible();
    }
    await expect(faq.locator('details')).toHaveCount(12);
    const question = faq.getByText('Which countries have restricted Huawei’s involvement in their 5G networks?');
    await question.click();
    await expect(faq.getByText('Countries like Canada and the UK have either limited or excluded Huawei')).toBeVisible();
  });

  test('search filters as you type, tolerates typos and prefixes, and marks what matched', async ({ driver }) => {
    const popup = await openPopup(driver);
    const search = ui(popup).getByRole('searchbox', { name: 'Search the FAQ' });
    const faq = ui(popup).getByRole('region', { name: 'FAQ' });

    await search.fill('blaklist');
    await expect(faq.getByText('Why was Huawei placed on the US trade blacklist?')).toBeVisible();
    await expect(faq.locator('mark').first()).toHaveText(/blacklist/i);
    await expect(faq.getByText('What are some of the key features of 5G technology?')).toHaveCount(0);

    await search.fill('interop');
    await expect(faq.getByText('Why is the development of 5G standards important for the industry?')).toBeVisible();
    await expect(faq.locator('mark').filter({ hasText: 'interoperability' })).toBeVisible();

    await search.fill('zebra');
    await expect(ui(popup).getByRole('status').filter({ hasText: 'No question matches “zebra”.' })).toBeVisible();
    await expect(faq.locator('details')).toHaveCount(0);

    await search.fill('');
    await expect(faq.locator('details')).toHaveCount(12);
  });

  test('counts the mentions on the page, and a topic click scrolls to the next one and opens its card', async ({ driver, open }) => {
    const page = await open('interactions.html');
    await waitForHighlights(page);
    const texts = await highlightedTexts(page);
    const tabId = await tabIdOf(driver, page);
    const popup = await openPopup(driver, tabId);

    const onPage = ui(popup).getByRole('region', { name: 'On this page' });
    await expect(onPage.getByRole('button', { name: /^Huawei/ })).toContainText(String(texts.huawei.length));
    await expect(onPage.getByRole('button', { name: /5G and its standards/ })).toContainText(String(texts['5g-standards'].length));
    await expect.poll(() => badgeText(driver, tabId)).toBe(String(Object.values(texts).flat().length));

    // The second Huawei is far down the page.
    await onPage.getByRole('button', { name: /^Huawei/ }).click();
    await onPage.getByRole('button', { name: /^Huawei/ }).click();
    await expect(popover(page)).toBeVisible();
    await expect(popover(page)).toHaveAccessibleName('Huawei');
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
  });

  test('the site switch takes effect on the open tab at once, and back', async ({ driver, open }) => {
    const page = await open('contexts.html');
    await waitForHighlights(page);
    const before = await highlightedTexts(page);
    const tabId = await tabIdOf(driver, page);
    const popup = await openPopup(driver, tabId);
    const toggle = ui(popup).getByRole('switch', { name: 'Enabled on 127.0.0.1' });
    await expect(toggle).toBeChecked();

    await toggle.uncheck();
    await expect.poll(async () => Object.values(await highlightedTexts(page)).flat()).toEqual([]);
    await expect.poll(() => badgeText(driver, tabId)).toBe('');
    await expect(ui(popup).getByText('Turned off on this site.')).toBeVisible();

    await toggle.check();
    await expect.poll(() => highlightedTexts(page)).toEqual(before);
    await expect(ui(popup).getByRole('region', { name: 'On this page' }).getByRole('button', { name: /^Huawei/ })).toBeEnabled();
  });

  test('a page loaded on a site turned off gets nothing built, and text it adds later is not read, until the site is turned on', async ({ driver, open }) => {
    let page = await open('contexts.html');
    await waitForHighlights(page);
    const before = await highlightedTexts(page);
    const popup = await openPopup(driver, await tabIdOf(driver, page));
    await ui(popup).getByRole('switch', { name: 'Enabled on 127.0.0.1' }).uncheck();
    await expect(ui(popup).getByText('Turned off on this site.')).toBeVisible();

    page = await open('contexts.html');
    await sleep(1500); // time for the content script to start and, were it on, read the page
    const ours = () => page.evaluate(() => ({
      highlights: [...CSS.highlights.keys()].filter((name) => name.startsWith('fact-context-')).length,
      sheets: document.adoptedStyleSheets.length,
    }));
    expect(await ours()).toEqual({ highlights: 0, sheets: 0 });
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<p id="later">Later: Huawei again.</p>'));
    await sleep(800);
    expect(await ours()).toEqual({ highlights: 0, sheets: 0 });

    const again = await openPopup(driver, await tabIdOf(driver, page));
    await ui(again).getByRole('switch', { name: 'Enabled on 127.0.0.1' }).check();
    await expect.poll(async () => (await highlightedTexts(page)).huawei?.length).toBe((before.huawei?.length ?? 0) + 1);
    expect((await ours()).sheets).toBe(1);
  });

  test('says plainly when the page cannot be read', async ({ driver }) => {
    const blank = await driver.newTab();
    await blank.goto('about:blank');
    const popup = await openPopup(driver, await tabIdOf(driver, blank));
    await expect(ui(popup).getByText('Fact Context can’t read this page.')).toBeVisible();
    // …and offers no site switch: a blank tab has no site to turn on or off.
    await expect(ui(popup).getByRole('switch')).toHaveCount(0);
  });

  test('has no accessibility violations (axe-core)', async ({ driver, open }) => {
    const page = await open('contexts.html');
    await waitForHighlights(page);
    const popup = await openPopup(driver, await tabIdOf(driver, page));
    await expect(ui(popup).getByRole('switch')).toBeVisible();
    expect(await accessibilityViolations(popup)).toEqual([]);
    await ui(popup).getByRole('searchbox').fill('canada');
    expect(await accessibilityViolations(popup)).toEqual([]);
  });
});

test.describe('the card on the page', () => {
  test('"Turn off on this site" silences the site in one click, undoable from the popup', async ({ driver, open }) => {
    const page = await open('contexts.html');
    await waitForHighlights(page);
    // Before the site is off: the Firefox driver reaches the extension through a card on a page of
    // this same site (tests/fixtures/extension-door.html), which turning it off would silence too.
    const tabId = await tabIdOf(driver, page);
    await hoverText(page, '#ban', 'Huawei');
    await popover(page).getByRole('button', { name: 'Turn off on this site' }).click();
    await expect(popover(page)).toHaveCount(0);
    await expect.poll(async () => Object.values(await highlightedTexts(page)).flat()).toEqual([]);

    const popup = await openPopup(driver, tabId);
    const toggle = ui(popup).getByRole('switch', { name: 'Enabled on 127.0.0.1' });
    await expect(toggle).not.toBeChecked();
    await toggle.check();
    await waitForHighlights(page);
  });

  test('"Open in the FAQ" opens the full FAQ page at the chosen question', async ({ driver, open }) => {
    const page = await open('contexts.html');
    await waitForHighlights(page);
    await hoverText(page, '#spying', 'Huawei');
    const faqPage = await driver.waitForNewTab(() => popover(page).getByRole('button', { name: 'Open in the FAQ' }).click());
    await expect(faqPage).toHaveURL(/\/faq\.html#q7$/);
    await expect(ui(faqPage).locator('#q7')).toHaveAttribute('open', '');
    await expect(ui(faqPage).getByText('The US government has raised concerns about potential espionage risks')).toBeVisible();
    expect(await accessibilityViolations(faqPage)).toEqual([]);
  });
});
