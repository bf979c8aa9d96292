import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startContent } from '../extension/content-start';
import type { EscapeKeyListener } from '../extension/escape-key';

/**
 * The start of a document (`/start.js`, an ES module built by wxt.config.ts) that its content script
 * (entrypoints/document.ts) imports: in the top document at once, in a frame once its probe has
 * found something that may be a mention. The settings check, then the page reader where the
 * extension is on (extension/content-start.ts), with a content-script context of its own. A module
 * rather than part of the content script: Chromium compiles an imported module off the page's main
 * thread and keeps it compiled, where it compiles a content script on the main thread on every
 * page (1.2 ms of every page's start, measured, for the 15 KB this was). The default export is
 * there only for WXT to find the entrypoint, and never runs.
 */
export default defineUnlistedScript(() => {});

// Imported where used, not at the top: WXT loads each entrypoint in Node to read its options, where
// the context's module cannot be evaluated. The build inlines it (wxt.config.ts).
const newContext = async (name: string) => {
  const { ContentScriptContext } = await import('wxt/utils/content-script-context');
  return new ContentScriptContext(name, { noScriptStartedPostMessage: true });
};

/** Starts the top document, with the Escape listener its content script set up at document_start. */
export async function startInTop(escapeKey: EscapeKeyListener): Promise<void> {
  return startContent(await newContext('content'), { probed: false, escapeKey });
}

let started: Promise<void> | undefined;

/** Starts the frame, once, whichever of its probes (the build's terms, the packs') found something first. */
export function startInFrame(): Promise<void> {
  started ??= newContext('frame').then((ctx) => startContent(ctx, { probed: true }));
  return started;
}
