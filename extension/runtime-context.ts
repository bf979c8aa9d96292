import { browser } from 'wxt/browser';
import type { PageContext } from '../page/page-context';

/**
 * The extension's work in a page (page/page-context.ts), ended when the extension is reloaded,
 * updated or removed: a copy of the content script left on an open page by an update finds its
 * extension's runtime gone the next time it acts (`isInvalid`), and everything tied to it ends.
 *
 * WXT's ContentScriptContext does this and more, and was used until 2026-12-06. Of its more, the
 * extension used nothing, and one part had to be undone: at every start it put an event on the
 * page's document, named after the extension's public id (any page could listen for it to learn the
 * extension is installed, or dispatch it to stop the extension), which the build renamed with a
 * plugin. It was 3 KB of the 15 KB script that every document runs.
 */
export class RuntimeContext implements PageContext {
  readonly #ended = new AbortController();

  /** Whether the extension's runtime is gone; the first time it is found gone, everything tied to the context ends. */
  get isInvalid(): boolean {
    if (!this.#ended.signal.aborted && runtimeIsGone()) this.#ended.abort();
    return this.#ended.signal.aborted;
  }

  onInvalidated(callback: () => void): () => void {
    this.#ended.signal.addEventListener('abort', callback);
    return () => this.#ended.signal.removeEventListener('abort', callback);
  }

  addEventListener<Type extends keyof DocumentEventMap>(target: Document | HTMLElement, type: Type, listener: (event: DocumentEventMap[Type]) => void, options?: AddEventListenerOptions): void {
    target.addEventListener(type, listener as EventListener, { ...options, signal: this.#ended.signal });
  }
}

function runtimeIsGone(): boolean {
  try {
    return browser.runtime?.id == null;
  } catch {
    return true; // Firefox throws on a dead object's properties once the extension is gone
  }
}
