import { expect, test } from './fixtures';
import { ui } from './driver/locator';
import { accessibilityViolations, openOptions, storedSettings, storeRawSettings } from './extension-pages';
import { highlightedTexts, waitForHighlights } from './page-helpers';
import type { Realm } from './driver/types';

const allHighlighted = async (page: Realm) => Object.values(await highlightedTexts(page)).flat();
/** The options page's one file input, which its "Import settings…" button opens. */
const settingsFileInput = () => document.querySelector<HTMLInputElement>('input[type=file][aria-label="Settings file to import"]');

test.describe('the options page', () => {
  test('adds sites by host name or URL, rejects bad input inline, and merges duplicates', async ({ driver }) => {
    const options = await openOptions(driver);
    const input = ui(options).getByLabel(/Add a site/);
    const add = ui(options).getByRole('button', { name: 'Add', exact: true });

    for (const [bad, message] of [
      ['', /Enter a site/],
      ['http//example.com', /./],
      ['example .com', /./],
      ['*://example.com/*', /without a path/],
    ] as const) {
      await input.fill(bad);
      await add.click();
      await expect(ui(options).getByRole('alert')).toHaveText(message);
      await expect(input).toHaveAttribute('aria-invalid', 'true');
      await expect(input).toHaveValue(bad); // what was typed is kept for correcting
    }
    expect(((await storedSettings(driver)) as { sites?: unknown[] } | undefined)?.sites ?? []).toEqual([]);

    await input.fill('https://News.Example.com/world/story?id=1');
    await add.click();
    await expect(ui(options).getByRole('list', { name: 'Sites' })).toContainText('news.example.com');
    await input.fill('news.example.com');
    await add.click();
    await input.fill('other.org');
    await ui(options).getByLabel('Include its subdomains').uncheck();
    await add.click();
    await expect(ui(options).getByRole('list', { name: 'Sites' }).getByRole('listitem')).toHaveCount(2);
    await expect.poll(async () => ((await storedSettings(driver)) as { sites: unknown[] }).sites).toEqual([
      { host: 'news.example.com', includeSubdomains: true },
      { host: 'other.org', includeSubdomains: false },
    ]);

    await ui(options).getByRole('button', { name: 'Remove other.org' }).click();
    await expect(ui(options).getByRole('list', { name: 'Sites' }).getByRole('listitem')).toHaveCount(1);
  });

  test('"only on these sites" turns a page off and on without a reload', async ({ driver, open }) => {
    const page = await open('contexts.html');
    await waitForHighlights(page);
    const options = await openOptions(driver);
    await ui(options).getByRole('radio', { name: 'Only on these sites' }).check();
    await expect.poll(() => allHighlighted(page)).toEqual([]);
    await ui(options).getByLabel(/Add a site/).fill('127.0.0.1');
    await ui(options).getByRole('button', { name: 'Add', exact: true }).click();
    await waitForHighlights(page);
    expect((await allHighlighted(page)).length).toBeGreaterThan(3);
  });

  test('the switch, the topics and the density apply to open pages at once', async ({ driver, open }) => {
    const page = await open('seed-article.html');
    await waitForHighlights(page);
    const everything = await highlightedTexts(page);
    const options = await openOptions(driver);

    await ui(options).getByRole('radio', { name: /First mention per page/ }).check();
    await expect.poll(async () => Object.values(await highlightedTexts(page)).map((list) => list.length)).toEqual([1, 1, 1]);

    await ui(options).getByRole('radio', { name: /First mention per paragraph/ }).check();
    await expect.poll(async () => (await allHighlighted(page)).length).toBeGreaterThan(3);
    expect((await allHighlighted(page)).length).toBeLessThan(Object.values(everything).flat().length);

    await ui(options).getByRole('radio', { name: /Every mention/ }).check();
    await ui(options).getByRole('checkbox', { name: 'Huawei' }).uncheck();
    await expect.poll(async () => (await highlightedTexts(page)).huawei ?? []).toEqual([]);
    expect((await highlightedTexts(page))['5g-standards']).toEqual(everything['5g-standards']);

    await ui(options).getByRole('switch', { name: 'Show context on web pages' }).uncheck();
    await expect.poll(() => allHighlighted(page)).toEqual([]);
    await ui(options).getByRole('switch', { name: 'Show context on web pages' }).check();
    await ui(options).getByRole('checkbox', { name: 'Huawei' }).check();
    await expect.poll(() => highlightedTexts(page)).toEqual(everything);
  });

  test('a malformed settings file is refused with a message, and nothing is lost', async ({ driver }) => {
    const options = await openOptions(driver);
    await ui(options).getByRole('radio', { name: /First mention per paragraph/ }).check();
    await expect.poll(async () => ((await storedSettings(driver)) as { density: string }).density).toBe('first-per-paragraph');
    const before = await storedSettings(driver);

    await expect(ui(options).getByLabel('Settings file to import')).toHaveCount(1);
    await options.chooseFile(settingsFileInput, { name: 'broken.json', content: '{"enabled": tru' });
    await expect(ui(options).getByRole('alert')).toContainText('Nothing was imported. This file is not valid JSON');
    await options.chooseFile(settingsFileInput, { name: 'other.json', content: '{"colour": "blue"}' });
    await expect(ui(options).getByRole('alert')).toContainText('This file does not contain Fact Context settings.');
    expect(await storedSettings(driver)).toEqual(before);
    await expect(ui(options).getByRole('radio', { name: /First mention per paragraph/ })).toBeChecked();
  });

  test('exports the settings and imports them back, keeping what is valid', async ({ driver }) => {
    const options = await openOptions(driver);
    await ui(options).getByRole('radio', { name: 'Only on these sites' }).check();
    await ui(options).getByLabel(/Add a site/).fill('example.com');
    await ui(options).getByRole('button', { name: 'Add', exact: true }).click();
    await expect(ui(options).getByRole('list', { name: 'Sites' })).toContainText('example.com');
    const download = await options.download(() => ui(options).getByRole('button', { name: 'Export settings' }).click());
    expect(download.name).toBe('fact-context-settings.json');
    const exported = JSON.parse(download.content);
    expect(exported).toMatchObject({ version: 1, siteMode: 'only', sites: [{ host: 'example.com', includeSubdomains: true }] });

    // Back to "everywhere", then restore the file, with one hand-broken field.
    await ui(options).getByRole('radio', { name: 'Everywhere except these sites' }).check();
    const edited = { ...exported, density: 'sometimes' };
    await options.chooseFile(settingsFileInput, { name: 'edited.json', content: JSON.stringify(edited) });
    await expect(ui(options).getByText(/^Imported\. Some values were unreadable/)).toBeVisible();
    await expect(ui(options).getByText(/highlight density was not valid/i)).toBeVisible();
    await expect(ui(options).getByRole('radio', { name: 'Only on these sites' })).toBeChecked();
    await expect(ui(options).getByRole('radio', { name: /Every mention/ })).toBeChecked();
  });

  test('corrupt stored settings fall back field by field, and say so', async ({ driver, open }) => {
    await storeRawSettings(driver, { version: 1, enabled: 'yes', density: 'first-per-page', siteMode: 42, sites: [{ host: 'kept.example', includeSubdomains: true }, 7] });
    const options = await openOptions(driver);
    await expect(ui(options).getByRole('alert')).toContainText('could not be read');
    await expect(ui(options).getByRole('switch', { name: 'Show context on web pages' })).toBeChecked();
    await expect(ui(options).getByRole('radio', { name: /First mention per page/ })).toBeChecked();
    await expect(ui(options).getByRole('list', { name: 'Sites' })).toContainText('kept.example');
    // …and pages work with them.
    const page = await open('contexts.html');
    await waitForHighlights(page);
    // First mention per page: one per topic (contexts.html has no trade-blacklist mention).
    const texts = await highlightedTexts(page);
    expect([texts.huawei?.length, texts['5g-standards']?.length, texts['trade-blacklist']?.length ?? 0]).toEqual([1, 1, 0]);
  });

  test('is keyboard-usable and has no accessibility violations (axe-core)', async ({ driver }) => {
    const options = await openOptions(driver);
    expect(await accessibilityViolations(options)).toEqual([]);
    await ui(options).getByLabel(/Add a site/).fill('bad site');
    await ui(options).getByLabel(/Add a site/).press('Enter');
    await expect(ui(options).getByRole('alert')).toBeVisible();
    expect(await accessibilityViolations(options)).toEqual([]);

    // Tab reaches every control, each with an accessible name.
    const body = (await ui(options).locator('body').boundingBox())!;
    await options.mouse.click(body.x + 1, body.y + 1); // on the page's body, away from any control
    const reached: string[] = [];
    for (let i = 0; i < 20; i++) {
      await options.keyboard.press('Tab');
      reached.push(
        await options.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          return `${el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? el.textContent?.trim()}`;
        }),
      );
    }
    expect(reached).toEqual(
      expect.arrayContaining([
        'input:Show context on web pages',
        expect.stringMatching(/^input:Add a site/),
        'button:Add',
        'button:Export settings',
        'button:Import settings…',
      ]),
    );
  });
});
