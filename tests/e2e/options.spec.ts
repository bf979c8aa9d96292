import { expect, test } from './fixtures';
import { ui } from './driver/locator';
import { readFileSync } from 'node:fs';
import { accessibilityViolations, openOptions, storedLocal, storedSettings, storeLocal, storeRawSettings } from './extension-pages';
import { highlightedTexts, waitForHighlights } from './page-helpers';
import type { Realm } from './driver/types';

const allHighlighted = async (page: Realm) => Object.values(await highlightedTexts(page)).flat();
/** The options page's one file input, which its "Import settings…" button opens. */
const settingsFileInput = () => document.querySelector<HTMLInputElement>('input[type=file][aria-label="Settings file to import"]');

/** The file input the "Add from a file…" button of the topic packs opens. */
const packFileInput = () => document.querySelector<HTMLInputElement>('input[type=file][aria-label="Pack file to add"]');
const samplePack = readFileSync(new URL('../../data/packs/sample-5g-security.json', import.meta.url), 'utf8');

test.describe('topic packs on the options page', () => {
  test('adds a pack from a file, refuses a broken one naming the field, turns it off, exports and removes it', async ({ driver }) => {
    let options = await openOptions(driver);
    const section = ui(options).getByRole('region', { name: 'Topic packs' });
    await expect(section.getByText('No pack added yet.')).toBeVisible();

    await options.chooseFile(packFileInput, { name: 'sample-5g-security.json', content: samplePack });
    await expect(section.getByRole('status')).toContainText('Added "Sample: 5G security decisions in Europe" 1.0.0.');
    const packs = section.getByRole('list', { name: 'Your topic packs' });
    await expect(packs.getByRole('listitem')).toHaveCount(1);
    await expect(packs).toContainText('version 1.0.0');
    await expect(packs).toContainText('1 topic (EU 5G Toolbox) · adds to Huawei · 2 entries');
    // Beside it, what pages read of it, and the page reader's matcher with its terms, compiled once here.
    await expect.poll(async () => ((await storedLocal(driver, 'packPage')) as { topics: { id: string }[] } | undefined)?.topics.map((topic) => topic.id)).toEqual(['eu-5g-toolbox']);
    const packMatcher = (await storedLocal(driver, 'packMatcher')) as { basedOn: string; compiled: { patterns: { mention?: { text: string } }[] } };
    expect(packMatcher.basedOn).toMatch(/^[0-9a-f]{16}$/);
    expect(packMatcher.compiled.patterns.map((pattern) => pattern.mention?.text)).toEqual(expect.arrayContaining(['EU Toolbox', 'NIS Cooperation Group', 'Huawei']));

    // A pasted pack with an entry missing its answer: refused, with the place named; nothing changes.
    await section.getByLabel('Paste a pack').fill('{"format": 1, "id": "tiny", "name": "Tiny", "version": "1", "faq": [{"id": "a", "question": "Q?"}]}');
    await section.getByRole('button', { name: 'Add pack' }).click();
    await expect(section.getByRole('alert')).toContainText('The pack was not added; the packs you have are as they were.');
    await expect(section.getByRole('alert')).toContainText('Pack "Tiny", faq[0] (entry "a") answer:');
    await expect(packs.getByRole('listitem')).toHaveCount(1);

    // The same version again is refused too.
    await options.chooseFile(packFileInput, { name: 'again.json', content: samplePack });
    await expect(section.getByRole('alert')).toContainText('version 1.0.0 is already installed');

    // Off, and still off after the page is opened again (it is stored).
    await section.getByRole('switch', { name: /Sample: 5G security decisions in Europe/ }).uncheck();
    await expect.poll(async () => ((await storedLocal(driver, 'topicPacks')) as { packs: { enabled: boolean }[] }).packs[0].enabled).toBe(false);
    options = await openOptions(driver);
    const reopened = ui(options).getByRole('region', { name: 'Topic packs' });
    await expect(reopened.getByRole('switch', { name: /Sample: 5G security decisions in Europe/ })).not.toBeChecked();

    const download = await options.download(() => reopened.getByRole('button', { name: 'Export Sample: 5G security decisions in Europe' }).click());
    expect(download.name).toBe('sample-5g-security-1.0.0.json');
    expect(JSON.parse(download.content)).toMatchObject({ format: 1, id: 'sample-5g-security', version: '1.0.0', faq: [{ id: 'toolbox' }, { id: 'uk-removal' }] });

    await reopened.getByRole('button', { name: 'Remove Sample: 5G security decisions in Europe' }).click();
    await expect(reopened.getByText('No pack added yet.')).toBeVisible();
    await expect.poll(async () => ((await storedLocal(driver, 'topicPacks')) as { packs: unknown[] }).packs).toEqual([]);
    await expect.poll(async () => [await storedLocal(driver, 'packPage'), await storedLocal(driver, 'packMatcher')]).toEqual([undefined, undefined]);
  });
});

test('a stored pack that no longer reads is set aside and reported, the others kept', async ({ driver }) => {
  const good = JSON.parse(samplePack);
  const broken = { format: 1, id: 'broken', name: 'Broken pack', version: '1', faq: [{ id: 'x', question: 'Q?' }] };
  await storeLocal(driver, 'topicPacks', { format: 1, packs: [{ pack: broken, enabled: true }, { pack: good, enabled: true }] });
  const options = await openOptions(driver);
  const section = ui(options).getByRole('region', { name: 'Topic packs' });
  await expect(section.getByRole('alert')).toContainText('Some stored packs could not be read and were set aside');
  await expect(section.getByRole('alert')).toContainText('Broken pack: Pack "Broken pack", faq[0] (entry "x") answer:');
  await expect(section.getByRole('list', { name: 'Your topic packs' })).toContainText('Sample: 5G security decisions in Europe');
  // Kept as it was, not dropped.
  await expect.poll(() => storedLocal(driver, 'topicPacksSetAside')).toMatchObject([{ name: 'Broken pack', stored: { pack: broken } }]);
});

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
