import { expect as base, type ExpectMatcherState } from '@playwright/test';
import { UiLocator } from './locator';
import type { Tab } from './types';
import { sleep } from './wait';

// Web-first assertions for the driver's locators and tabs, in both browsers: each reads the page
// again until it holds (or fails after the expect timeout), the way Playwright's own do for its
// locators. Same names and meanings as Playwright's, so a spec reads as usual.

type Expected = string | RegExp;

const matchesText = (actual: string | undefined, expected: Expected, whole: boolean) =>
  actual !== undefined && (typeof expected === 'string' ? (whole ? actual === expected.replace(/\s+/g, ' ').trim() : actual.includes(expected)) : expected.test(actual));

/**
 * Reads `read()` until `holds` (or, after `.not`, until it does not), then reports. The message
 * shows what was last read.
 */
async function retry<T>(
  state: ExpectMatcherState,
  name: string,
  subject: string,
  read: () => Promise<T>,
  holds: (value: T) => boolean,
  expected: unknown,
  options?: { timeout?: number },
) {
  const deadline = Date.now() + (options?.timeout ?? state.timeout ?? 5000);
  let last: T;
  let pass: boolean;
  for (;;) {
    try {
      last = await read();
      pass = holds(last);
    } catch (error) {
      // A navigation or a frame going away between reads: read again.
      last = `(could not read: ${(error as Error).message})` as T;
      pass = false;
    }
    if (pass !== state.isNot || Date.now() > deadline) break;
    await sleep(100);
  }
  return {
    pass,
    name,
    expected,
    actual: last,
    message: () =>
      `${state.utils.matcherHint(name, subject, undefined, { isNot: state.isNot })}\n\n` +
      `Expected${state.isNot ? ' not' : ''}: ${state.utils.printExpected(expected)}\nReceived: ${state.utils.printReceived(last)}`,
  };
}

function locatorOf(received: unknown, matcher: string): UiLocator {
  if (!(received instanceof UiLocator)) throw new Error(`${matcher}: expected a driver locator (tests/e2e/driver/locator.ts), got ${String(received)}`);
  return received;
}

function tabOf(received: unknown, matcher: string): Tab {
  if (typeof (received as Tab | undefined)?.evaluate !== 'function') throw new Error(`${matcher}: expected a driver tab`);
  return received as Tab;
}

export const expect = base.extend({
  async toBeVisible(this: ExpectMatcherState, received: UiLocator, options?: { timeout?: number }) {
    const locator = locatorOf(received, 'toBeVisible');
    return retry(this, 'toBeVisible', locator.description, () => locator.isVisible(), (visible) => visible, 'visible', options);
  },
  async toBeHidden(this: ExpectMatcherState, received: UiLocator, options?: { timeout?: number }) {
    const locator = locatorOf(received, 'toBeHidden');
    return retry(this, 'toBeHidden', locator.description, () => locator.isVisible(), (visible) => !visible, 'hidden or absent', options);
  },
  async toBeAttached(this: ExpectMatcherState, received: UiLocator, options?: { timeout?: number }) {
    const locator = locatorOf(received, 'toBeAttached');
    return retry(this, 'toBeAttached', locator.description, () => locator.count(), (count) => count > 0, 'at least one element', options);
  },
  async toHaveCount(this: ExpectMatcherState, received: UiLocator, count: number, options?: { timeout?: number }) {
    const locator = locatorOf(received, 'toHaveCount');
    return retry(this, 'toHaveCount', locator.description, () => locator.count(), (actual) => actual === count, count, options);
  },
  async toContainText(this: ExpectMatcherState, received: UiLocator, expected: Expected, options?: { timeout?: number }) {
    const locator = locatorOf(received, 'toContainText');
    return retry(this, 'toContainText', locator.description, () => locator.allTexts(), (texts) => texts.some((text) => matchesText(text, expected, false)), expected, options);
  },
  async toHaveText(this: ExpectMatcherState, received: UiLocator, expected: Expected, options?: { timeout?: number }) {
    const locator = locatorOf(received, 'toHaveText');
    return retry(this, 'toHaveText', locator.description, async () => (await locator.allTexts())[0], (text) => matchesText(text, expected, true), expected, options);
  },
  async toHaveAccessibleName(this: ExpectMatcherState, received: UiLocator, expected: Expected, options?: { timeout?: number }) {
    const locator = locatorOf(received, 'toHaveAccessibleName');
    return retry(this, 'toHaveAccessibleName', locator.description, () => locator.accessibleName(), (name) => matchesText(name, expected, true), expected, options);
  },
  async toBeFocused(this: ExpectMatcherState, received: UiLocator, options?: { timeout?: number }) {
    const locator = locatorOf(received, 'toBeFocused');
    return retry(this, 'toBeFocused', locator.description, () => locator.isFocused(), (focused) => focused, 'focused', options);
  },
  async toBeChecked(this: ExpectMatcherState, received: UiLocator, options?: { timeout?: number }) {
    const locator = locatorOf(received, 'toBeChecked');
    return retry(this, 'toBeChecked', locator.description, () => locator.isChecked(), (checked) => checked === true, 'checked', options);
  },
  async toBeEnabled(this: ExpectMatcherState, received: UiLocator, options?: { timeout?: number }) {
    const locator = locatorOf(received, 'toBeEnabled');
    return retry(this, 'toBeEnabled', locator.description, () => locator.isEnabled(), (enabled) => enabled === true, 'enabled', options);
  },
  async toHaveValue(this: ExpectMatcherState, received: UiLocator, expected: string, options?: { timeout?: number }) {
    const locator = locatorOf(received, 'toHaveValue');
    return retry(this, 'toHaveValue', locator.description, () => locator.inputValue(), (value) => value === expected, expected, options);
  },
  async toHaveAttribute(this: ExpectMatcherState, received: UiLocator, name: string, expected: string, options?: { timeout?: number }) {
    const locator = locatorOf(received, 'toHaveAttribute');
    return retry(this, 'toHaveAttribute', locator.description, () => locator.getAttribute(name), (value) => value === expected, `${name}="${expected}"`, options);
  },
  async toBeInViewport(this: ExpectMatcherState, received: UiLocator, options?: { timeout?: number }) {
    const locator = locatorOf(received, 'toBeInViewport');
    return retry(this, 'toBeInViewport', locator.description, () => locator.isInViewport(), (inside) => inside, 'in the viewport', options);
  },
  async toHaveURL(this: ExpectMatcherState, received: Tab, expected: RegExp, options?: { timeout?: number }) {
    const tab = tabOf(received, 'toHaveURL');
    return retry(this, 'toHaveURL', 'tab', () => tab.url(), (url) => expected.test(url), expected, options);
  },
  async toHaveTitle(this: ExpectMatcherState, received: Tab, expected: RegExp, options?: { timeout?: number }) {
    const tab = tabOf(received, 'toHaveTitle');
    return retry(this, 'toHaveTitle', 'tab', () => tab.evaluate(() => document.title), (title) => expected.test(title), expected, options);
  },
});
