// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { probeForMentions, type MentionProbe } from '../../page/mention-probe';
import { createMentionProbe } from '../../core/term-anchors';
import { topicProbeSource } from '../../core/topic-probe';

const mayHoldMention = createMentionProbe(topicProbeSource);
let probe: MentionProbe | undefined;

/** Probes the test document; resolves with whether (and how often) it found something, after the page's idle moments. */
function startProbe() {
  const onFound = vi.fn();
  probe = probeForMentions(document, mayHoldMention, onFound);
  return onFound;
}
const idle = () => new Promise((resolve) => setTimeout(resolve, 120));

afterEach(() => {
  probe?.stop();
  probe = undefined;
  document.body.innerHTML = '';
});

describe('the probe before the page reader is loaded', () => {
  it('finds a page whose text holds a term, once', async () => {
    document.body.innerHTML = '<article><h1>News</h1><p>Hua<b>wei</b> said on Monday…</p><p>More about Huawei.</p></article>';
    const onFound = startProbe();
    await idle();
    expect(onFound).toHaveBeenCalledTimes(1);
    document.body.append('Huawei again');
    await idle();
    expect(onFound).toHaveBeenCalledTimes(1);
  });

  it('passes over a page (or an ad frame) with nothing to read, and stays quiet while unrelated text arrives', async () => {
    document.body.innerHTML = '<div class="ad"><a href="#">Buy shoes</a></div><img alt="">';
    const onFound = startProbe();
    await idle();
    document.body.insertAdjacentHTML('beforeend', '<p>Weather: sunny, 21 degrees.</p>');
    await idle();
    expect(onFound).not.toHaveBeenCalled();
  });

  it('wakes up when a mention arrives later: an element, a text node, or a text changed in place', async () => {
    for (const arrive of [
      () => document.body.insertAdjacentHTML('beforeend', '<section><p>The <em>Entity List</em> grew.</p></section>'),
      () => document.querySelector('p')!.append(document.createTextNode(' and 5G')),
      () => ((document.querySelector('p')!.firstChild as Text).data = 'Loading… the Commerce Department says'),
    ]) {
      document.body.innerHTML = '<p>Loading…</p>';
      const onFound = startProbe();
      await idle();
      expect(onFound).not.toHaveBeenCalled();
      arrive();
      await idle();
      expect(onFound).toHaveBeenCalledTimes(1);
      probe!.stop();
    }
  });

  it('finds text in an open shadow root, there at load or filled in later', async () => {
    document.body.innerHTML = '<news-card></news-card>';
    const shadow = document.querySelector('news-card')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>Huawei in a shadow tree</p>';
    let onFound = startProbe();
    await idle();
    expect(onFound).toHaveBeenCalledTimes(1);
    probe!.stop();

    shadow.innerHTML = '<p>Nothing yet</p>';
    onFound = startProbe();
    await idle();
    expect(onFound).not.toHaveBeenCalled();
    shadow.querySelector('p')!.textContent = 'Now about 3GPP';
    await idle();
    expect(onFound).toHaveBeenCalledTimes(1);
  });

  it('finds a shadow root behind thousands of elements (searched a slice at a time) and one inside another', async () => {
    document.body.innerHTML = `<div>${'<span>x</span>'.repeat(4000)}</div><outer-box></outer-box>`;
    const outer = document.querySelector('outer-box')!.attachShadow({ mode: 'open' });
    outer.innerHTML = '<inner-box></inner-box>';
    outer.querySelector('inner-box')!.attachShadow({ mode: 'open' }).innerHTML = '<p>Entity List</p>';
    const onFound = startProbe();
    await vi.waitFor(() => expect(onFound).toHaveBeenCalledTimes(1), { timeout: 2000 });
  });

  it('finds a term split by markup after many text nodes, reading a slice at a time', async () => {
    document.body.innerHTML = `${'<p>Plain words.</p>'.repeat(3000)}<p>Hua<b>wei</b></p>`;
    const onFound = startProbe();
    await vi.waitFor(() => expect(onFound).toHaveBeenCalledTimes(1), { timeout: 5000 });
  });

  it('leaves a document too long to read within its budget to the page reader (which reads near the viewport first)', async () => {
    document.body.innerHTML = '<p>Plain words in a long page, with nothing to find in them at all.</p>'.repeat(20000);
    const onFound = startProbe();
    await vi.waitFor(() => expect(onFound).toHaveBeenCalledTimes(1), { timeout: 10000 });
  }, 20_000);

  it('after stop(), finds nothing more', async () => {
    document.body.innerHTML = '<p>Nothing</p>';
    const onFound = startProbe();
    await idle();
    probe!.stop();
    document.body.insertAdjacentHTML('beforeend', '<p>Huawei</p>');
    await idle();
    expect(onFound).not.toHaveBeenCalled();
  });
});
