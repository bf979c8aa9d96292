import { fileURLToPath } from 'node:url';
import type { ReadName } from './in-page';
import { toTextMatcher, type Step } from './steps';
import type { Box, Point, Realm, Tab } from './types';
import { waitFor } from './wait';

const IN_PAGE_ENTRY = fileURLToPath(new URL('./in-page.ts', import.meta.url));
const GLOBAL = '__factContextUi';

let inPageScript: Promise<string> | undefined;
/** in-page.ts and dom-accessibility-api as one script, built once per test worker. */
function inPageSource(): Promise<string> {
  inPageScript ??= (async () => {
    const { build } = await import('vite');
    const output = await build({
      configFile: false,
      logLevel: 'silent',
      build: { write: false, minify: false, lib: { entry: IN_PAGE_ENTRY, formats: ['iife'], name: GLOBAL } },
    });
    const bundle = Array.isArray(output) ? output[0] : output;
    const chunk = (bundle as { output: { code?: string }[] }).output[0];
    return `${chunk.code}\n;globalThis.${GLOBAL} = ${GLOBAL};`;
  })();
  return inPageScript;
}

type InPage = { read(steps: Step[], what: ReadName, arg?: string): unknown };

/** Reads `what` of the elements `steps` stand for, in `realm`, injecting the finder first if needed. */
async function readInPage<T>(realm: Realm, steps: Step[], what: ReadName, arg?: string): Promise<T> {
  const run = () =>
    realm.evaluate(
      ({ steps, what, arg, global }) => {
        const ui = (globalThis as unknown as Record<string, InPage | undefined>)[global];
        return ui ? { value: ui.read(steps, what, arg) } : undefined;
      },
      { steps, what, arg, global: GLOBAL },
    );
  let result = await run();
  if (!result) {
    await realm.runScript(await inPageSource());
    result = await run();
  }
  return result!.value as T;
}

interface RoleOptions {
  name?: string | RegExp;
  exact?: boolean;
  level?: number;
  includeHidden?: boolean;
}

/**
 * Finds elements in a tab by what a reader sees (role and accessible name, text, label) and acts
 * on them with real input, in either browser. Like Playwright's locators it is a description,
 * resolved afresh each time it is used, so that it follows the page as it changes; the matchers
 * in expect.ts retry until they hold.
 */
export class UiLocator {
  constructor(
    readonly tab: Tab,
    readonly steps: Step[],
    readonly description: string,
    /** Where to resolve it, when not in the tab's top document (a frame's). */
    readonly realm: Realm = tab,
  ) {}

  private then_(step: Step, description: string): UiLocator {
    return new UiLocator(this.tab, [...this.steps, step], `${this.description} › ${description}`, this.realm);
  }

  getByRole(role: string, options: RoleOptions = {}): UiLocator {
    const { name, ...rest } = options;
    return this.then_({ kind: 'role', role, ...rest, ...(name !== undefined && { name: toTextMatcher(name) }) }, `role ${role}${name ? ` "${name}"` : ''}`);
  }
  getByText(text: string | RegExp, options: { exact?: boolean } = {}): UiLocator {
    return this.then_({ kind: 'text', text: toTextMatcher(text), ...options }, `text "${text}"`);
  }
  getByLabel(label: string | RegExp, options: { exact?: boolean } = {}): UiLocator {
    return this.then_({ kind: 'label', label: toTextMatcher(label), ...options }, `label "${label}"`);
  }
  locator(selector: string): UiLocator {
    return this.then_({ kind: 'css', selector }, selector);
  }
  filter({ hasText }: { hasText: string | RegExp }): UiLocator {
    return this.then_({ kind: 'hasText', text: toTextMatcher(hasText) }, `with text "${hasText}"`);
  }
  nth(index: number): UiLocator {
    return this.then_({ kind: 'nth', index }, `#${index}`);
  }
  first(): UiLocator {
    return this.nth(0);
  }

  read<T>(what: ReadName, arg?: string): Promise<T> {
    return readInPage<T>(this.realm, this.steps, what, arg);
  }
  count = () => this.read<number>('count');
  isVisible = () => this.read<boolean>('visible');
  /** The text of each element found, whitespace collapsed. */
  allTexts = () => this.read<string[]>('texts');
  accessibleName = () => this.read<string | undefined>('name');
  isFocused = () => this.read<boolean>('focused');
  isChecked = () => this.read<boolean | undefined>('checked');
  isEnabled = () => this.read<boolean | undefined>('enabled');
  inputValue = () => this.read<string | undefined>('value');
  getAttribute = (name: string) => this.read<string | null | undefined>('attribute', name);
  boundingBox = () => this.read<Box | undefined>('box');
  isInViewport = () => this.read<boolean>('inViewport');
  /** Each accessible element inside, in order, with its role and name. */
  ariaOutline = () => this.read<{ role: string; name: string; level?: number }[] | undefined>('ariaOutline');
  /** The computed value of a CSS property on the first element (`background-color` → `rgb(255, 255, 255)`). */
  computedStyle = (property: string) => this.read<string | undefined>('style', property);

  /** Waits for a visible element and clicks its middle with the mouse (scrolling it into view first). */
  async click(): Promise<void> {
    const point = await this.waitForPoint();
    await this.tab.mouse.click(point.x, point.y);
  }

  /**
   * A visible element's middle, once it has stopped moving: read twice, 100 ms apart, at the same
   * place (as Playwright's own "stable" check). A card that grows when a list in it opens may be
   * placed anew, and a click at where the element was would land on something else.
   */
  private waitForPoint(): Promise<Point> {
    let previous: Point | undefined;
    return waitFor(
      `a visible element that has stopped moving for ${this.description}`,
      async () => {
        const point = await this.read<Point | undefined>('clickPoint');
        const settled = point !== undefined && previous !== undefined && Math.abs(point.x - previous.x) < 0.5 && Math.abs(point.y - previous.y) < 0.5;
        previous = point;
        return settled ? point : undefined;
      },
      5000,
    );
  }

  /** Focuses the field and types `text` over what was in it, key by key, as a reader does. */
  async fill(text: string): Promise<void> {
    await this.waitForPoint();
    await this.read('focus');
    if (text === '') await this.tab.keyboard.press('Backspace');
    else await this.tab.keyboard.type(text);
  }

  async press(key: string): Promise<void> {
    await this.read('focus');
    await this.tab.keyboard.press(key);
  }

  /** Clicks a checkbox, radio or switch if it is not already in the state asked for. */
  async setChecked(checked: boolean): Promise<void> {
    if ((await this.isChecked()) === checked) return;
    await this.click();
    await waitFor(`${this.description} to become ${checked ? 'checked' : 'unchecked'}`, async () => ((await this.isChecked()) === checked ? true : undefined), 5000);
  }
  check = () => this.setChecked(true);
  uncheck = () => this.setChecked(false);
}

/** Locators rooted in a tab's document, or in a frame of it. */
export function ui(tab: Tab, realm: Realm = tab): UiLocator {
  return new UiLocator(tab, [], 'page', realm);
}

/** The extension's card: the dialog inside its shadow root. */
export function card(tab: Tab, realm: Realm = tab): UiLocator {
  return new UiLocator(tab, [{ kind: 'card' }], 'the card', realm).getByRole('dialog');
}

/** The extension's live region in its card's shadow root (what screen readers are told). */
export function cardStatus(tab: Tab): UiLocator {
  return new UiLocator(tab, [{ kind: 'card' }], 'the card').getByRole('status', { includeHidden: true });
}
