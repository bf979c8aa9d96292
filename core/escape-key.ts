/** What an Escape pressed in one frame of a tab does (extension/content-start.ts listens for it). */
export interface EscapeOutcome {
  /** Tell the background, which closes the card open in another frame of the tab. */
  tellOtherFrames: boolean;
  /** Keep the key from the page: it closed a card, so the page must not act on it as well. */
  keepFromPage: boolean;
}

/**
 * Escape closes the card open in any frame of the tab, wherever focus is (WCAG 1.4.13), and the page
 * never sees an Escape that closed one. `closedHere`: this frame had a card open or opening, now
 * closed. `cardOpenInTab`: the background said a card is open in another frame. `reading`: this
 * frame's page reader has started (a frame that reads nothing has shown no card).
 */
export function escapeOutcome(closedHere: boolean, cardOpenInTab: boolean, reading: boolean): EscapeOutcome {
  if (closedHere) return { tellOtherFrames: false, keepFromPage: true };
  if (cardOpenInTab) return { tellOtherFrames: true, keepFromPage: true };
  // The background's word that a card opened in another frame may still be on its way (it is sent
  // as the card starts to open): a frame that reads passes Escape on anyway, but lets the page have it too.
  return { tellOtherFrames: reading, keepFromPage: false };
}
