import { test as base, chromium, type BrowserContext, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startStaticServer } from './static-server';

export const EXTENSION_DIR = resolve('.output/chrome-mv3');
export const FIXTURES_DIR = resolve('tests/fixtures');
/** Debian's Chromium by default; set CHROMIUM_PATH to use another build (e.g. Playwright's own). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumArgs(extensionDir?: string): string[] {
  return [
    ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  ];
}

/** Launches Chromium with the built extension loaded, in a throwaway profile. */
export async function launchWithExtension(): Promise<{ context: BrowserContext; extensionId: string; close(): Promise<void> }> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension at ${EXTENSION_DIR}: run \`npm run build\` first.`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'fact-context-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: chromiumArgs(EXTENSION_DIR),
    viewport: { width: 1280, height: 800 },
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return {
    context,
    extensionId: new URL(worker.url()).host,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

interface TestFixtures {
  context: BrowserContext;
  extensionId: string;
  /** Opens a fixture page from tests/fixtures and waits for the extension to highlight it. */
  openFixture(name: string): Promise<Page>;
}

interface WorkerFixtures {
  fixtureOrigin: string;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  fixtureOrigin: [
    async ({}, use) => {
      const server = await startStaticServer(FIXTURES_DIR);
      await use(server.origin);
      await server.close();
    },
    { scope: 'worker' },
  ],
  context: async ({}, use) => {
    const launched = await launchWithExtension();
    await use(launched.context);
    await launched.close();
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
