/**
 * When to open and close a hover card, as a small state machine with injectable timers.
 *
 * - Opening waits for the pointer to rest on a target (`openDelayMs`), so sweeping across a page
 *   opens nothing (Wikipedia's page previews wait ~500 ms).
 * - Closing waits `closeDelayMs` after the pointer leaves, so it can travel into the card; while the
 *   pointer is in the card it stays open (WCAG 2.2, 1.4.13 Content on Hover or Focus: hoverable,
 *   persistent, dismissible).
 */

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface HoverIntentOptions<T> {
  openDelayMs: number;
  closeDelayMs: number;
  onOpen(target: T): void;
  onClose(): void;
  timers?: Timers;
}

export interface HoverIntent<T> {
  /** The pointer is now over `target`, or over nothing of ours (`undefined`). */
  pointerOver(target: T | undefined): void;
  pointerEnteredCard(): void;
  pointerLeftCard(): void;
  /** Open at once (keyboard, a tap, a command). */
  openNow(target: T): void;
  /** Close at once (Escape, the close button). */
  dismiss(): void;
  /**
   * The card went away without us (the page removed or hid it): forget it, so that the next
   * hover opens it again (unlike `dismiss`, which keeps it closed until the pointer leaves).
   */
  closedElsewhere(): void;
  readonly openTarget: T | undefined;
}

export function createHoverIntent<T>(options: HoverIntentOptions<T>): HoverIntent<T> {
  const timers: Timers = options.timers ?? {
    setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  let openTarget: T | undefined;
  let pendingTarget: T | undefined;
  let openTimer: unknown;
  let closeTimer: unknown;
  let pointerInCard = false;
  // A card dismissed with Escape stays closed until the pointer leaves its mention.
  let dismissedTarget: T | undefined;

  const cancelOpen = () => {
    if (openTimer !== undefined) timers.clearTimeout(openTimer);
    openTimer = undefined;
    pendingTarget = undefined;
  };
  const cancelClose = () => {
    if (closeTimer !== undefined) timers.clearTimeout(closeTimer);
    closeTimer = undefined;
  };
  const open = (target: T) => {
    cancelOpen();
    cancelClose();
    openTarget = target;
    options.onOpen(target);
  };
  const close = () => {
    cancelOpen();
    cancelClose();
    pointerInCard = false;
    if (openTarget === undefined) return;
    openTarget = undefined;
    options.onClose();
  };
  const scheduleClose = () => {
    if (openTarget === undefined || closeTimer !== undefined || pointerInCard) return;
    closeTimer = timers.setTimeout(() => {
      closeTimer = undefined;
      close();
    }, options.closeDelayMs);
  };

  return {
    pointerOver(target) {
      if (pointerInCard) return;
      if (target !== dismissedTarget) dismissedTarget = undefined;
      else if (target !== undefined) return;
      if (target === undefined) {
        cancelOpen();
        scheduleClose();
        return;
      }
      if (target === openTarget) {
        cancelOpen();
        cancelClose();
        return;
      }
      if (target === pendingTarget) return;
      cancelOpen();
      pendingTarget = target;
      openTimer = timers.setTimeout(() => open(target), options.openDelayMs);
      // Moving from an open card's mention to another one: keep the card until the new one opens.
      if (openTarget !== undefined) cancelClose();
    },
    pointerEnteredCard() {
      pointerInCard = true;
      cancelOpen();
      cancelClose();
    },
    pointerLeftCard() {
      pointerInCard = false;
      scheduleClose();
    },
    openNow(target) {
      dismissedTarget = undefined;
      open(target);
    },
    dismiss() {
      dismissedTarget = openTarget ?? pendingTarget;
      close();
    },
    closedElsewhere: close,
    get openTarget() {
      return openTarget;
    },
  };
}
