import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startContent } from '../extension/content-start';

/**
 * What a frame imports (`/frame-start.js`, an ES module built by wxt.config.ts) once its probe
 * (entrypoints/document.ts) has found something that may be a mention: the same start as the top
 * document's content script, with a content-script context of its own. The default export is
 * there only for WXT to find the entrypoint, and never runs.
 */
export default defineUnlistedScript(() => {});

let started: Promise<void> | undefined;

/** Starts the frame, once, whichever of its probes (the build's terms, the packs') found something first. */
export function startInFrame(): Promise<void> {
  started ??= (async () => {
    // Imported here, not at the top: WXT loads each entrypoint in Node to read its options, where the
    // context's module cannot be evaluated. The build inlines it (wxt.config.ts).
    const { PageContext } = await import('../extension/page-context');
    return startContent(new PageContext('frame'), { probed: true });
  })();
  return started;
}
