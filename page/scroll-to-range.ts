/**
 * Brings a range of text into the middle of the view. There is no Range.scrollIntoView: its
 * element is scrolled into view first, then, where the element is larger than the view (a tall
 * article, a wide <pre>), each scrollable ancestor from the innermost out is scrolled on to the
 * text itself.
 */
export function scrollRangeIntoView(range: Range): void {
  const element = range.startContainer.parentElement;
  if (!element) return;
  element.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
  const viewport = document.scrollingElement;
  for (let ancestor: Element | null = element; ancestor; ancestor = ancestor.parentElement) {
    const scrollsX = ancestor.scrollWidth > ancestor.clientWidth;
    const scrollsY = ancestor.scrollHeight > ancestor.clientHeight;
    if (!scrollsX && !scrollsY) continue;
    const box = ancestor === viewport ? new DOMRect(0, 0, innerWidth, innerHeight) : ancestor.getBoundingClientRect();
    const text = range.getBoundingClientRect();
    const dx = scrollsX && (text.left < box.left || text.right > box.right) ? (text.left + text.right) / 2 - (box.left + box.right) / 2 : 0;
    const dy = scrollsY && (text.top < box.top || text.bottom > box.bottom) ? (text.top + text.bottom) / 2 - (box.top + box.bottom) / 2 : 0;
    if (dx || dy) ancestor.scrollBy({ left: dx, top: dy, behavior: 'instant' });
  }
}
