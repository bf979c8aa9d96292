import { buildWithPolicy } from './chromium-policy';
import type { BrowserContext, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { launchWithExtension } from '../../support/chromium.mjs';
import { ExtensionErrorLog } from '../extension-errors';
import type { ExtensionBrowser, Frame, LaunchOptions, Tab } from './types';
import { waitFor } from './wait';

/** A Playwright page as a driver tab. */
export class ChromiumTab implements Tab {
  readonly engine = 'chromium' as const;
  constructor(readonly page: Page) {}

  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.page.evaluate(fn as never, arg as never);
  }
  async runScript(source: string) {
    await this.page.evaluate(source);
  }
  async goto(url: string) {
    await this.page.goto(url);
  }
  async url() {
    return this.page.url();
  }
  readonly mouse = {
    move: (x: number, y: number, options?: { steps?: number }) => this.page.mouse.move(x, y, options),
    down: () => this.page.mouse.down(),
    up: () => this.page.mouse.up(),
    click: (x: number, y: number) => this.page.mouse.click(x, y),
  };
  readonly keyboard = {
    press: (key: string) => this.page.keyboard.press(key),
    type: (text: string) => this.page.keyboard.type(text),
  };
  tap(x: number, y: number) {
    return this.page.touchscreen.tap(x, y);
  }
  async frame(selector: string): Promise<Frame> {
    const element = this.page.locator(selector);
    const frame = await (await element.elementHandle())?.contentFrame();
    if (!frame) throw new Error(`${selector} has no document yet`);
    return {
      evaluate: <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A) => frame.evaluate(fn as never, arg as never),
      runScript: async (source: string) => void (await frame.evaluate(source)),
      box: async () => (await element.boundingBox())!,
    };
  }
  screenshot(selector: string) {
    return this.page.locator(selector).screenshot({ animations: 'disabled' });
  }
  setViewport(size: { width: number; height: number }) {
    return this.page.setViewportSize(size);
  }
  viewport() {
    return this.page.viewportSize()!;
  }
  bringToFront() {
    return this.page.bringToFront();
  }
  async addInitScript(fn: () => void) {
    await this.page.addInitScript(fn);
  }
  async chooseFile(find: () => Element | null, file: { name: string; content: string }) {
    // (The page may still be rendering the input: a loaded options page fills in after its data loads.)
    const input = await waitFor('the file input', async () => (await this.page.evaluateHandle(find)).asElement() ?? undefined, 5000);
    await input.setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.content) });
  }
  async download(action: () => Promise<void>) {
    const downloaded = this.page.waitForEvent('download');
    await action();
    const download = await downloaded;
    return { name: download.suggestedFilename(), content: await readFile((await download.path())!, 'utf8') };
  }
  close() {
    return this.page.close();
  }
}

/** Chromium with the built extension, driven by Playwright. */
export class ChromiumBrowser implements ExtensionBrowser {
  readonly engine = 'chromium' as const;
  private readonly tabs = new Map<Page, ChromiumTab>();

  private constructor(
    /** For the Chromium-only specs (CDP, the service worker). */
    readonly context: BrowserContext,
    readonly extensionId: string,
    private readonly log: ExtensionErrorLog,
    private readonly closeBrowser: () => Promise<void>,
  ) {}

  static async launch(options: LaunchOptions = {}): Promise<ChromiumBrowser> {
    if (options.firefoxProxyPort) throw new Error('firefoxProxyPort is for Firefox: in Chromium, watch the context’s request events');
    const policyBuild = options.managedPolicy && buildWithPolicy(options.managedPolicy);
    try {
      const launched = await launchWithExtension({ ...options, ...(policyBuild && { extensionDir: policyBuild.extensionDir }) });
      if (policyBuild && launched.extensionId !== policyBuild.extensionId) throw new Error(`The policy's build got the id ${launched.extensionId}, not ${policyBuild.extensionId}`);
      const log = new ExtensionErrorLog();
      log.watchContext(launched.context);
      return new ChromiumBrowser(launched.context, launched.extensionId, log, async () => {
        await launched.close();
        policyBuild?.remove();
      });
    } catch (error) {
      policyBuild?.remove();
      throw error;
    }
  }

  get extensionOrigin() {
    return `chrome-extension://${this.extensionId}`;
  }

  get errors() {
    return this.log.errors;
  }

  tabOf(page: Page): ChromiumTab {
    let tab = this.tabs.get(page);
    if (!tab) this.tabs.set(page, (tab = new ChromiumTab(page)));
    return tab;
  }

  async newTab(): Promise<ChromiumTab> {
    const page = await this.context.newPage();
    await this.log.watchPage(page); // before the first navigation
    return this.tabOf(page);
  }

  async openExtensionPage(path: string): Promise<ChromiumTab> {
    const tab = await this.newTab();
    await tab.goto(`chrome-extension://${this.extensionId}/${path}`);
    return tab;
  }

  async inExtension<R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    const worker = this.context.serviceWorkers()[0] ?? (await this.context.waitForEvent('serviceworker'));
    return worker.evaluate(fn as never, arg as never);
  }

  async waitForNewTab(action: () => Promise<void>): Promise<ChromiumTab> {
    const opened = this.context.waitForEvent('page');
    await action();
    const page = await opened;
    await page.waitForLoadState();
    return this.tabOf(page);
  }

  close() {
    return this.closeBrowser();
  }
}
