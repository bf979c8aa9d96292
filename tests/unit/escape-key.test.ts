import { describe, expect, it } from 'vitest';
import { escapeOutcome } from '../../core/escape-key';

// Escape closes the card in whichever frame of the tab it is open (WCAG 1.4.13), and the page does
// not also act on an Escape that closed one (a page's own Escape might close its dialog or leave
// full screen). An Escape that closed nothing is the page's.

describe('escapeOutcome', () => {
  it('closes the card open here and keeps the key from the page, telling no one', () => {
    expect(escapeOutcome(true, false, true)).toEqual({ tellOtherFrames: false, keepFromPage: true });
    expect(escapeOutcome(true, true, true)).toEqual({ tellOtherFrames: false, keepFromPage: true });
  });

  it('asks the background to close the card open in another frame, and keeps the key from the page', () => {
    expect(escapeOutcome(false, true, true)).toEqual({ tellOtherFrames: true, keepFromPage: true });
    // A frame that reads nothing still passes it on: the card may be in a frame that does.
    expect(escapeOutcome(false, true, false)).toEqual({ tellOtherFrames: true, keepFromPage: true });
  });

  it('leaves an Escape that closed nothing to the page, passing it on from a frame that reads in case a card has just opened elsewhere', () => {
    expect(escapeOutcome(false, false, true)).toEqual({ tellOtherFrames: true, keepFromPage: false });
    expect(escapeOutcome(false, false, false)).toEqual({ tellOtherFrames: false, keepFromPage: false });
  });
});
