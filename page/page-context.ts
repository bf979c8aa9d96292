/**
 * How long the extension's work in a page lasts: until the extension is reloaded, updated or
 * removed. Listeners, observers and timers are tied to it, and end with it. (The browser's side of
 * it, which needs the extension's API, is extension/runtime-context.ts.)
 */
export interface PageContext {
  /** Whether the work has ended; code acting on the reader's behalf asks first. */
  readonly isInvalid: boolean;
  /** Calls `callback` when the work ends; returns the function that stops waiting for it. */
  onInvalidated(callback: () => void): () => void;
  /** Listens on the page until the work ends. */
  addEventListener<Type extends keyof DocumentEventMap>(target: Document | HTMLElement, type: Type, listener: (event: DocumentEventMap[Type]) => void, options?: AddEventListenerOptions): void;
}
