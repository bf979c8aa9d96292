import { autoUpdate, computePosition, flip, offset, shift, size, type VirtualElement } from '@floating-ui/dom';
import { render, type ComponentChild } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import popoverCss from '../components/mention-popover.css?inline';

/**
 * The host's tag: ours, with a random ending per page, so that a page cannot define (or style, or
 * query for) an element of that name in advance.
 */
export const POPOVER_TAG = `fact-context-popover-${Math.random().toString(36).slice(2, 8).replace(/[^a-z]/g, 'x')}`;

// Inline and !important: the page's own CSS (even `* { all: unset !important }`) cannot move,
// hide or restyle the host. The shadow root keeps page CSS away from everything inside it.
const HOST_STYLE = [
  'position: fixed', 'inset: auto', 'top: 0', 'left: 0', 'margin: 0', 'padding: 0', 'border: 0',
  'background: transparent', 'overflow: visible', 'width: max-content', 'height: auto',
  'max-width: none', 'max-height: none', 'display: block', 'z-index: 2147483647', 'color-scheme: light dark',
  'transform: none', 'zoom: 1', 'opacity: 1', 'pointer-events: auto',
].map((declaration) => `${declaration} !important`).join('; ');

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
export function createPopoverHost(ctx: ContentScriptContext, events: PopoverHostEvents) {
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
    const { x, y } = await computePosition(anchor as VirtualElement, host, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        offset(6),
        flip({ padding: 8 }),
        shift({ padding: 8 }),
        // Where neither side has room for the whole card, it gets the room there is and scrolls.
        size({
          padding: 8,
          apply: ({ availableHeight }) => host.style.setProperty('--fc-available-height', `${Math.max(120, availableHeight)}px`),
        }),
      ],
    });
    host.style.setProperty('left', `${x}px`, 'important');
    host.style.setProperty('top', `${y}px`, 'important');
    // A mention scrolled out of the viewport takes its card with it.
    const mention = anchor.getBoundingClientRect();
    const outOfView = mention.bottom < 0 || mention.top > innerHeight || mention.right < 0 || mention.left > innerWidth;
    host.style.setProperty('visibility', outOfView ? 'hidden' : 'visible', 'important');
  };

  const isOpen = () => host.isConnected && host.matches(':popover-open');

  return {
    show(anchor: PopoverAnchor, content: ComponentChild, options: ShowOptions = {}) {
      if (!host.isConnected) (document.body ?? document.documentElement).append(host);
      host.setAttribute('style', HOST_STYLE);
      if (document.activeElement !== host) focusBeforeCard = document.activeElement;
      render(content, container);
      if (!isOpen()) host.showPopover();
      announcer.textContent = options.announce ?? '';
      if (options.focus) container.querySelector<HTMLElement>('[role="dialog"]')?.focus({ preventScroll: true });
      stopAutoUpdate?.();
      stopAutoUpdate = autoUpdate(anchor as VirtualElement, host, () => void place(anchor));
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
