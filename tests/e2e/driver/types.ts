// The thin layer the end-to-end specs drive browsers through, so that one spec runs in Chromium
// (Playwright) and in Firefox (puppeteer-core over WebDriver BiDi) alike. It holds what the two
// drivers do differently: launching with the extension, opening the extension's own pages, running
// code where the extension's APIs are, real pointer, keyboard and touch input, screenshots, files.
// What a reader sees is read from the documents themselves (locator.ts, page-helpers.ts), the same
// way in both browsers.

export type Engine = 'chromium' | 'firefox';

export interface Point {
  x: number;
  y: number;
}

export interface Box extends Point {
  width: number;
  height: number;
}

/** Somewhere code can run: a tab's document, a frame's, or the extension's. */
export interface Realm {
  /** Runs `fn` there (it is serialised: no closures) and returns its JSON-like result. */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Runs a script's source there, as the page's own would run (test tooling only: not subject to the page's CSP). */
  runScript(source: string): Promise<void>;
}

export interface Frame extends Realm {
  /** The frame element's box in the tab's viewport (to turn the frame's coordinates into the tab's). */
  box(): Promise<Box>;
}

export interface Mouse {
  move(x: number, y: number, options?: { steps?: number }): Promise<void>;
  down(): Promise<void>;
  up(): Promise<void>;
  click(x: number, y: number): Promise<void>;
}

export interface Keyboard {
  /** A key by its name (`Escape`, `Tab`, `Enter`, `j`, `Space`). */
  press(key: string): Promise<void>;
  type(text: string): Promise<void>;
}

export interface LaunchOptions {
  viewport?: { width: number; height: number };
  hasTouch?: boolean;
  colorScheme?: 'light' | 'dark';
  reducedMotion?: 'reduce' | 'no-preference';
  /**
   * Firefox only (Chromium refuses it): the port of an HTTP proxy on 127.0.0.1 that every HTTP(S)
   * request the browser makes goes through, 127.0.0.1 included, whatever made it: a page, a content
   * script, the extension's background page, Firefox itself. For watching the network where
   * WebDriver BiDi does not see (least-privilege.spec.ts). Firefox's own Remote Settings sync is
   * then kept off the network too.
   */
  firefoxProxyPort?: number;
  /**
   * What the extension's managed storage (`storage.managed`) holds, as an organisation's policy
   * sets it. Chromium: a policy file in /etc/chromium/policies/managed/ for a copy of the build
   * with a fixed id (driver/chromium-policy.ts; needs root). Firefox: a managed-storage manifest
   * under a home directory of this browser's own (~/.mozilla/managed-storage/<add-on id>.json).
   */
  managedPolicy?: Record<string, unknown>;
}

export interface Tab extends Realm {
  readonly engine: Engine;
  goto(url: string): Promise<void>;
  url(): Promise<string>;
  readonly mouse: Mouse;
  readonly keyboard: Keyboard;
  /** A tap on the touch screen (the browser must have been launched with `hasTouch`). */
  tap(x: number, y: number): Promise<void>;
  /** The document of the `<iframe>` matching `selector`, once it has one. */
  frame(selector: string): Promise<Frame>;
  /** A PNG of the element's box. */
  screenshot(selector: string): Promise<Buffer>;
  setViewport(size: { width: number; height: number }): Promise<void>;
  viewport(): { width: number; height: number };
  bringToFront(): Promise<void>;
  /** Runs `fn` in every document this tab loads from now on, before the page's own scripts. */
  addInitScript(fn: () => void): Promise<void>;
  /**
   * Chooses a file in the `<input type=file>` that `find` returns (run in the page; it returns the
   * element), as a reader choosing it in the file dialog does.
   */
  chooseFile(find: () => Element | null, file: { name: string; content: string }): Promise<void>;
  /** Runs `action` and returns the file it makes the browser download. */
  download(action: () => Promise<void>): Promise<{ name: string; content: string }>;
  close(): Promise<void>;
}

/** A browser with the built extension installed, in a throwaway profile. */
export interface ExtensionBrowser {
  readonly engine: Engine;
  /** The extension's own origin (`chrome-extension://<id>`, `moz-extension://<internal UUID>`). */
  readonly extensionOrigin: string;
  newTab(): Promise<Tab>;
  /** One of the extension's own pages (`popup.html?tabId=3`, `options.html`, `faq.html#q1`) in a new tab. */
  openExtensionPage(path: string): Promise<Tab>;
  /**
   * Runs `fn` where the extension's APIs are (Chromium: its service worker; Firefox: one of its
   * pages), as `browser.*`. For what only the extension can read: the badge, its storage.
   */
  inExtension<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Runs `action` and returns the tab it opens. */
  waitForNewTab(action: () => Promise<void>): Promise<Tab>;
  /** What the extension itself reported as going wrong so far (see errors.ts). */
  readonly errors: readonly string[];
  close(): Promise<void>;
}
