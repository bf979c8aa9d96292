import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContent } from '../../extension/content-start';

/**
 * What runs in the top document of every page: extension/content-start.ts (the settings check and the
 * probe; the page reader where something may be a mention). Frames get entrypoints/frame.ts,
 * which is lighter still until it finds something.
 */
export default defineContentScript({
  matches: ['<all_urls>'],
  // Early so that, where the extension is on, the highlight style sheet is added before the page
  // is styled: added later, it makes the browser restyle every element (~0.4 s on a 50,000-element
  // page). The reading waits for the page's first idle moment.
  runAt: 'document_start',
  cssInjectionMode: 'manual',
  // The top document only: frames have their own script (entrypoints/frame.ts).
  allFrames: false,
  matchAboutBlank: true,
  matchOriginAsFallback: true,
  // WXT would also announce each start with window.postMessage: every page's own "message"
  // listeners would receive it (and could tell the extension is there), and on a slow machine the
  // call cost 7-9 ms of the script's start. Its document event alone does the job.
  noScriptStartedPostMessage: true,
  main: (ctx) => startContent(ctx, { probed: false }),
});
