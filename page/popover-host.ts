import { autoUpdate, computePosition, flip, offset, shift, size, type VirtualElement } from '@floating-ui/dom';
import { render, type ComponentChild } from 'preact';
import type { PageContext } from './page-context';
import popoverCss from '../components/mention-popover.css?raw';

/**
 * The host's tag: ours, with a random ending per page, so that a page cannot define (or style, or
 * query for) an element of that name in advance.
 */
export const POPOVER_TAG = `fact-context-popover-${Math.random().toString(36).slice(2, 8).replace(/[^a-z]/g, 'x')}`;

/**
 * Repositions the card whenever its mention may have moved. Floating UI's autoUpdate finds the
 * scroll containers by walking up to `document.body`, and throws in a document without one: there,
 * any scroll (captured at the document) or resize triggers it instead.
 */
function followAnchor(anchor: PopoverAnchor, host: HTMLElement, update: () => void): () => void {
  if (document.body) return autoUpdate(anchor as VirtualElement, host, update);
  const stop = autoUpdate(anchor as VirtualElement, host, update, { ancestorScroll: false, ancestorResize: false });
  const options = { capture: true, passive: true };
  document.addEventListener('scroll', update, options);
  window.addEventListener('resize', update, options);
  return () => {
    stop();
    document.removeEventListener('scroll', update, options);
    window.removeEventListener('resize', update, options);
  };
}

export interface PopoverAnchor {
  /** The mention's box now (read each time the card is positioned). */
  getBoundingClientRect(): DOMRect;
  /** An element of the page near the mention, whose scroll containers move it. */
  contextElement: Element;
}

export interface ShowOptions {
  /** Move focus into the card (it was opened from the keyboard); Escape hands it back. */
  focus?: boolean;
  /** A polite live-region announcement. */
  announce?: string;
  /** The page's theme where the mention is (the card matches it). */
  dark?: boolean;
}

export interface PopoverHostEvents {
  onPointerEnter(): void;
  onPointerLeave(): void;
  onEscape(): void;
}

/**
 * The card's container: an open shadow root (page CSS cannot reach in) on a host shown in the top layer
 * with the Popover API (no page z-index can cover it), positioned next to its mention by Floating
 * UI, which flips and shifts it to stay in the viewport. It is added to the page on first use only.
 */
export function createPopoverHost(ctx: PageContext, events: PopoverHostEvents) {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(popoverCss);
  // The host and its open shadow root. (Not WXT's createShadowRootUi: it brings auto-mounting and
  // CSS fetching that we do not use, and its weight would take the content script over budget.)
  const host = document.createElement(POPOVER_TAG);
  const shadowRoot = host.attachShadow({ mode: 'open' });
  shadowRoot.adoptedStyleSheets = [sheet];
  const container = document.createElement('div');
  // Said by screen readers when the card is opened from the keyboard ("Huawei, mention 3 of 12").
  const announcer = document.createElement('div');
  announcer.setAttribute('role', 'status');
  announcer.className = 'visually-hidden';
  shadowRoot.append(container, announcer);
  host.setAttribute('popover', 'manual');
  host.addEventListener('pointerenter', events.onPointerEnter);
  host.addEventListener('pointerleave', events.onPointerLeave);
  for (const type of ['keydown', 'keyup', 'keypress']) {
    // Keys typed in the card never reach the page's shortcuts.
    shadowRoot.addEventListener(type, (event) => {
      if (type === 'keydown' && (event as KeyboardEvent).key === 'Escape') events.onEscape();
      event.stopPropagation();
    });
  }
  ctx.onInvalidated(() => {
    render(null, container);
    host.remove();
  });
  let stopAutoUpdate: (() => void) | undefined;
  let focusBeforeCard: Element | null = null;

  const place = async (anchor: PopoverAnchor) => {
    // Floating UI measures the viewport through `document.body`, and throws without one: give it
    // the viewport's rect directly there.
    const html = document.documentElement;
    const rootBoundary = document.body ? 'viewport' : { x: 0, y: 0, width: html.clientWidth, height: html.clientHeight };
    const { x, y } = await computePosition(anchor as VirtualElement, host, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        offset(6),
        flip({ padding: 8, rootBoundary }),
        shift({ padding: 8, rootBoundary }),
        // Where neither side has room for the whole card, it gets the room there is and scrolls.
        size({
          padding: 8,
          rootBoundary,
          apply: ({ availableHeight }) => host.style.setProperty('--fc-available-height', `${Math.max(120, availableHeight)}px`),
        }),
      ],
    });
    host.style.setProperty('--fc-left', `${x}px`);
    host.style.setProperty('--fc-top', `${y}px`);
    // A mention scrolled out of the viewport takes its card with it.
    const mention = anchor.getBoundingClientRect();
    const outOfView = mention.bottom < 0 || mention.top > innerHeight || mention.right < 0 || mention.left > innerWidth;
    host.style.setProperty('--fc-visibility', outOfView ? 'hidden' : 'visible');
  };

  const isOpen = () => host.isConnected && host.matches(':popover-open');

  return {
    show(anchor: PopoverAnchor, content: ComponentChild, options: ShowOptions = {}) {
      if (!host.isConnected) (document.body ?? document.documentElement).append(host);
      // The page's zoom on an ancestor multiplies ours: divide it out (currentCSSZoom: Chromium 128+).
      const pageZoom = host.parentElement?.currentCSSZoom ?? 1;
      host.style.setProperty('--fc-zoom', String(pageZoom > 0 ? 1 / pageZoom : 1));
      host.dataset.theme = options.dark ? 'dark' : 'light';
      if (document.activeElement !== host) focusBeforeCard = document.activeElement;
      render(content, container);
      if (!isOpen()) host.showPopover();
      announcer.textContent = options.announce ?? '';
      if (options.focus) container.querySelector<HTMLElement>('[role="dialog"]')?.focus({ preventScroll: true });
      stopAutoUpdate?.();
      stopAutoUpdate = followAnchor(anchor, host, () => void place(anchor));
    },
    hide() {
      stopAutoUpdate?.();
      stopAutoUpdate = undefined;
      const focusWasInCard = shadowRoot?.activeElement != null;
      if (isOpen()) host.hidePopover();
      render(null, container);
      // Hand focus back to where the reader was (WCAG 2.4.3).
      if (focusWasInCard && focusBeforeCard instanceof HTMLElement) focusBeforeCard.focus();
    },
    isOwnElement: (element: Element) => element === host,
    get hasFocus() {
      return shadowRoot.activeElement !== null;
    },
    get isOpen() {
      return isOpen();
    },
  };
}

export type PopoverHost = ReturnType<typeof createPopoverHost>;
