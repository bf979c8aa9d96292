import { isDarkColour } from '../core/colour';

/**
 * Whether the page is dark where `element` is. The first mostly opaque background behind it
 * decides (through shadow roots to their hosts); with none, the page's canvas: dark where the page
 * declares only the dark colour scheme, or both and the reader prefers dark.
 * The card takes the page's theme, not the system's: a dark card on a white article, or a white one
 * on a dark forum, looks pasted on.
 */
export function isDarkBehind(element: Element | null): boolean {
  for (let current = element; current; current = current.parentElement ?? ((current.getRootNode() as ShadowRoot).host ?? null)) {
    const dark = isDarkColour(getComputedStyle(current).backgroundColor);
    if (dark !== undefined) return dark;
  }
  // The canvas's scheme: the root's `color-scheme`, or the `<meta name="color-scheme">` it defaults to.
  const declared = getComputedStyle(document.documentElement).colorScheme;
  const scheme = declared === 'normal' ? (document.querySelector('meta[name="color-scheme"]')?.getAttribute('content') ?? '') : declared;
  if (!scheme.includes('dark')) return false;
  return !scheme.includes('light') || matchMedia('(prefers-color-scheme: dark)').matches;
}
