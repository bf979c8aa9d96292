import { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * WXT's content-script context, which ends the extension's work in a page when the extension is
 * reloaded or updated (`ctx.onInvalidated`, `ctx.isInvalid`), without its start announcement.
 * WXT's context puts an event on the page's document at its start, for an older copy of the script
 * to hear and stop; the builds give each copy event names of its own (page/wxt-event-names.ts), so
 * no copy ever hears another's, and the announcement and the listener for it were dead work on
 * every page and in every frame that starts. An older copy stops itself instead, when it next acts,
 * on finding its extension's runtime gone.
 */
export class PageContext extends ContentScriptContext {
  constructor(name: string) {
    super(name, { noScriptStartedPostMessage: true });
  }

  override stopOldScripts(): void {}

  override listenForNewerScripts(): void {}
}
