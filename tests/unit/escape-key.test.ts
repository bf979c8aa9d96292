// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createEscapeKeyListener, type EscapeKeyListener } from '../../extension/escape-key';

const press = (key: string) => {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  document.body.dispatchEvent(event);
  return event;
};

describe('the Escape listener set up before the start has loaded', () => {
  let listener: EscapeKeyListener | undefined;
  afterEach(() => listener?.stop());

  it('lets a key through untouched until the start hands it a handler, then hands it every key', () => {
    listener = createEscapeKeyListener();
    listener.listen();
    expect(press('Escape').defaultPrevented).toBe(false);
    const seen: string[] = [];
    listener.handle = (event) => {
      seen.push(event.key);
      if (event.key === 'Escape') event.preventDefault();
    };
    expect(press('Escape').defaultPrevented).toBe(true);
    press('a');
    expect(seen).toEqual(['Escape', 'a']);
  });

  it('comes before a listener the page adds on the window later, in the capture phase', () => {
    listener = createEscapeKeyListener();
    listener.listen();
    const order: string[] = [];
    listener.handle = (event) => {
      order.push('ours');
      event.stopImmediatePropagation();
    };
    const pages = () => order.push('page');
    window.addEventListener('keydown', pages, true);
    press('Escape');
    window.removeEventListener('keydown', pages, true);
    expect(order).toEqual(['ours']);
  });

  it('hears nothing once stopped (a site the extension is off for), and once again after listen()', () => {
    listener = createEscapeKeyListener();
    const seen: string[] = [];
    listener.handle = (event) => seen.push(event.key);
    listener.listen();
    listener.listen(); // twice: still one listener
    press('Escape');
    listener.stop();
    press('Escape');
    listener.listen();
    press('x');
    expect(seen).toEqual(['Escape', 'x']);
  });
});
