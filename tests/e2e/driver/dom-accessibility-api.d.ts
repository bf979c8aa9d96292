// dom-accessibility-api ships its types, but its package.json `exports` has no `types` entry, so
// TypeScript's bundler resolution cannot find them: the three functions in-page.ts uses.
declare module 'dom-accessibility-api' {
  export function computeAccessibleName(element: Element): string;
  export function getRole(element: Element): string | null;
  export function isInaccessible(element: Element): boolean;
}
