import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR } from '../support/chromium.mjs';
import { openOptions, openPopup } from './extension-pages';
import { expect, test } from './fixtures';
import { hoverHighlight, popover, waitForHighlights } from './page-helpers';

// What the built extension asks for and what it does on the network: nothing beyond its one
// permission, and no request at all.

const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));

function builtScripts(dir = EXTENSION_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? builtScripts(path) : path.endsWith('.js') ? [path] : [];
  });
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('the manifest asks for storage only, with no host permissions and no loosened content policy', () => {
  expect(manifest.permissions).toEqual(['storage']);
  for (const key of ['host_permissions', 'optional_permissions', 'optional_host_permissions', 'content_security_policy', 'web_accessible_resources', 'externally_connectable']) {
    expect(manifest, key).not.toHaveProperty(key);
  }
  expect(manifest.content_scripts.map((script: { matches: string[] }) => script.matches)).toEqual([['<all_urls>']]);
});

test('icons exist at 16, 32, 48, 96 and 128 px, each as large as it says', () => {
  expect(Object.keys(manifest.icons).map(Number)).toEqual([16, 32, 48, 96, 128]);
  for (const [size, file] of Object.entries(manifest.icons as Record<string, string>)) {
    expect(pngSize(join(EXTENSION_DIR, file)), file).toEqual({ width: Number(size), height: Number(size) });
  }
});

test('no built script can reach the network or load code', () => {
  const networkApis = /(?<![.\w$])fetch\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts|\beval\(|new Function\(/g;
  // (MiniSearch's index has a method named `fetch`: its definition, `fetch(e,t){`, is not a call.)
  const methodDefinition = /^fetch\([\w$,]*\)\{/;
  const scripts = builtScripts();
  expect(scripts.length).toBeGreaterThan(3);
  const found = scripts.flatMap((file) => {
    const code = readFileSync(file, 'utf8');
    return [...code.matchAll(networkApis)]
      .filter((match) => !methodDefinition.test(code.slice(match.index, match.index + 40)))
      .map((match) => `${file}: …${code.slice(Math.max(0, match.index - 30), match.index + 40)}…`);
  });
  expect(found).toEqual([]);
});

test('browsing pages and using every extension page makes no network request', async ({ context, extensionId, openFixture, fixtureOrigin }) => {
  const requests: string[] = [];
  context.on('request', (request) => requests.push(`${request.resourceType()} ${request.url()}`));
  for (const fixture of ['seed-article.html', 'shadow.html', 'dynamic.html']) {
    const page = await openFixture(fixture);
    await waitForHighlights(page);
    if (fixture === 'seed-article.html') {
      await hoverHighlight(page, 'huawei', 0);
      await expect(popover(page)).toBeVisible();
    }
  }
  const framed = await openFixture('frames.html');
  await expect.poll(() => framed.frame({ url: /frame-child/ })?.evaluate(() => CSS.highlights.size)).toBeGreaterThan(0);
  const popup = await openPopup(context, extensionId);
  await popup.getByRole('searchbox').fill('entity list');
  await openOptions(context, extensionId);
  const faq = await context.newPage();
  await faq.goto(`chrome-extension://${extensionId}/faq.html#q3`);
  await expect(faq.getByRole('heading').first()).toBeVisible();

  // What is left once the pages' own loads (documents, frames, the browser's favicon look-up) and
  // the extension's own files are set aside: should be nothing.
  const pagesOwn = new RegExp(`^(document|other) ${fixtureOrigin.replace(/[.]/g, '\\.')}/|^\\w+ chrome-extension://${extensionId}/`);
  expect(requests.length).toBeGreaterThan(4);
  expect(requests.filter((request) => !pagesOwn.test(request))).toEqual([]);
});
