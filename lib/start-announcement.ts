import { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ContentScriptContext as Context } from 'wxt/utils/content-script-context';

/**
 * WXT's content-script context stops an older copy of the script (left running by an update of
 * the extension) when a newer one starts, through an event on `document` whose name is made of the
 * extension's id, which is public (it is in the store's address). Any page could dispatch that
 * event and so turn the extension off on its page. Every such event is swallowed here before WXT's
 * listener hears it (a capture listener on the window runs before the document's own). An older
 * copy is stopped instead the next time it acts and finds the extension's runtime gone
 * (`ctx.isInvalid`, checked by the page reader on every page change and pointer move).
 */
export function ignoreStartAnnouncements(ctx: Context): void {
  // WXT's name for the event (a private static of its context class).
  const type = (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE: string }).SCRIPT_STARTED_MESSAGE_TYPE;
  const swallow = (event: Event) => event.stopImmediatePropagation();
  window.addEventListener(type, swallow, { capture: true });
  ctx.onInvalidated(() => window.removeEventListener(type, swallow, { capture: true }));
}
