import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { launchWithExtension } from '../support/chromium.mjs';
import { startStaticServer } from '../support/static-server.mjs';
import { ExtensionErrorLog } from './extension-errors';

export const FIXTURES_DIR = resolve('tests/fixtures');

interface TestFixtures {
  /** A fresh Chromium profile with the built extension loaded. */
  context: BrowserContext;
  extensionId: string;
  /** Opens a page from tests/fixtures, served on 127.0.0.1. */
  openFixture(name: string): Promise<Page>;
  /**
   * Every test fails if the extension throws or logs an error in any page it watches: the
   * context's pages always; a test that launches its own context adds it with `watchContext`.
   */
  extensionErrors: ExtensionErrorLog;
  /**
   * Another browser with the extension, launched with other options (touch, a colour scheme,
   * reduced motion), watched for the extension's errors and closed after the test.
   */
  launchBrowser(options: LaunchOptions): Promise<BrowserContext>;
}

type LaunchOptions = NonNullable<Parameters<typeof launchWithExtension>[0]>;

interface WorkerFixtures {
  fixtureOrigin: string;
  /** The same fixtures from a second server: another port, so another origin. */
  otherOrigin: string;
}

async function serveFixtures({}, use: (origin: string) => Promise<void>) {
  const server = await startStaticServer(FIXTURES_DIR);
  await use(server.origin);
  await server.close();
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  fixtureOrigin: [serveFixtures, { scope: 'worker' }],
  otherOrigin: [serveFixtures, { scope: 'worker' }],
  context: async ({ extensionErrors }, use) => {
    const launched = await launchWithExtension();
    extensionErrors.watchContext(launched.context);
    await use(launched.context);
    await launched.close();
  },
  extensionErrors: [
    async ({}, use) => {
      const log = new ExtensionErrorLog();
      await use(log);
      expect(log.errors, 'errors the extension reported').toEqual([]);
    },
    { auto: true },
  ],
  launchBrowser: async ({ extensionErrors }, use) => {
    const launched: Awaited<ReturnType<typeof launchWithExtension>>[] = [];
    await use(async (options) => {
      const browser = await launchWithExtension(options);
      launched.push(browser);
      extensionErrors.watchContext(browser.context);
      return browser.context;
    });
    for (const browser of launched) await browser.close();
  },
  page: async ({ context, extensionErrors }, use) => {
    const page = await context.newPage();
    await extensionErrors.watchPage(page); // before the first navigation
    await use(page);
  },
  extensionId: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(new URL(worker.url()).host);
  },
  openFixture: async ({ page, fixtureOrigin }, use) => {
    await use(async (name) => {
      await page.goto(`${fixtureOrigin}/${name}`);
      return page;
    });
  },
});

export const expect = test.expect;
