/**
 * Escape closes the card open in any frame of the tab, wherever focus is (WCAG 1.4.13), and the page
 * never sees an Escape that closed a card: a keydown listener on the window, in the capture phase,
 * set up at document_start so that no listener of the page's own comes first. The top document sets
 * it up in its content script (entrypoints/document.ts), before the start module that handles the
 * key (extension/content-start.ts) has loaded; a frame, when its start runs.
 */
export interface EscapeKeyListener {
  /** What a keydown does; until it is set, nothing (no card can be open yet). */
  handle: ((event: KeyboardEvent) => void) | undefined;
  /** Listens (again), if not listening. */
  listen(): void;
  /** Stops listening: where the extension is off, the page's keys pay for no listener of ours. */
  stop(): void;
}

export function createEscapeKeyListener(): EscapeKeyListener {
  let listening = false;
  const onKeydown = (event: KeyboardEvent) => listener.handle?.(event);
  const listener: EscapeKeyListener = {
    handle: undefined,
    listen() {
      if (listening) return;
      listening = true;
      window.addEventListener('keydown', onKeydown, true);
    },
    stop() {
      listening = false;
      window.removeEventListener('keydown', onKeydown, true);
    },
  };
  return listener;
}
