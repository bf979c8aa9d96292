// A locator's description, sent to the page (in-page.ts) as data: each step narrows the elements
// found by the one before.

/** A string (case-insensitive substring, or whole text when `exact`) or a regular expression's source and flags. */
export type TextMatcher = string | { regex: string; flags: string };

export type Step =
  /** The shadow root of the extension's card, wherever its host is. */
  | { kind: 'card' }
  | { kind: 'css'; selector: string }
  | { kind: 'role'; role: string; name?: TextMatcher; exact?: boolean; level?: number; includeHidden?: boolean }
  | { kind: 'text'; text: TextMatcher; exact?: boolean }
  | { kind: 'label'; label: TextMatcher; exact?: boolean }
  /** Keeps those whose text contains this. */
  | { kind: 'hasText'; text: TextMatcher }
  | { kind: 'nth'; index: number };

export const toTextMatcher = (value: string | RegExp): TextMatcher => (typeof value === 'string' ? value : { regex: value.source, flags: value.flags });
