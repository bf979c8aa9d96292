import { expect, test } from './fixtures';
import { accessibilityViolations, badgeText, openPopup, tabIdOf } from './extension-pages';
import { highlightedTexts, hoverText, popover, waitForHighlights } from './page-helpers';

test.describe('the popup', () => {
  test('lists the whole FAQ grouped by topic, each question expandable to its answer', async ({ context, extensionId }) => {
    const popup = await openPopup(context, extensionId);
    const faq = popup.getByRole('region', { name: 'FAQ' });
    for (const label of ['Huawei', '5G and its standards', 'US trade blacklist (Entity List)']) {
      await expect(faq.getByRole('heading', { name: label })).toBeVisible();
    }
    await expect(faq.locator('details')).toHaveCount(12);
    const question = faq.getByText('Which countries have restricted Huawei’s involvement in their 5G networks?');
    await question.click();
    await expect(faq.getByText('Countries like Canada and the UK have either limited or excluded Huawei')).toBeVisible();
  });

  test('search filters as you type, tolerates typos and prefixes, and marks what matched', async ({ context, extensionId }) => {
    const popup = await openPopup(context, extensionId);
    const search = popup.getByRole('searchbox', { name: 'Search the FAQ' });
    const faq = popup.getByRole('region', { name: 'FAQ' });

    await search.fill('blaklist');
    await expect(faq.getByText('Why was Huawei placed on the US trade blacklist?')).toBeVisible();
    await expect(faq.locator('mark').first()).toHaveText(/blacklist/i);
    await expect(faq.getByText('What are some of the key features of 5G technology?')).toHaveCount(0);

    await search.fill('interop');
    await expect(faq.getByText('Why is the development of 5G standards important for the industry?')).toBeVisible();
    await expect(faq.locator('mark', { hasText: 'interoperability' })).toBeVisible();

    await search.fill('zebra');
    await expect(popup.getByRole('status').filter({ hasText: 'No question matches “zebra”.' })).toBeVisible();
    await expect(faq.locator('details')).toHaveCount(0);

    await search.fill('');
    await expect(faq.locator('details')).toHaveCount(12);
  });

  test('counts the mentions on the page, and a topic click scrolls to the next one and opens its card', async ({ context, extensionId, openFixture }) => {
    const page = await openFixture('interactions.html');
    await waitForHighlights(page);
    const texts = await highlightedTexts(page);
    const tabId = await tabIdOf(context, page);
    const popup = await openPopup(context, extensionId, tabId);

    const onPage = popup.getByRole('region', { name: 'On this page' });
    await expect(onPage.getByRole('button', { name: /^Huawei/ })).toContainText(String(texts.huawei.length));
    await expect(onPage.getByRole('button', { name: /5G and its standards/ })).toContainText(String(texts['5g-standards'].length));
    await expect.poll(() => badgeText(context, tabId)).toBe(String(Object.values(texts).flat().length));

    // The second Huawei is far down the page.
    await onPage.getByRole('button', { name: /^Huawei/ }).click();
    await onPage.getByRole('button', { name: /^Huawei/ }).click();
    await expect(popover(page)).toBeVisible();
    await expect(popover(page)).toHaveAccessibleName('Huawei');
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
  });

  test('the site switch takes effect on the open tab at once, and back', async ({ context, extensionId, openFixture }) => {
    const page = await openFixture('contexts.html');
    await waitForHighlights(page);
    const before = await highlightedTexts(page);
    const tabId = await tabIdOf(context, page);
    const popup = await openPopup(context, extensionId, tabId);
    const toggle = popup.getByRole('switch', { name: 'Enabled on 127.0.0.1' });
    await expect(toggle).toBeChecked();

    await toggle.uncheck();
    await expect.poll(async () => Object.values(await highlightedTexts(page)).flat()).toEqual([]);
    await expect.poll(() => badgeText(context, tabId)).toBe('');
    await expect(popup.getByText('Turned off on this site.')).toBeVisible();

    await toggle.check();
    await expect.poll(() => highlightedTexts(page)).toEqual(before);
    await expect(popup.getByRole('region', { name: 'On this page' }).getByRole('button', { name: /^Huawei/ })).toBeEnabled();
  });

  test('says plainly when the page cannot be read', async ({ context, extensionId }) => {
    const blank = await context.newPage();
    await blank.goto('about:blank');
    const popup = await openPopup(context, extensionId, await tabIdOf(context, blank));
    await expect(popup.getByText('Fact Context can’t read this page.')).toBeVisible();
  });

  test('has no accessibility violations (axe-core)', async ({ context, extensionId, openFixture }) => {
    const page = await openFixture('contexts.html');
    await waitForHighlights(page);
    const popup = await openPopup(context, extensionId, await tabIdOf(context, page));
    await expect(popup.getByRole('switch')).toBeVisible();
    expect(await accessibilityViolations(popup)).toEqual([]);
    await popup.getByRole('searchbox').fill('canada');
    expect(await accessibilityViolations(popup)).toEqual([]);
  });
});

test.describe('the card on the page', () => {
  test('"Turn off on this site" silences the site in one click, undoable from the popup', async ({ context, extensionId, openFixture }) => {
    const page = await openFixture('contexts.html');
    await waitForHighlights(page);
    await hoverText(page, '#ban', 'Huawei');
    await popover(page).getByRole('button', { name: 'Turn off on this site' }).click();
    await expect(popover(page)).toHaveCount(0);
    await expect.poll(async () => Object.values(await highlightedTexts(page)).flat()).toEqual([]);

    const popup = await openPopup(context, extensionId, await tabIdOf(context, page));
    const toggle = popup.getByRole('switch', { name: 'Enabled on 127.0.0.1' });
    await expect(toggle).not.toBeChecked();
    await toggle.check();
    await waitForHighlights(page);
  });

  test('"Open in the FAQ" opens the full FAQ page at the chosen question', async ({ context, openFixture }) => {
    const page = await openFixture('contexts.html');
    await waitForHighlights(page);
    await hoverText(page, '#spying', 'Huawei');
    const faqPagePromise = context.waitForEvent('page');
    await popover(page).getByRole('button', { name: 'Open in the FAQ' }).click();
    const faqPage = await faqPagePromise;
    await expect(faqPage).toHaveURL(/\/faq\.html#q7$/);
    await expect(faqPage.locator('#q7')).toHaveAttribute('open', '');
    await expect(faqPage.getByText('The US government has raised concerns about potential espionage risks')).toBeVisible();
    expect(await accessibilityViolations(faqPage)).toEqual([]);
  });
});
