import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { startStaticServer } from '../support/static-server.mjs';
import { ChromiumBrowser } from './driver/chromium';
import { expect } from './driver/expect';
import { FirefoxBrowser } from './driver/firefox';
import type { Engine, ExtensionBrowser, LaunchOptions, Tab } from './driver/types';

export const FIXTURES_DIR = resolve('tests/fixtures');

// Each spec runs in both browsers: the Playwright project (playwright.config.ts) sets `engine`,
// and these fixtures hand the test a driver for that browser (tests/e2e/driver/): in Chromium a
// new browser profile per test; in Firefox one browser per worker, reset between tests. Every
// test fails if the extension throws or logs an error in any page it watches.

interface TestFixtures {
  /** A fresh browser profile with the built extension installed. */
  driver: ExtensionBrowser;
  /** A new tab in it. */
  tab: Tab;
  /** Opens a page from tests/fixtures, served on 127.0.0.1, in `tab`. */
  open(name: string): Promise<Tab>;
  /** Another browser with the extension, launched with other options (touch, a colour scheme, reduced motion), closed after the test. */
  launch(options: LaunchOptions): Promise<ExtensionBrowser>;

  // Chromium only, for the specs that use Chromium's own tools (CDP, the service worker).
  context: BrowserContext;
  page: Page;
  extensionId: string;
}

interface WorkerFixtures {
  engine: Engine;
  /** Firefox only: the browser this worker's tests share, launched on first use (see FirefoxBrowser.resetForNextTest). */
  sharedFirefox: { get(): Promise<FirefoxBrowser> };
  fixtureOrigin: string;
  /** The same fixtures from a second server: another port, so another origin. */
  otherOrigin: string;
}

async function serveFixtures({}, use: (origin: string) => Promise<void>) {
  const server = await startStaticServer(FIXTURES_DIR);
  await use(server.origin);
  await server.close();
}

async function launchDriver(engine: Engine, fixtureOrigin: string, options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  return engine === 'firefox' ? FirefoxBrowser.launch(`${fixtureOrigin}/extension-door.html`, options) : ChromiumBrowser.launch(options);
}

/** Closes the browser, then fails the test if the extension reported an error in it. */
async function closeChecked(driver: ExtensionBrowser) {
  const errors = [...driver.errors];
  await driver.close();
  expect(errors, `errors the extension reported in ${driver.engine}`).toEqual([]);
}

export function chromiumOnly(driver: ExtensionBrowser): ChromiumBrowser {
  if (!(driver instanceof ChromiumBrowser)) throw new Error('this test uses Chromium’s own tools: it belongs to the Chromium project only (see playwright.config.ts)');
  return driver;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  engine: ['chromium', { option: true, scope: 'worker' }],
  fixtureOrigin: [serveFixtures, { scope: 'worker' }],
  otherOrigin: [serveFixtures, { scope: 'worker' }],
  sharedFirefox: [
    async ({ fixtureOrigin }, use) => {
      let shared: FirefoxBrowser | undefined;
      await use({
        async get() {
          if (!shared?.connected) shared = await FirefoxBrowser.launch(`${fixtureOrigin}/extension-door.html`);
          return shared;
        },
      });
      await shared?.close();
    },
    { scope: 'worker' },
  ],
  driver: async ({ engine, fixtureOrigin, sharedFirefox }, use) => {
    if (engine === 'firefox') {
      const driver = await sharedFirefox.get();
      await driver.resetForNextTest();
      await use(driver);
      expect([...driver.errors], 'errors the extension reported in firefox').toEqual([]);
      return;
    }
    const driver = await launchDriver(engine, fixtureOrigin);
    await use(driver);
    await closeChecked(driver);
  },
  tab: async ({ driver }, use) => {
    await use(await driver.newTab());
  },
  open: async ({ tab, fixtureOrigin }, use) => {
    await use(async (name) => {
      await tab.goto(`${fixtureOrigin}/${name}`);
      return tab;
    });
  },
  launch: async ({ engine, fixtureOrigin }, use) => {
    const launched: ExtensionBrowser[] = [];
    await use(async (options) => {
      const driver = await launchDriver(engine, fixtureOrigin, options);
      launched.push(driver);
      return driver;
    });
    for (const driver of launched) await closeChecked(driver);
  },
  context: async ({ driver }, use) => {
    await use(chromiumOnly(driver).context);
  },
  page: async ({ driver }, use) => {
    const tab = await chromiumOnly(driver).newTab();
    await use((tab as unknown as { page: Page }).page);
  },
  extensionId: async ({ driver }, use) => {
    await use(chromiumOnly(driver).extensionId);
  },
});

export { expect };
