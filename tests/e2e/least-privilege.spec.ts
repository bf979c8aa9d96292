import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { EXTENSION_DIR } from '../support/chromium.mjs';
import { FIREFOX_EXTENSION_DIR, type FirefoxBrowser } from './driver/firefox';
import { ui } from './driver/locator';
import type { Engine, ExtensionBrowser } from './driver/types';
import { openOptions, openPopup } from './extension-pages';
import { chromiumOnly, expect, test } from './fixtures';
import { startLoggingProxy } from './driver/logging-proxy';
import { hoverHighlight, popover, waitForHighlights } from './page-helpers';

// What the built extension asks for and what it does on the network: nothing beyond its one
// permission, and no request at all. Each project checks its own browser's build: Chromium's
// (.output/chrome-mv3, Manifest V3) and Firefox's (.output/firefox-mv2, Manifest V2).

const BUILD_DIR: Record<Engine, string> = { chromium: EXTENSION_DIR, firefox: FIREFOX_EXTENSION_DIR };
const manifestOf = (engine: Engine) => JSON.parse(readFileSync(join(BUILD_DIR[engine], 'manifest.json'), 'utf8'));

function builtScripts(dir: string): string[] {
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

test('the manifest asks for storage only, with no host permissions and no loosened content policy', ({ engine }) => {
  const manifest = manifestOf(engine);
  // (In Manifest V2 host permissions would be listed in `permissions` too: storage alone means none.)
  expect(manifest.permissions).toEqual(['storage']);
  for (const key of ['host_permissions', 'optional_permissions', 'optional_host_permissions', 'content_security_policy', 'externally_connectable']) {
    expect(manifest, key).not.toHaveProperty(key);
  }
  // The modules the content script imports (the page reader, the card): web-accessible in Chromium
  // only at a per-session random ID (use_dynamic_url), and not at all in Firefox, which needs no
  // entry for a content script's import.
  if (engine === 'chromium') {
    expect(manifest.web_accessible_resources).toEqual([{ resources: ['reader.js', 'card.js'], matches: ['<all_urls>'], use_dynamic_url: true }]);
  } else {
    expect(manifest).not.toHaveProperty('web_accessible_resources');
  }
  // One content script, in every document: the top document's start, a frame's probe.
  expect(manifest.content_scripts.map((script: { js: string[]; matches: string[]; all_frames: boolean }) => [script.js, script.matches, script.all_frames])).toEqual([[['document.js'], ['<all_urls>'], true]]);

  if (engine === 'chromium') {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.background).toEqual({ service_worker: 'background.js' });
    expect(manifest.action).toMatchObject({ default_popup: 'popup.html' });
    expect(manifest).not.toHaveProperty('browser_action');
  } else {
    expect(manifest.manifest_version).toBe(2);
    // An event-driven background script (no page of its own, not kept alive), and the toolbar button as V2 names it.
    expect(manifest.background).toEqual({ scripts: ['background.js'] });
    expect(manifest.browser_action).toMatchObject({ default_popup: 'popup.html' });
    expect(manifest).not.toHaveProperty('action');
    // Firefox's add-on id, and its data-collection declaration: none.
    expect(manifest.browser_specific_settings.gecko).toMatchObject({ id: 'fact-context@fact-context.app', data_collection_permissions: { required: ['none'] } });
    expect(manifest.browser_specific_settings.gecko.data_collection_permissions).not.toHaveProperty('optional');
  }
});

test('icons exist at 16, 32, 48, 96 and 128 px, each as large as it says', ({ engine }) => {
  const manifest = manifestOf(engine);
  expect(Object.keys(manifest.icons).map(Number)).toEqual([16, 32, 48, 96, 128]);
  for (const [size, file] of Object.entries(manifest.icons as Record<string, string>)) {
    expect(pngSize(join(BUILD_DIR[engine], file)), file).toEqual({ width: Number(size), height: Number(size) });
  }
});

test('no built script can reach the network or load code', ({ engine }) => {
  const networkApis = /(?<![.\w$])fetch\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts|\beval\(|new Function\(/g;
  // (MiniSearch's index has a method named `fetch`: its definition, `fetch(e,t){`, is not a call.)
  const methodDefinition = /^fetch\([\w$,]*\)\{/;
  const scripts = builtScripts(BUILD_DIR[engine]);
  expect(scripts.length).toBeGreaterThan(3);
  const found = scripts.flatMap((file) => {
    const code = readFileSync(file, 'utf8');
    return [...code.matchAll(networkApis)]
      .filter((match) => !methodDefinition.test(code.slice(match.index, match.index + 40)))
      .map((match) => `${file}: …${code.slice(Math.max(0, match.index - 30), match.index + 40)}…`);
  });
  expect(found).toEqual([]);
  // The only dynamic imports anywhere: of the extension's own modules, by the content script's loader.
  const imports = scripts.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/(?<![.\w$])import\(([^)]*\))/g)].map((match) => `${basename(file)}: ${match[1].replace(/\/\*.*?\*\//gs, '').replace(/\s+/g, '')}`));
  expect(imports.map((found) => found.split(':')[0]).sort()).toEqual(['document.js', 'reader.js']);
  for (const found of imports) expect(found).toMatch(/^(document|reader)\.js: [\w$]+\.runtime\.getURL\([\w$]+\)$/);
});

test('no page can load the extension’s modules or tell they were loaded', async ({ driver, open }) => {
  const tab = await open('seed-article.html');
  await waitForHighlights(tab);
  await hoverHighlight(tab, 'huawei', 0);
  await expect(popover(tab)).toBeVisible();
  // The modules are in use now. The page tries them at the extension's own origin (in Chromium the
  // ID is public, in the Web Store's URL) with each way a page loads a file.
  for (const module of ['reader.js', 'card.js']) {
    const attempts = await tab.evaluate(async (url) => {
      const outcome = (promise: Promise<unknown>) => promise.then(() => 'loaded', () => 'refused');
      const asScript = new Promise((resolve, reject) => {
        const script = document.createElement('script');
        Object.assign(script, { type: 'module', src: url, onload: resolve, onerror: reject });
        document.head.append(script);
      });
      return {
        fetch: await outcome(fetch(url)),
        import: await outcome(import(url)),
        script: await outcome(asScript),
        // Nor does the page's resource timing list the content script's imports.
        timing: performance.getEntriesByType('resource').filter((entry) => /(reader|card)\.js/.test(entry.name)).length,
      };
    }, `${driver.extensionOrigin}/${module}`);
    expect(attempts, module).toEqual({ fetch: 'refused', import: 'refused', script: 'refused', timing: 0 });
  }
});

/** Browses the fixture pages with the extension at work and uses each of its pages. */
async function browseEverything(driver: ExtensionBrowser, fixtureOrigin: string) {
  const tab = await driver.newTab();
  for (const fixture of ['seed-article.html', 'shadow.html', 'dynamic.html']) {
    await tab.goto(`${fixtureOrigin}/${fixture}`);
    await waitForHighlights(tab);
    if (fixture === 'seed-article.html') {
      await hoverHighlight(tab, 'huawei', 0);
      await expect(popover(tab)).toBeVisible();
    }
  }
  await tab.goto(`${fixtureOrigin}/frames.html`);
  await expect.poll(async () => (await tab.frame('#same')).evaluate(() => CSS.highlights.size)).toBeGreaterThan(0);
  const popup = await openPopup(driver);
  await ui(popup).getByRole('searchbox').fill('entity list');
  await openOptions(driver);
  const faq = await driver.openExtensionPage('faq.html#q3');
  await expect(ui(faq).getByRole('heading').first()).toBeVisible();
}

test('browsing pages and using every extension page makes no network request', async ({ engine, launch, fixtureOrigin }) => {
  const fixtureOriginPattern = fixtureOrigin.replace(/[.]/g, '\\.');

  if (engine === 'chromium') {
    // Playwright's context-wide request events.
    const driver = chromiumOnly(await launch({}));
    const requests: string[] = [];
    driver.context.on('request', (request) => requests.push(`${request.resourceType()} ${request.url()}`));
    await browseEverything(driver, fixtureOrigin);

    // What is left once the pages' own loads (documents, frames, the browser's favicon look-up) and
    // the extension's own files are set aside: should be nothing. The content script's imports of
    // the extension's modules are the extension files a page asks for, at the dynamic ID (a random
    // UUID): the reader in every page and frame it reads, the card where one opened.
    const pagesOwn = new RegExp(`^(document|other) ${fixtureOriginPattern}/|^\\w+ chrome-extension://${driver.extensionId}/`);
    const ownModule = /^script chrome-extension:\/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/(reader|card)\.js$/;
    expect(requests.length).toBeGreaterThan(4);
    expect(requests.filter((request) => ownModule.test(request) && request.endsWith('/card.js'))).toHaveLength(1);
    expect(requests.filter((request) => !pagesOwn.test(request) && !ownModule.test(request))).toEqual([]);
    return;
  }

  // Firefox, watched two ways:
  // - WebDriver BiDi's network events, browser-wide: every request of the tabs' documents (web
  //   pages, their frames, the extension's pages in tabs) with its destination. Firefox does not
  //   report there the requests of the extension's background page, nor a content script's own
  //   fetch() or XMLHttpRequest (tried: they are missing from the events).
  // - So every HTTP(S) request the browser makes is also sent through a logging proxy (Firefox's
  //   proxy preferences, 127.0.0.1 included): it sees those of the background page and of the
  //   content scripts too, whatever their kind (fetch, XMLHttpRequest, images, beacons,
  //   EventSource; WebSocket and HTTPS as CONNECT). What it cannot see is what never reaches the
  //   network stack: the extension's own moz-extension:// files and data: URLs.
  const proxy = await startLoggingProxy();
  try {
    const driver = (await launch({ firefoxProxyPort: proxy.port })) as FirefoxBrowser;
    const requests: { url: string; destination: string }[] = [];
    driver.onRequest((request) => requests.push(request));
    await browseEverything(driver, fixtureOrigin);

    // The pages' own loads: documents and frames from the fixture server, and Firefox's favicon
    // look-up. (data: URLs are not network requests: the card's style sheet inlines its font.)
    const pagesOwn = (request: { url: string; destination: string }) =>
      (['document', 'iframe'].includes(request.destination) && request.url.startsWith(`${fixtureOrigin}/`)) ||
      (request.destination === 'image' && request.url === `${fixtureOrigin}/favicon.ico`);
    const extensionsOwn = /^moz-extension:\/\/[\w-]+\//;
    expect(requests.length).toBeGreaterThan(4);
    expect(requests.filter((request) => !pagesOwn(request) && !extensionsOwn.test(request.url) && !request.url.startsWith('data:')).map((request) => `${request.destination || 'fetch'} ${request.url}`)).toEqual([]);

    // And on the network itself, from anywhere in the browser: nothing but those loads.
    const loads = new Set(requests.filter(pagesOwn).map((request) => `GET ${request.url}`));
    expect(proxy.requests.length).toBeGreaterThan(4);
    expect(proxy.requests.filter((request) => !loads.has(request))).toEqual([]);
  } finally {
    await proxy.close();
  }
});
