import type { BrowserContext, Page } from '@playwright/test';

/**
 * Collects what the extension itself reports as going wrong: uncaught exceptions and unhandled
 * rejections in its content script's isolated world or in its own pages (popup, options, FAQ), and
 * the console errors and warnings of those and of its service worker. The page's own errors are not ours and are left out
 * (hostile fixtures throw on purpose). Read through CDP, because Playwright's `pageerror` and
 * `console` events only cover the page's main world.
 */
export class ExtensionErrorLog {
  readonly errors: string[] = [];
  private readonly watched = new WeakSet<Page>();

  /** Watches every page of the context, present and future, and the extension's service worker's console. */
  watchContext(context: BrowserContext): void {
    for (const page of context.pages()) void this.watchPage(page);
    context.on('page', (page) => void this.watchPage(page));
    // (Playwright reports a service worker's console, not its uncaught exceptions.)
    context.on('console', (message) => {
      const worker = message.worker();
      if (!worker?.url().startsWith('chrome-extension://') || !['error', 'warning', 'assert'].includes(message.type())) return;
      this.errors.push(`${worker.url()}: console.${message.type()}(${message.text()})`);
    });
  }

  /** Resolves once the page is watched: await it before navigating to see the first load too. */
  async watchPage(page: Page): Promise<void> {
    if (this.watched.has(page)) return;
    this.watched.add(page);
    const cdp = await page.context().newCDPSession(page).catch(() => undefined);
    if (!cdp) return; // the page closed first
    const ours = new Set<number>();
    const where = () => page.url();
    cdp.on('Runtime.executionContextCreated', ({ context }) => {
      if (context.origin.startsWith('chrome-extension://')) ours.add(context.id);
    });
    cdp.on('Runtime.exceptionThrown', ({ exceptionDetails }) => {
      const fromUs =
        ours.has(exceptionDetails.executionContextId ?? -1) ||
        exceptionDetails.url?.startsWith('chrome-extension://') ||
        exceptionDetails.stackTrace?.callFrames.some((frame) => frame.url.startsWith('chrome-extension://'));
      if (fromUs) this.errors.push(`${where()}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    });
    cdp.on('Runtime.consoleAPICalled', ({ type, executionContextId, args }) => {
      if (!ours.has(executionContextId) || !['error', 'warning', 'assert'].includes(type)) return;
      this.errors.push(`${where()}: console.${type}(${args.map((arg) => arg.description ?? String(arg.value)).join(', ')})`);
    });
    await cdp.send('Runtime.enable').catch(() => {});
  }
}
