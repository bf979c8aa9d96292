import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIREFOX_EXTENSION_DIR, FIREFOX_PATH } from '../../support/firefox.mjs';
import type { ExtensionBrowser, Frame, LaunchOptions, Tab } from './types';
import { pointOnHighlight } from '../page-helpers';
import { card } from './locator';
import { sleep, waitFor } from './wait';

export { FIREFOX_EXTENSION_DIR, FIREFOX_PATH };


/**
 * Fixed internal UUIDs (Firefox picks a random one per install otherwise): the extension's, and
 * the planted-error test add-on's (tests/support/planted-error-extension), which stands in for it
 * when the error log itself is tested. Errors are told apart from other add-ons' by them.
 */
/** The extension's add-on id (wxt.config.ts, browser_specific_settings). */
const EXTENSION_ID = 'fact-context@fact-context.app';
const ADDON_UUIDS: Record<string, string> = {
  [EXTENSION_ID]: 'f4c7c0e1-7e57-4d2a-9a5e-0000000000a1',
  'planted-error@fact-context.test': 'f4c7c0e1-7e57-4d2a-9a5e-0000000000b2',
};


/** A home directory whose managed-storage manifest gives the extension `data` as its storage.managed. */
function homeWithManagedStorage(data: Record<string, unknown>): string {
  const home = mkdtempSync(join(tmpdir(), 'fact-context-home-'));
  mkdirSync(join(home, '.mozilla', 'managed-storage'), { recursive: true });
  writeFileSync(join(home, '.mozilla', 'managed-storage', `${EXTENSION_ID}.json`), JSON.stringify({ name: EXTENSION_ID, description: 'Set by the end-to-end tests', type: 'storage', data }));
  return home;
}

/** A puppeteer-core page (over WebDriver BiDi) as a driver tab. */
export class FirefoxTab implements Tab {
  readonly engine = 'firefox' as const;
  constructor(
    readonly page: Page,
    private readonly downloads: string,
  ) {}

  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.page.evaluate(fn as never, arg as never) as Promise<R>;
  }
  async runScript(source: string) {
    await this.page.evaluate(source);
  }
  async goto(url: string) {
    await this.page.goto(url);
  }
  async url() {
    // (Puppeteer's own record of the address is not updated for moz-extension:// documents.)
    return this.page.evaluate(() => location.href).catch(() => this.page.url());
  }
  readonly mouse = {
    move: (x: number, y: number, options?: { steps?: number }) => this.page.mouse.move(x, y, options),
    down: () => this.page.mouse.down(),
    up: () => this.page.mouse.up(),
    click: (x: number, y: number) => this.page.mouse.click(x, y),
  };
  readonly keyboard = {
    // (Puppeteer over BiDi knows the space bar only as ' '; Playwright, and this interface, call it 'Space'.)
    press: (key: string) => this.page.keyboard.press((key === 'Space' ? ' ' : key) as Parameters<Page['keyboard']['press']>[0]),
    type: (text: string) => this.page.keyboard.type(text),
  };
  tap(x: number, y: number) {
    return this.page.touchscreen.tap(x, y);
  }
  async frame(selector: string): Promise<Frame> {
    const element = await this.page.$(selector);
    const frame = await element?.contentFrame();
    if (!element || !frame) throw new Error(`${selector} has no document yet`);
    return {
      evaluate: <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A) => frame.evaluate(fn as never, arg as never) as Promise<R>,
      runScript: async (source: string) => void (await frame.evaluate(source)),
      box: async () => (await element.boundingBox())!,
    };
  }
  async screenshot(selector: string) {
    const element = await this.page.$(selector);
    if (!element) throw new Error(`no ${selector} to screenshot`);
    return Buffer.from(await element.screenshot());
  }
  setViewport(size: { width: number; height: number }) {
    return this.page.setViewport(size);
  }
  viewport() {
    return this.page.viewport()!;
  }
  bringToFront() {
    return this.page.bringToFront();
  }
  async addInitScript(fn: () => void) {
    await this.page.evaluateOnNewDocument(fn);
  }
  async chooseFile(find: () => Element | null, file: { name: string; content: string }) {
    // (The page may still be rendering the input: a loaded options page fills in after its data loads.)
    const input = await waitFor('the file input', async () => ((await this.page.evaluateHandle(find)).asElement() as ElementHandle<HTMLInputElement> | null) ?? undefined, 5000);
    const folder = mkdtempSync(join(tmpdir(), 'fact-context-upload-'));
    const path = join(folder, file.name);
    writeFileSync(path, file.content);
    await input.uploadFile(path);
  }
  async download(action: () => Promise<void>) {
    // Firefox saves downloads straight to the profile's download folder (see the prefs at launch).
    const before = new Set(readdirSync(this.downloads));
    await action();
    // Firefox first makes an empty placeholder under the final name, writes into `<name>.part`,
    // then renames that over the placeholder: the download is complete once the .part is gone
    // (and, for a file that is not empty, once the named file has its bytes).
    let emptySince: number | undefined;
    const name = await waitFor('the download to complete', () => {
      const files = readdirSync(this.downloads);
      const name = files.find((file) => !before.has(file) && !file.endsWith('.part'));
      if (!name || files.includes(`${name}.part`)) return (emptySince = undefined);
      if (statSync(join(this.downloads, name)).size > 0) return name;
      emptySince ??= Date.now();
      return Date.now() - emptySince > 1000 ? name : undefined; // an empty file, and it stayed empty
    });
    return { name, content: readFileSync(join(this.downloads, name), 'utf8') };
  }
  close() {
    return this.page.close();
  }
}

/**
 * Firefox ESR with the built extension installed as a temporary add-on, driven by puppeteer-core
 * over WebDriver BiDi (Playwright cannot drive a stock Firefox).
 *
 * BiDi refuses to open a moz-extension:// address. The driver reaches the extension's pages the
 * way a reader does: it hovers a mention on `extension-door.html` and follows the card's "Open in
 * the FAQ". That FAQ tab, an extension page with the extension's APIs, is kept as the place where
 * `inExtension` runs and from which the other pages (the popup, the options) are opened in tabs.
 */
export class FirefoxBrowser implements ExtensionBrowser {
  readonly engine = 'firefox' as const;
  readonly extensionOrigin = `moz-extension://${ADDON_UUIDS[EXTENSION_ID]}`;
  readonly errors: string[] = [];
  private readonly tabs = new Map<Page, FirefoxTab>();
  private extensionPage: Promise<Page> | undefined;

  private constructor(
    readonly browser: Browser,
    private readonly doorUrl: string,
    private readonly downloads: string,
    private readonly viewportSize: { width: number; height: number },
  ) {
    browser.on('targetcreated', (target) => {
      if (target.type() === 'page') void target.page().then((page) => page && this.watch(page));
    });
  }

  /** @param doorUrl the address of tests/fixtures/extension-door.html */
  static async launch(doorUrl: string, options: LaunchOptions = {}): Promise<FirefoxBrowser> {
    if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
      throw new Error(`No Firefox build at ${FIREFOX_EXTENSION_DIR}: run \`npm run build:firefox\` first.`);
    }
    if (!existsSync(FIREFOX_PATH)) {
      throw new Error(`No Firefox at ${FIREFOX_PATH}: install it (Debian: apt-get install firefox-esr) or set FIREFOX_PATH.`);
    }
    const downloads = mkdtempSync(join(tmpdir(), 'fact-context-downloads-'));
    const viewport = options.viewport ?? { width: 1280, height: 800 };
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      defaultViewport: viewport,
      extraPrefsFirefox: {
        // The page's colour scheme (0 dark, 1 light) and reduced motion, as the reader's system would set them.
        ...(options.colorScheme && { 'layout.css.prefers-color-scheme.content-override': options.colorScheme === 'dark' ? 0 : 1 }),
        ...(options.reducedMotion && { 'ui.prefersReducedMotion': options.reducedMotion === 'reduce' ? 1 : 0 }),
        ...(options.hasTouch && { 'dom.w3c_touch_events.enabled': 1 }),
        // Downloads go straight to a folder of the test's, without a dialog.
        'browser.download.folderList': 2,
        'browser.download.dir': downloads,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.helperApps.neverAsk.saveToDisk': 'application/json',
        // Script errors of every context, the extension's background page included (which WebDriver
        // BiDi does not expose), are also written to Firefox's output: see watchOutput.
        'devtools.console.stdout.chrome': true,
        'extensions.webextensions.uuids': JSON.stringify(ADDON_UUIDS),
        ...(options.firefoxProxyPort && {
          'network.proxy.type': 1, // manual
          'network.proxy.http': '127.0.0.1',
          'network.proxy.http_port': options.firefoxProxyPort,
          'network.proxy.ssl': '127.0.0.1',
          'network.proxy.ssl_port': options.firefoxProxyPort,
          'network.proxy.share_proxy_settings': true,
          'network.proxy.no_proxies_on': '',
          'network.proxy.allow_hijacking_localhost': true, // 127.0.0.1 through the proxy too
        }),
      },
      env: {
        ...process.env,
        // Puppeteer points Remote Settings at a data: URL, which a release Firefox only honours with
        // this variable; without it Firefox polls firefox.settings.services.mozilla.com (through the proxy).
        ...(options.firefoxProxyPort && { MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' }),
        ...(options.managedPolicy && { HOME: homeWithManagedStorage(options.managedPolicy) }),
      },
    });
    const driver = new FirefoxBrowser(browser, doorUrl, downloads, viewport);
    driver.watchOutput();
    await browser.installExtension(FIREFOX_EXTENSION_DIR);
    return driver;
  }

  /**
   * Collects the uncaught errors and rejections Firefox reports from any extension context
   * ("JavaScript error: moz-extension://…" on its output): the background page's, which no tab
   * shows, as well as the content scripts' and the extension pages' (also heard per tab).
   */
  private watchOutput(): void {
    const process = this.browser.process();
    let pending = '';
    const read = (chunk: Buffer | string) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (Object.values(ADDON_UUIDS).some((uuid) => line.startsWith(`JavaScript error: moz-extension://${uuid}/`))) this.errors.push(`Firefox: ${line}`);
      }
    };
    process?.stdout?.on('data', read);
    process?.stderr?.on('data', read);
  }

  /** Collects what the extension reports as going wrong in a tab: errors and console errors whose stack is in moz-extension://. */
  private watch(page: Page): FirefoxTab {
    let tab = this.tabs.get(page);
    if (tab) return tab;
    tab = new FirefoxTab(page, this.downloads);
    this.tabs.set(page, tab);
    page.on('pageerror', (error) => {
      // Ours when thrown by the extension's code (its stack is in moz-extension://), not when a
      // page's own error merely names an extension URL (a page refused one of our files).
      const stack = error instanceof Error ? (error.stack ?? '') : String(error);
      const frames = error instanceof Error ? stack.replace(error.message, '') : stack;
      if (frames.includes('moz-extension://')) this.errors.push(`${page.url()}: ${error instanceof Error ? error.message : ''}\n${stack}`);
    });
    page.on('console', (message) => {
      if (!['error', 'warn', 'assert'].includes(message.type())) return;
      if (!message.stackTrace().some((frame) => frame.url?.startsWith('moz-extension://'))) return;
      this.errors.push(`${page.url()}: console.${message.type()}(${message.text()})`);
    });
    return tab;
  }

  async newTab() {
    const page = await this.browser.newPage();
    await page.setViewport(this.viewportSize);
    return this.watch(page);
  }

  /**
   * The extension page where `inExtension` runs, reached through a card's "Open in the FAQ" the
   * first time. A click can miss while the card is still easing in on a loaded machine (seen once
   * in CI: no tab opened), so the door is tried up to three times, and a failed try is not kept.
   */
  private extension(): Promise<Page> {
    this.extensionPage ??= (async () => {
      const door = await this.newTab();
      await door.goto(this.doorUrl);
      const mention = await waitFor('a highlighted mention on the door page', () => pointOnHighlight(door, 'huawei', 0));
      for (let attempt = 1; ; attempt++) {
        try {
          await door.mouse.move(mention.x - 40, mention.y + 40);
          await door.mouse.move(mention.x, mention.y, { steps: 4 });
          const openInFaq = card(door).getByRole('button', { name: 'Open in the FAQ' });
          await waitFor('the card on the door page', async () => ((await openInFaq.isVisible()) ? true : undefined), 5000);
          await sleep(300); // past the card's opening transition, so the button stays where it was read
          const faq = await this.waitForNewTab(() => openInFaq.click());
          await door.close();
          return faq.page;
        } catch (error) {
          if (attempt === 3) throw error;
          await door.keyboard.press('Escape');
          await door.mouse.move(0, 0);
        }
      }
    })();
    this.extensionPage.catch(() => (this.extensionPage = undefined));
    return this.extensionPage;
  }

  /**
   * Calls `listener` with each request WebDriver BiDi reports, browser-wide (`network.beforeRequestSent`):
   * `destination` is the Fetch destination (`document`, `iframe`, `image`, `font`; '' for fetch()).
   * Firefox reports the requests of tabs' documents, extension pages in tabs included; not those
   * of the extension's background page, nor a content script's own fetch() or XMLHttpRequest
   * (least-privilege.spec.ts watches those through `firefoxProxyPort`).
   */
  onRequest(listener: (request: { url: string; destination: string; context: string | null }) => void): void {
    type BeforeRequestSent = { context: string | null; request: { url: string; destination?: string } };
    const connection = (this.browser as unknown as { connection: { on(event: string, handler: (event: BeforeRequestSent) => void): void } }).connection;
    connection.on('network.beforeRequestSent', (event) => listener({ url: event.request.url, destination: event.request.destination ?? '', context: event.context }));
  }

  async inExtension<R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    const page = await this.extension();
    return page.evaluate(fn as never, arg as never) as Promise<R>;
  }

  /**
   * Opens one of the extension's pages in a new tab, from the extension page the driver keeps. Seen
   * once in a full run on a loaded machine: no tab within 10 s of tabs.create. The tab is then
   * asked for once more (a late first one is taken as it is).
   */
  async openExtensionPage(path: string) {
    const page = await this.extension();
    const open = () =>
      this.waitForNewTab(async () => {
        await page.evaluate(async (path) => {
          const { browser } = globalThis as unknown as { browser: typeof import('wxt/browser').browser };
          await browser.tabs.create({ url: `/${path}` });
        }, path);
      });
    const tab = await open().catch(async (error: unknown) => {
      const late = (await this.browser.pages()).find((candidate) => !this.tabs.has(candidate) && candidate !== page && candidate.url().endsWith(`/${path}`));
      if (late) return this.watch(late);
      if (!(error instanceof Error && error.message.includes('a new tab'))) throw error;
      return open();
    });
    await tab.page.setViewport(this.viewportSize);
    return tab;
  }

  async waitForNewTab(action: () => Promise<void>) {
    const before = new Set(await this.browser.pages());
    await action();
    const page = await waitFor('a new tab', async () => (await this.browser.pages()).find((candidate) => !before.has(candidate)));
    const tab = this.watch(page);
    await waitFor('the new tab to load', () => tab.evaluate(() => (document.readyState === 'complete' && location.href !== 'about:blank' ? true : undefined)));
    return tab;
  }

  /**
   * Readies a browser that a test worker shares between its tests for the next one, as if it were
   * new: every tab but the extension page the driver keeps is closed, the extension's storage (the
   * reader's settings) is emptied, and the error log starts afresh. Launching Firefox and reaching
   * its extension page costs ~5 s, which every test would otherwise pay; Chromium starts in ~1 s
   * and gets a new profile per test.
   */
  async resetForNextTest(): Promise<void> {
    const keep = await this.extension();
    for (const page of await this.browser.pages()) {
      if (page === keep) continue;
      this.tabs.delete(page);
      await page.close().catch(() => {});
    }
    await keep.evaluate(async () => {
      const { browser } = globalThis as unknown as { browser: typeof import('wxt/browser').browser };
      await Promise.all([browser.storage.sync.clear(), browser.storage.local.clear()]);
    });
    this.errors.length = 0;
  }

  get connected(): boolean {
    return this.browser.connected;
  }

  async close() {
    await this.browser.close();
    rmSync(this.downloads, { recursive: true, force: true });
  }
}
