import AxeBuilder from '@axe-core/playwright';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import type { browser } from 'wxt/browser';

// The extension APIs as seen inside the service worker, where the test code runs.
declare const chrome: typeof browser;

/** The extension's service worker, to read what only the extension can (badge, storage). */
export async function serviceWorker(context: BrowserContext) {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

/** The id of the tab showing `page` (the active tab, read right after bringing it to the front). */
export async function tabIdOf(context: BrowserContext, page: Page): Promise<number> {
  await page.bringToFront();
  const worker = await serviceWorker(context);
  return worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab.id!;
  });
}

export async function badgeText(context: BrowserContext, tabId: number): Promise<string> {
  const worker = await serviceWorker(context);
  return worker.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), tabId);
}

export async function storedSettings(context: BrowserContext): Promise<unknown> {
  const worker = await serviceWorker(context);
  return worker.evaluate(async () => (await chrome.storage.sync.get('settings')).settings);
}

export async function storeRawSettings(context: BrowserContext, value: unknown): Promise<void> {
  const worker = await serviceWorker(context);
  await worker.evaluate((value) => chrome.storage.sync.set({ settings: value }), value);
}

/** The popup, opened as a page that acts on the tab `tabId`. */
export async function openPopup(context: BrowserContext, extensionId: string, tabId?: number): Promise<Page> {
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 380, height: 720 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html${tabId === undefined ? '' : `?tabId=${tabId}`}`);
  return popup;
}

export async function openOptions(context: BrowserContext, extensionId: string): Promise<Page> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByRole('heading', { name: 'Fact Context options' })).toBeVisible();
  return options;
}

/** axe-core's WCAG 2.x A/AA violations on the page, as "rule: target" lines. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return results.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
}

/**
 * What the keyboard command does. The browser turns Alt+Shift+J into `commands.onCommand` in the
 * background, which headless Chromium cannot press; the test sends the message that handler sends.
 */
export async function pressCommand(context: BrowserContext, page: Page, direction: 1 | -1) {
  const tabId = await tabIdOf(context, page);
  const worker = await serviceWorker(context);
  await worker.evaluate(
    ([tabId, direction]) => chrome.tabs.sendMessage(tabId, { type: 'stepMention', direction }, { frameId: 0 }),
    [tabId, direction] as const,
  );
}
