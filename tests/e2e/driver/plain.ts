import { chromium } from '@playwright/test';
import puppeteer from 'puppeteer-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_PATH, chromiumArgs } from '../../support/chromium.mjs';
import { ChromiumTab } from './chromium';
import { FIREFOX_PATH, FirefoxTab } from './firefox';
import type { Engine, Tab } from './types';

/** The same browser without the extension: to see a page as its author made it. */
export interface PlainBrowser {
  readonly engine: Engine;
  newTab(): Promise<Tab>;
  close(): Promise<void>;
}

/** Launches the engine's browser, as the drivers do, but with no extension installed. */
export async function launchPlainBrowser(engine: Engine, options: { viewport?: { width: number; height: number } } = {}): Promise<PlainBrowser> {
  const viewport = options.viewport ?? { width: 1280, height: 800 };
  if (engine === 'chromium') {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs() });
    return {
      engine,
      newTab: async () => new ChromiumTab(await browser.newPage({ viewport })),
      close: () => browser.close(),
    };
  }
  const downloads = mkdtempSync(join(tmpdir(), 'fact-context-downloads-'));
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true, defaultViewport: viewport });
  return {
    engine,
    newTab: async () => new FirefoxTab(await browser.newPage(), downloads),
    close: async () => {
      await browser.close();
      rmSync(downloads, { recursive: true, force: true });
    },
  };
}

/**
 * Collects the errors a tab's page reports from now on: uncaught exceptions and console errors
 * (the browser's own among them). Call it before navigating. Chromium (Playwright) reports the
 * page's main world; Firefox (WebDriver BiDi) every script world in the tab, content scripts'
 * included.
 */
export function watchPageErrors(tab: Tab): string[] {
  const errors: string[] = [];
  if (tab instanceof ChromiumTab) {
    tab.page.on('pageerror', (error) => errors.push(error.message));
    tab.page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
  } else if (tab instanceof FirefoxTab) {
    tab.page.on('pageerror', (error) => errors.push(error instanceof Error ? error.message : String(error)));
    tab.page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
  } else {
    throw new Error('watchPageErrors: not a driver tab');
  }
  return errors;
}
