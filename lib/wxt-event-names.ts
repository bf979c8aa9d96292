import { browser } from 'wxt/browser';

// Replaces WXT's `utils/internal/custom-events.mjs` in the builds (see `privateEventNames` in
// wxt.config.ts), with the same exports. WXT names the events its content-script context puts on
// the page's document (the start announcement that stops an older copy of the script; location
// changes) after the extension's id, which is public: a page listening for that name learns the
// extension is installed, and one dispatching it could stop it. Here they are named after the
// extension's private origin instead, which no page can know: in Chromium the per-session random
// ID of its web-accessible modules (use_dynamic_url), in Firefox its per-install random UUID.

/** An event name of this content script's own, that no page can guess. */
export function getUniqueEventName(eventName: string): string {
  return `${browser.runtime.getURL('/reader.js')}:${import.meta.env.ENTRYPOINT}:${eventName}`;
}

export class WxtLocationChangeEvent extends Event {
  static EVENT_NAME = getUniqueEventName('wxt:locationchange');
  constructor(
    readonly newUrl: URL,
    readonly oldUrl: URL,
  ) {
    super(WxtLocationChangeEvent.EVENT_NAME, {});
  }
}
