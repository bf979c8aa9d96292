// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '../../components/OptionsApp';

// The options page while the browser has not yet given the organisation's policy: Chromium takes
// seconds to answer just after it starts, with or without a policy. The settings are shown at once
// (a reader without a policy should not wait) and lock when the policy arrives; the topic packs,
// read with the organisation's, say they are being read.

/** A storage.managed.get that answers when the test says so. */
function slowManagedStorage() {
  let answer: (policy: Record<string, unknown>) => void = () => {};
  const pending = new Promise<Record<string, unknown>>((resolve) => (answer = resolve));
  vi.spyOn(fakeBrowser.storage.managed, 'get').mockImplementation(() => pending as never);
  return { answer: (policy: Record<string, unknown>) => act(async () => answer(policy)) };
}

let container: HTMLElement;
beforeEach(() => {
  fakeBrowser.reset();
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
  vi.restoreAllMocks();
});

/** Lets the page's reads of storage (several awaits deep) finish. */
const settle = () =>
  act(async () => {
    for (let round = 0; round < 20; round++) await new Promise((resolve) => setTimeout(resolve, 0));
  });
const switchNamed = (name: string) =>
  [...container.querySelectorAll<HTMLInputElement>('input[role="switch"]')].find((input) => input.closest('label')?.textContent?.includes(name));
const densityRadios = () => [...container.querySelectorAll<HTMLInputElement>('input[name="density"]')];
const text = () => container.textContent ?? '';

describe('the options page before the browser gives the organisation’s policy', () => {
  it('shows the settings at once and the topic packs as being read, then locks what the policy sets', async () => {
    const managed = slowManagedStorage();
    await act(async () => render(<OptionsApp />, container));
    await settle();
    expect(switchNamed('Show context')?.disabled).toBe(false);
    expect(densityRadios().some((radio) => radio.disabled)).toBe(false);
    const packs = container.querySelector('section[aria-labelledby="packs-title"]');
    expect(packs?.getAttribute('aria-busy')).toBe('true');
    expect(packs?.textContent).toContain('Reading the topic packs…');

    await managed.answer({ density: 'first-per-page' });
    await settle();
    expect(densityRadios().every((radio) => radio.disabled)).toBe(true);
    expect(densityRadios().find((radio) => radio.checked)?.value).toBe('first-per-page');
    expect(text()).toContain('Set by your organisation');
    expect(switchNamed('Show context')?.disabled).toBe(false);
    await vi.waitFor(() => expect(text()).toContain('No pack added yet.'));
    expect(container.querySelector('section[aria-labelledby="packs-title"]')?.getAttribute('aria-busy')).toBeNull();
  });

  it('shows everything, changeable, where the browser answers that there is no policy', async () => {
    await act(async () => render(<OptionsApp />, container));
    await settle();
    expect(switchNamed('Show context')?.disabled).toBe(false);
    expect(densityRadios().some((radio) => radio.disabled)).toBe(false);
    expect(text()).not.toContain('Set by your organisation');
    await vi.waitFor(() => expect(text()).toContain('No pack added yet.'));
    expect(text()).not.toContain('Reading the topic packs…');
  });
});
