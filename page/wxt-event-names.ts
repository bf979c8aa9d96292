
// Replaces WXT's `utils/internal/custom-events.mjs` in the builds (see `privateEventNames` in
// wxt.config.ts), with the same exports. WXT names the events its content-script context puts on
// the page's document (the start announcement that stops an older copy of the script; location
// changes) after the extension's id, which is public: a page listening for that name learns the
// extension is installed, and one dispatching it could stop it. Here each copy of the script names
// them with a random ending of its own, which no page can know and no browser call is needed for:
// the first call to the browser's API costs each frame's world ~0.1 ms, and most frames never make
// one (see entrypoints/document.ts). So an older copy is not told to stop by a
// newer one: it stops itself, when it next acts, on finding its extension's runtime gone
// (`ctx.isInvalid` in extension/page-reader.ts; an e2e test reloads the extension under an open page).

const ownSuffix = `${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;

/** An event name of this copy of the content script's own, that no page can guess. */
export function getUniqueEventName(eventName: string): string {
  return `${eventName}:${ownSuffix}`;
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
