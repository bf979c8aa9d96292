import type { PageContext } from './page-context';

/**
 * Reports where a hovering pointer (mouse or pen; touch has no hover) rests, at most once per
 * animation frame, and again when the page scrolls under a still pointer. `undefined` when the
 * pointer leaves the page.
 */
export function trackHoverPointer(ctx: PageContext, onPoint: (point: { x: number; y: number } | undefined) => void) {
  let pointer: { x: number; y: number } | undefined;
  let frameRequested = false;
  const report = () => {
    frameRequested = false;
    onPoint(pointer);
  };
  const requestReport = () => {
    if (frameRequested) return;
    frameRequested = true;
    requestAnimationFrame(report);
  };
  ctx.addEventListener(document, 'pointermove', (event) => {
    if (event.pointerType === 'touch') return;
    pointer = { x: event.clientX, y: event.clientY };
    requestReport();
  }, { passive: true });
  ctx.addEventListener(document, 'scroll', () => pointer && requestReport(), { passive: true, capture: true });
  ctx.addEventListener(document.documentElement, 'pointerleave', () => {
    pointer = undefined;
    onPoint(undefined);
  });
}
