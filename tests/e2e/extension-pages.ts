import axe from 'axe-core';
import { expect } from './driver/expect';
import { ui } from './driver/locator';
import type { ExtensionBrowser, Realm, Tab } from './driver/types';

// The extension's side, in either browser: its pages (popup, options, FAQ) and what only it can
// read (the badge, its storage). `inExtension` callbacks run where the extension's APIs are, as
// the `browser` global (Chromium's service worker has it natively; Firefox's pages too).

type ExtensionApi = typeof import('wxt/browser').browser;
type WithApi = { browser: ExtensionApi & { browserAction?: ExtensionApi['action'] } };

/** The id of the tab showing `tab` (the active tab, read right after bringing it to the front). */
export async function tabIdOf(driver: ExtensionBrowser, tab: Tab): Promise<number> {
  // First reach where the extension's code runs: in Firefox that opens (and brings forward) the
  // extension's own tab the first time, which must not happen after `tab` is brought to the front.
  await driver.inExtension(() => undefined);
  await tab.bringToFront();
  return driver.inExtension(async () => {
    const { browser } = globalThis as unknown as WithApi;
    const [active] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    return active.id!;
  });
}

export async function badgeText(driver: ExtensionBrowser, tabId: number): Promise<string> {
  return driver.inExtension((tabId) => {
    const { browser } = globalThis as unknown as WithApi;
    // `action` in Manifest V3 (Chromium), `browserAction` in the Firefox build (V2).
    return (browser.action ?? browser.browserAction!).getBadgeText({ tabId });
  }, tabId);
}

export async function storedSettings(driver: ExtensionBrowser): Promise<unknown> {
  return driver.inExtension(async () => {
    const { browser } = globalThis as unknown as WithApi;
    return (await browser.storage.sync.get('settings')).settings;
  });
}

/** What storage.local holds under `key` (the topic packs live there). */
export async function storedLocal(driver: ExtensionBrowser, key: string): Promise<unknown> {
  return driver.inExtension(async (key) => {
    const { browser } = globalThis as unknown as WithApi;
    return (await browser.storage.local.get(key))[key];
  }, key);
}

export async function storeLocal(driver: ExtensionBrowser, key: string, value: unknown): Promise<void> {
  await driver.inExtension(async ([key, value]) => {
    const { browser } = globalThis as unknown as WithApi;
    await browser.storage.local.set({ [key as string]: value });
  }, [key, value] as const);
}

export async function storeRawSettings(driver: ExtensionBrowser, value: unknown): Promise<void> {
  await driver.inExtension((value) => {
    const { browser } = globalThis as unknown as WithApi;
    return browser.storage.sync.set({ settings: value });
  }, value);
}

/** The popup, opened as a page that acts on the tab `tabId`. */
export async function openPopup(driver: ExtensionBrowser, tabId?: number): Promise<Tab> {
  const popup = await driver.openExtensionPage(`popup.html${tabId === undefined ? '' : `?tabId=${tabId}`}`);
  await popup.setViewport({ width: 380, height: 720 });
  return popup;
}

export async function openOptions(driver: ExtensionBrowser): Promise<Tab> {
  const options = await driver.openExtensionPage('options.html');
  await expect(ui(options).getByRole('heading', { name: 'Fact Context options' })).toBeVisible();
  return options;
}

/**
 * axe-core's WCAG 2.x A/AA violations on the page (or inside `include`), as "rule: target" lines.
 * axe-core is injected as a script and run in the page, the same way in both browsers.
 */
export async function accessibilityViolations(realm: Realm, include?: string): Promise<string[]> {
  const loaded = await realm.evaluate(() => typeof (globalThis as { axe?: unknown }).axe === 'object');
  if (!loaded) await realm.runScript(axe.source);
  return realm.evaluate(async (include) => {
    const { axe } = globalThis as unknown as { axe: typeof import('axe-core') };
    const results = await axe.run(include ? { include: [include] } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return results.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
  }, include);
}

/**
 * What the keyboard command does. The browser turns Alt+Shift+J into `commands.onCommand` in the
 * background, which a headless browser cannot press; the test sends the message that handler sends.
 */
export async function pressCommand(driver: ExtensionBrowser, tab: Tab, direction: 1 | -1) {
  const tabId = await tabIdOf(driver, tab);
  await driver.inExtension(
    ([tabId, direction]) => {
      const { browser } = globalThis as unknown as WithApi;
      return browser.tabs.sendMessage(tabId, { type: 'stepMention', direction }, { frameId: 0 });
    },
    [tabId, direction] as const,
  );
}
