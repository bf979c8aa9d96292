import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { bundledPageFacts, loadPageFacts, topicIds } from '../extension/extension-data';
import { loadSettingsPolicy } from '../extension/managed-policy';
import { loadSettings, saveSettings, watchSettings } from '../extension/settings-store';
import type { MessageUItoBG, PageSummary, ResponseTo } from '../core/messages';
import { isTopicEnabled, setSiteEnabled, type Settings } from '../core/settings';
import { isLocked, type SettingsPolicy } from '../core/settings-policy';
import { isEnabledForHost } from '../core/site-rules';
import { FaqBrowser } from './FaqBrowser';

type PageState = { kind: 'loading' } | { kind: 'unavailable' } | { kind: 'ready'; summary: PageSummary };

/** Asks about the tab through the background, which knows its frames (each reads itself). */
async function askAboutTab<M extends MessageUItoBG>(message: M): Promise<ResponseTo[M['type']]> {
  return browser.runtime.sendMessage(message) as Promise<ResponseTo[M['type']]>;
}

async function activeTabId(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

export function PopupApp({ tabId: givenTabId }: { tabId?: number }) {
  const [tabId, setTabId] = useState(givenTabId);
  const [page, setPage] = useState<PageState>({ kind: 'loading' });
  const [settings, setSettings] = useState<Settings>();
  // The FAQ with the reader's topic packs, once read.
  const [facts, setFacts] = useState(bundledPageFacts);
  useEffect(() => void loadPageFacts().then(setFacts), []);
  // What the organisation's policy locks: the site switch then only shows where it is on.
  const [policy, setPolicy] = useState<SettingsPolicy>({});
  useEffect(() => void loadSettingsPolicy().then((loaded) => setPolicy(loaded.policy)), []);

  const refreshPage = async (id: number | undefined) => {
    if (id === undefined) return setPage({ kind: 'unavailable' });
    try {
      const summary = await askAboutTab({ type: 'tabSummary', tabId: id });
      setPage(summary ? { kind: 'ready', summary } : { kind: 'unavailable' });
    } catch {
      setPage({ kind: 'unavailable' }); // no content script there: a browser page, the store, a PDF viewer
    }
  };

  useEffect(() => {
    let stopped = false;
    void (async () => {
      const id = givenTabId ?? (await activeTabId());
      if (stopped) return;
      setTabId(id);
      setSettings((await loadSettings(topicIds)).settings);
      await refreshPage(id);
    })();
    const unwatch = watchSettings(topicIds, setSettings);
    return () => {
      stopped = true;
      unwatch();
    };
  }, [givenTabId]);

  // The page reports its new count after each change (a setting, new content): show it.
  useEffect(() => {
    const listener = (message: unknown, sender: { tab?: { id?: number } }) => {
      if ((message as { type?: string })?.type === 'mentionCount' && sender.tab?.id === tabId) void refreshPage(tabId);
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, [tabId]);

  const summary = page.kind === 'ready' ? page.summary : undefined;
  // From the settings, not the page's last report, so the switch follows a click at once.
  const enabledHere = summary && settings ? isEnabledForHost(summary.host, settings.siteMode, settings.sites) : false;

  const toggleSite = async (enabled: boolean) => {
    if (!settings || !summary) return;
    const next = setSiteEnabled(settings, summary.host, enabled);
    setSettings(next);
    await saveSettings(next);
  };

  const reveal = async (topic: string) => {
    if (tabId === undefined) return;
    const found = await askAboutTab({ type: 'revealInTab', tabId, topic });
    // In the toolbar popup, step aside so the reader sees the card on the page.
    if (found && givenTabId === undefined) window.close();
  };

  return (
    <main class="popup">
      <header class="popup-header">
        <h1 class="popup-title">Fact Context</h1>
        {summary && settings && (
          <label class="switch">
            <span>
              Enabled on <strong>{summary.host}</strong>
            </span>
            <input
              type="checkbox"
              role="switch"
              checked={enabledHere}
              disabled={isLocked(policy, 'sites')}
              aria-describedby={isLocked(policy, 'sites') ? 'sites-managed' : undefined}
              onChange={(event) => void toggleSite(event.currentTarget.checked)}
            />
          </label>
        )}
        {summary && settings && isLocked(policy, 'sites') && (
          <p id="sites-managed" class="note managed">
            Your organisation sets the sites Fact Context runs on.
          </p>
        )}
      </header>

      <section class="on-page" aria-labelledby="on-page-title">
        <h2 id="on-page-title" class="section-title">
          On this page
        </h2>
        {page.kind === 'loading' && <p class="note">Looking at the page…</p>}
        {page.kind === 'unavailable' && (
          <p class="note">Fact Context can’t read this page. Browser pages, the extension store and some built-in viewers are closed to extensions.</p>
        )}
        {summary && settings && !settings.enabled && (
          <p class="note">{isLocked(policy, 'enabled') ? 'Your organisation has turned Fact Context off.' : 'Fact Context is turned off everywhere. Turn it on in the options.'}</p>
        )}
        {summary && settings?.enabled && !enabledHere && <p class="note">Turned off on this site.</p>}
        {summary && enabledHere && settings?.enabled && (
          <ul class="topic-counts">
            {facts.topics.map((topic) => {
              const count = summary.counts[topic.id] ?? 0;
              // A topic turned off (by the reader, or the organisation) is not counted: say so, not "0".
              const shown = isTopicEnabled(settings, topic.id);
              return (
                <li key={topic.id} style={{ '--topic': topic.colour }}>
                  <button type="button" class="topic-count" disabled={!shown || count === 0} onClick={() => void reveal(topic.id)}>
                    <span class="faq-dot" aria-hidden="true" />
                    <span class="topic-name">{topic.label}</span>
                    {shown ? (
                      <span class="count" aria-label={`${count} ${count === 1 ? 'mention' : 'mentions'}`}>
                        {count}
                      </span>
                    ) : (
                      <span class="count off">turned off</span>
                    )}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section class="faq" aria-labelledby="faq-title">
        <h2 id="faq-title" class="section-title">
          FAQ
        </h2>
        <FaqBrowser faq={facts.faq} topics={facts.topics} answerKeywords={facts.answerKeywords} />
      </section>

      <footer class="popup-footer">
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          Options
        </button>
        <button type="button" class="link" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/faq.html') })}>
          Open the FAQ in a tab
        </button>
      </footer>
    </main>
  );
}
