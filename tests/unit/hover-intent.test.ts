import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHoverIntent } from '../../core/hover-intent';

describe('createHoverIntent', () => {
  let events: string[];
  let intent: ReturnType<typeof createHoverIntent<string>>;

  beforeEach(() => {
    vi.useFakeTimers();
    events = [];
    intent = createHoverIntent<string>({
      openDelayMs: 400,
      closeDelayMs: 300,
      onOpen: (target) => events.push(`open ${target}`),
      onClose: () => events.push('close'),
    });
  });
  afterEach(() => vi.useRealTimers());

  it('opens only after the pointer rests on a target', () => {
    intent.pointerOver('a');
    vi.advanceTimersByTime(399);
    expect(events).toEqual([]);
    intent.pointerOver('a'); // moving within the same mention does not restart the dwell
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['open a']);
    expect(intent.openTarget).toBe('a');
  });

  it('opens nothing when the pointer sweeps across', () => {
    intent.pointerOver('a');
    vi.advanceTimersByTime(200);
    intent.pointerOver(undefined);
    intent.pointerOver('b');
    vi.advanceTimersByTime(200);
    intent.pointerOver(undefined);
    vi.advanceTimersByTime(1000);
    expect(events).toEqual([]);
  });

  it('closes after a grace period once the pointer leaves', () => {
    intent.pointerOver('a');
    vi.advanceTimersByTime(400);
    intent.pointerOver(undefined);
    vi.advanceTimersByTime(299);
    expect(events).toEqual(['open a']);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['open a', 'close']);
  });

  it('stays open while the pointer is in the card, and closes after it leaves', () => {
    intent.pointerOver('a');
    vi.advanceTimersByTime(400);
    intent.pointerOver(undefined);
    vi.advanceTimersByTime(200);
    intent.pointerEnteredCard();
    vi.advanceTimersByTime(5000);
    expect(events).toEqual(['open a']);
    intent.pointerLeftCard();
    vi.advanceTimersByTime(300);
    expect(events).toEqual(['open a', 'close']);
  });

  it('returning to the mention cancels the close', () => {
    intent.pointerOver('a');
    vi.advanceTimersByTime(400);
    intent.pointerOver(undefined);
    vi.advanceTimersByTime(200);
    intent.pointerOver('a');
    vi.advanceTimersByTime(1000);
    expect(events).toEqual(['open a']);
  });

  it('switches to another mention after it too is rested on', () => {
    intent.pointerOver('a');
    vi.advanceTimersByTime(400);
    intent.pointerOver('b');
    vi.advanceTimersByTime(400);
    expect(events).toEqual(['open a', 'open b']);
  });

  it('dismisses at once, and a dismissed card does not come back by itself', () => {
    intent.pointerOver('a');
    vi.advanceTimersByTime(400);
    intent.dismiss();
    vi.advanceTimersByTime(1000);
    expect(events).toEqual(['open a', 'close']);
    expect(intent.openTarget).toBeUndefined();
  });

  it('keeps a dismissed card closed while the pointer stays on its mention', () => {
    intent.pointerOver('a');
    vi.advanceTimersByTime(400);
    intent.dismiss();
    intent.pointerOver('a');
    vi.advanceTimersByTime(1000);
    expect(events).toEqual(['open a', 'close']);
    intent.pointerOver(undefined);
    intent.pointerOver('a');
    vi.advanceTimersByTime(400);
    expect(events).toEqual(['open a', 'close', 'open a']);
  });
});
