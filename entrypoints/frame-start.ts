import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startContent } from '../extension/content-start';
import { RuntimeContext } from '../extension/runtime-context';

/**
 * What a frame imports (`/frame-start.js`, an ES module built by wxt.config.ts) once its probe
 * (entrypoints/document.ts) has found something that may be a mention: the same start as the top
 * document's content script, with a context of its own (extension/runtime-context.ts). The
 * default export is there only for WXT to find the entrypoint, and never runs.
 */
export default defineUnlistedScript(() => {});

let started: Promise<void> | undefined;

/** Starts the frame, once, whichever of its probes (the build's terms, the packs') found something first. */
export function startInFrame(): Promise<void> {
  started ??= startContent(new RuntimeContext(), { probed: true });
  return started;
}
