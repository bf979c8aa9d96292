// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { RuntimeContext } from '../../extension/runtime-context';

/** What the browser does to a content script left behind by a reload or update of its extension. */
const takeRuntimeAway = () => vi.spyOn(fakeBrowser.runtime, 'id', 'get').mockReturnValue(undefined as never);

afterEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
});

describe('RuntimeContext', () => {
  it('is valid while the extension runs, and its listeners hear the page', () => {
    const ctx = new RuntimeContext();
    const heard = vi.fn();
    ctx.addEventListener(document, 'click', heard);
    document.dispatchEvent(new MouseEvent('click'));
    expect(ctx.isInvalid).toBe(false);
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it('ends everything tied to it, once, when it finds the runtime gone', () => {
    const ctx = new RuntimeContext();
    const heard = vi.fn();
    const ended = vi.fn();
    const notWaiting = vi.fn();
    ctx.addEventListener(document.documentElement, 'pointerleave', heard);
    ctx.onInvalidated(ended);
    ctx.onInvalidated(notWaiting)();
    takeRuntimeAway();
    // Nothing ends until the context looks (as the reader does before it acts).
    document.documentElement.dispatchEvent(new Event('pointerleave'));
    expect(heard).toHaveBeenCalledTimes(1);
    expect(ctx.isInvalid).toBe(true);
    expect(ctx.isInvalid).toBe(true);
    document.documentElement.dispatchEvent(new Event('pointerleave'));
    expect(heard).toHaveBeenCalledTimes(1);
    expect(ended).toHaveBeenCalledTimes(1);
    expect(notWaiting).not.toHaveBeenCalled();
  });

  it('takes a runtime that throws on being read (Firefox, once its extension is gone) for gone', () => {
    const ctx = new RuntimeContext();
    vi.spyOn(fakeBrowser.runtime, 'id', 'get').mockImplementation(() => {
      throw new TypeError("can't access dead object");
    });
    expect(ctx.isInvalid).toBe(true);
  });
});
