import { createHash, generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR, launchWithExtension } from '../support/chromium.mjs';
import { ChromiumTab } from './driver/chromium';
import { ui } from './driver/locator';
import type { Tab } from './driver/types';
import { openOptions } from './extension-pages';
import { ExtensionErrorLog } from './extension-errors';
import { expect, test } from './fixtures';
import { highlightedTexts, hoverText, popover } from './page-helpers';

// An organisation pushes a topic pack through the browser's policy, for real: Chromium on Linux
// reads policy files from /etc/chromium/policies/managed/ at start, and hands an extension the
// part of the `3rdparty` policy under its id as storage.managed (checked against the manifest's
// managed_schema). A copy of the build gets a fixed id from a manifest `key` made for the test;
// the policy names only that id, so no other test's browser sees it. Writing there needs root
// (as CI runs); elsewhere the test fails saying so.

const POLICY_DIR = '/etc/chromium/policies/managed';
const samplePack = readFileSync(new URL('../../data/packs/sample-5g-security.json', import.meta.url), 'utf8');

/** A copy of the built extension with a manifest key of its own, and the id Chromium gives it. */
function buildWithFixedId(): { dir: string; id: string } {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  // An extension's id: the first 32 hex digits of the key's SHA-256, written with the letters a–p.
  const id = [...createHash('sha256').update(der).digest('hex').slice(0, 32)].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
  const dir = mkdtempSync(join(tmpdir(), 'fact-context-managed-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  writeFileSync(manifestPath, JSON.stringify({ ...JSON.parse(readFileSync(manifestPath, 'utf8')), key: der.toString('base64') }));
  return { dir, id };
}

function writePolicy(file: string, policy: unknown) {
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    writeFileSync(file, JSON.stringify(policy));
  } catch (error) {
    throw new Error(`This test writes a Chromium policy file to ${POLICY_DIR}, which needs root (CI runs as root): ${(error as Error).message}`);
  }
}

/** On a fixture page: the organisation's pack is highlighted and answers in the card. */
async function expectPackOnPage(tab: Tab) {
  await expect.poll(async () => (await highlightedTexts(tab))['eu-5g-toolbox']).toEqual(['EU Toolbox']);
  await hoverText(tab, '#toolbox', 'EU Toolbox');
  await expect(popover(tab).getByRole('heading', { level: 2 })).toHaveText('What is the EU 5G Toolbox?');
}

/** On the options page: the organisation's pack is listed as its, on, with no way to turn it off or remove it; the broken one is named. */
async function expectManagedOnOptions(options: Tab) {
  const section = ui(options).getByRole('region', { name: 'Topic packs' });
  const packs = section.getByRole('list', { name: 'Your topic packs' });
  await expect(packs).toContainText('Set by your organisation: it stays on, and cannot be replaced or removed here.');
  const toggle = packs.getByRole('switch', { name: /Sample: 5G security decisions in Europe/ });
  await expect(toggle).toBeChecked();
  await expect(toggle).not.toBeEnabled();
  await expect(packs.getByRole('button', { name: 'Remove Sample: 5G security decisions in Europe' })).toHaveCount(0);
  await expect(section.getByRole('alert')).toContainText("Your organisation's pack 2 was not added");
  return section;
}

test("an organisation's policy adds a topic pack: highlighted and answered on pages, shown on the options page as set by the organisation, which the reader cannot turn off or remove @chromium-only", async ({ fixtureOrigin }) => {
  const { dir, id } = buildWithFixedId();
  const policyFile = join(POLICY_DIR, `fact-context-e2e-${id}.json`);
  // A second pack that does not read: left out, and the options page says why.
  writePolicy(policyFile, { '3rdparty': { extensions: { [id]: { topicPacks: [samplePack, '{"format": 1, "id": "broken"'] } } } });
  try {
    const launched = await launchWithExtension({ extensionDir: dir });
    const log = new ExtensionErrorLog();
    log.watchContext(launched.context);
    try {
      expect(launched.extensionId).toBe(id);

      // The pack's terms are highlighted and its answers are in the card, with no reader action.
      const page = await launched.context.newPage();
      await log.watchPage(page);
      const tab = new ChromiumTab(page);
      await page.goto(`${fixtureOrigin}/pack-page.html`);
      await expectPackOnPage(tab);

      // The options page lists it as the organisation's: on, its switch disabled, no Remove.
      const optionsPage = await launched.context.newPage();
      await log.watchPage(optionsPage);
      await optionsPage.goto(`chrome-extension://${id}/options.html`);
      const section = await expectManagedOnOptions(new ChromiumTab(optionsPage));
      // Adding the same pack by hand does not replace it.
      await section.getByLabel('Paste a pack').fill(samplePack.replace('"version": "1.0.0"', '"version": "2.0.0"'));
      await section.getByRole('button', { name: 'Add pack' }).click();
      await expect(section).toContainText('is managed by your organisation: it cannot be replaced here.');
      expect(log.errors).toEqual([]);
    } finally {
      await launched.close();
    }
  } finally {
    rmSync(policyFile, { force: true });
    rmSync(dir, { recursive: true, force: true });
  }
});

// The same in Firefox, which reads an add-on's managed storage from a managed-storage manifest
// (~/.mozilla/managed-storage/<add-on id>.json, or its enterprise policies.json): the driver writes
// one under a home directory of this browser's own.
test("an organisation's managed storage adds a topic pack in Firefox too, shown as set by the organisation @firefox-only", async ({ engine, launch, fixtureOrigin }) => {
  expect(engine).toBe('firefox');
  const driver = await launch({ firefoxManagedStorage: { topicPacks: [samplePack, '{"format": 1, "id": "broken"'] } });
  const tab = await driver.newTab();
  await tab.goto(`${fixtureOrigin}/pack-page.html`);
  await expectPackOnPage(tab);
  await expectManagedOnOptions(await openOptions(driver));
});
