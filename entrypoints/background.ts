import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { chooseAnswer } from '../core/answer-ranking';
import { answerModel } from '../core/answer-model';
import { factData } from '../core/fact-data';
import { loadFactsWithPacks, loadPacks, storePackPage } from '../extension/pack-store';
import { bundledFactsOf } from '../core/pack-library';
import { withPacks } from '../core/pack-merge';
import { loadManagedPolicy, loadSettingsPolicy, readManagedPolicy, samePolicy } from '../extension/managed-policy';
import { loadSettings, saveSettings, watchSettings } from '../extension/settings-store';
import { answerStorageRequest, relayStorageChanges } from '../extension/storage-relay';
import { applySettingsPolicy, isLocked, meetsSettingsPolicy } from '../core/settings-policy';
import { topicIds } from '../core/topic-ids';
import { isMessageCStoBG, isMessageUItoBG, type CardAnswers, type MessageUItoBG, type MessageUItoCS, type PageSummary, type ResponseTo } from '../core/messages';

export default defineBackground(() => {
  // The toolbar button: `action` in Manifest V3 (Chrome), `browserAction` in the Firefox build (V2).
  const toolbarButton = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  void toolbarButton.setBadgeBackgroundColor({ color: '#3e63dd' });

  // Mentions per tab, per frame document (each frame runs its own content script); the badge
  // shows the sum, and the popup asks these frames for theirs. A navigation starts the tab afresh
  // (the browser clears its badge too).
  const countsByTab = new Map<number, Map<string, { frameId: number; count: number }>>();
  // Which mention of each topic the popup revealed last in each tab: the frame, and the index in it.
  const revealedByTab = new Map<number, Map<string, { frame: number; index: number }>>();
  const forgetTab = (tabId: number) => {
    countsByTab.delete(tabId);
    cardFrameByTab.delete(tabId);
    revealedByTab.delete(tabId);
    revealQueue.delete(tabId);
  };
  browser.tabs.onRemoved.addListener(forgetTab);
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') forgetTab(tabId);
  });
  /** The frames of a tab that read it: the top frame first, then the others that have reported mentions. */
  const readingFrames = (tabId: number) => [0, ...new Set([...(countsByTab.get(tabId)?.values() ?? [])].map((f) => f.frameId).filter((id) => id !== 0))].sort((a, b) => a - b);
  const askFrame = <M extends MessageUItoCS>(tabId: number, frameId: number, message: M) =>
    browser.tabs.sendMessage(tabId, message, { frameId }) as Promise<ResponseTo[M['type']]>;

  /** The tab's site and mentions, summed over its frames; null where the top frame has no content script. */
  async function tabSummary(tabId: number): Promise<PageSummary | null> {
    const [top, ...others] = await Promise.all(readingFrames(tabId).map((frameId) => askFrame(tabId, frameId, { type: 'getPageSummary' }).catch(() => undefined)));
    if (!top) return null;
    const counts = { ...top.counts };
    for (const summary of others) for (const [topic, count] of Object.entries(summary?.counts ?? {})) counts[topic] = (counts[topic] ?? 0) + count;
    return { host: top.host, counts };
  }

  // Reveals run one after another per tab: two quick clicks in the popup reveal two mentions, not the same one twice.
  const revealQueue = new Map<number, Promise<unknown>>();
  function revealInTab(tabId: number, topic: string): Promise<boolean> {
    const revealed = (revealQueue.get(tabId) ?? Promise.resolve()).then(() => revealNextInTab(tabId, topic));
    revealQueue.set(tabId, revealed.catch(() => {}));
    return revealed;
  }

  /** Reveals the topic's next mention in the tab: the next in the same frame, else the first of the next frame that has one. */
  async function revealNextInTab(tabId: number, topic: string): Promise<boolean> {
    const frames = readingFrames(tabId);
    const revealed = revealedByTab.get(tabId) ?? new Map<string, { frame: number; index: number }>();
    revealedByTab.set(tabId, revealed);
    const last = revealed.get(topic);
    let position = last ? Math.max(0, frames.indexOf(last.frame)) : 0;
    let index = last ? last.index + 1 : 0;
    for (let tried = 0; tried <= frames.length; tried++) {
      const frame = frames[position];
      if (await askFrame(tabId, frame, { type: 'revealMention', topic, index }).catch(() => false)) {
        revealed.set(topic, { frame, index });
        return true;
      }
      position = (position + 1) % frames.length;
      index = 0;
    }
    return false;
  }

  // The data cards are ranked from: the bundled FAQ with the topic packs that are on, read again
  // whenever the options page or the organisation's policy (storage.managed) changes them. What
  // pages read of the packs is written here, one refresh after the other, on those changes and
  // when the extension is installed, updated or the browser starts (a newer version compiles the
  // packs' matcher again). Each refresh reads the packs once, after the one before it has
  // written: an older reading never overwrites a newer.
  // Just after the browser starts, the policy is answered late (extension/managed-policy.ts):
  // cards are answered meanwhile from the copy of the last one, and from the browser's once it
  // comes and differs. What is written waits for the browser's.
  const policyAtStart = readManagedPolicy();
  let rankingData = loadFactsWithPacks(factData, policyAtStart.meanwhile);
  let writing: Promise<unknown> = Promise.resolve();
  /** Writes what pages read of the packs; where they or the policy changed, cards are answered from them too. */
  const refreshPacks = ({ answerFromThem, policy = loadManagedPolicy() }: { answerFromThem: boolean; policy?: Promise<Record<string, unknown>> }) => {
    const library = writing.then(() => loadPacks(bundledFactsOf(factData), policy)).then((loaded) => loaded.library);
    if (answerFromThem) rankingData = library.then((read) => withPacks(factData, read.packs)).catch(() => factData);
    writing = library.then(storePackPage).catch(() => {});
  };
  // (At install, update and browser start, this background has just read the packs for the cards.)
  browser.runtime.onInstalled.addListener(() => refreshPacks({ answerFromThem: false, policy: policyAtStart.current }));
  browser.runtime.onStartup.addListener(() => refreshPacks({ answerFromThem: false, policy: policyAtStart.current }));

  // The settings the organisation's policy locks are written into the reader's settings here, the
  // one place that enforces them: at every start of the background, when the policy changes, and
  // whenever the settings change (an import, another device's sync), so that pages read one thing
  // and pay nothing for the policy. The options page, the popup and the card step aside for them.
  let settingsPolicy = loadSettingsPolicy(policyAtStart.current);
  // The locks a card shows (its "Turn off on this site"): from the copy meanwhile, like its answers.
  let shownPolicy = loadSettingsPolicy(policyAtStart.meanwhile);
  let enforcing: Promise<unknown> = Promise.resolve();
  const enforceSettingsPolicy = () => {
    enforcing = enforcing
      .then(async () => {
        const [{ policy }, { settings }] = await Promise.all([settingsPolicy, loadSettings(topicIds)]);
        if (!meetsSettingsPolicy(settings, policy)) await saveSettings(applySettingsPolicy(settings, policy));
      })
      .catch(() => {});
  };
  enforceSettingsPolicy();
  watchSettings(topicIds, enforceSettingsPolicy);

  /** The policy changed (or differs from the copy cards were answered from): one reading of it, for the locks and the packs. */
  const policyChanged = (policy = loadManagedPolicy()) => {
    settingsPolicy = loadSettingsPolicy(policy);
    shownPolicy = settingsPolicy;
    enforceSettingsPolicy();
    refreshPacks({ answerFromThem: true, policy });
  };
  // (Chromium reports a policy that changed while it was closed as a change of storage.managed
  // too, once it answers; this does not rely on it.)
  void Promise.all([policyAtStart.current, policyAtStart.meanwhile]).then(([current, shown]) => {
    if (!samePolicy(current, shown)) policyChanged(policyAtStart.current);
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed') policyChanged();
    else if (area === 'local' && 'topicPacks' in changes) refreshPacks({ answerFromThem: true });
  });

  // Which frame of each tab has a card open. Escape pressed in any frame of the tab closes it
  // (WCAG 1.4.13: dismissible without moving the pointer or focus, wherever focus is).
  const cardFrameByTab = new Map<number, number>();
  const tellTab = (tabId: number, message: MessageUItoCS, frameId?: number) =>
    browser.tabs.sendMessage(tabId, message, frameId === undefined ? undefined : { frameId }).catch(() => {}); // a frame without a reader

  // The keyboard commands (manifest `commands`; the reader can change the keys at
  // chrome://extensions/shortcuts) go to the page's top frame.
  browser.commands.onCommand.addListener((command, tab) => {
    const direction = command === 'next-mention' ? 1 : command === 'previous-mention' ? -1 : undefined;
    if (direction === undefined || tab?.id === undefined) return;
    const message: MessageUItoCS = { type: 'stepMention', direction };
    browser.tabs.sendMessage(tab.id, message, { frameId: 0 }).catch(() => {}); // no content script there
  });

  const answerPopup = (message: MessageUItoBG): Promise<PageSummary | null | boolean> =>
    message.type === 'tabSummary' ? tabSummary(message.tabId) : revealInTab(message.tabId, message.topic);

  // Firefox's content scripts read the storage through here (extension/content-storage.ts);
  // Chromium's read it themselves, and send no readStorage or writeStorage.
  if (import.meta.env.FIREFOX) relayStorageChanges();

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (isMessageUItoBG(message)) return answerPopup(message);
    if (!isMessageCStoBG(message)) return undefined;
    if (message.type === 'readStorage' || message.type === 'writeStorage') return import.meta.env.FIREFOX ? answerStorageRequest(message) : undefined;
    const tabId = sender.tab?.id;
    if (message.type === 'mentionCount') {
      if (tabId === undefined) return undefined;
      const frame = (sender as { documentId?: string }).documentId ?? String(sender.frameId ?? 0);
      const frames = countsByTab.get(tabId) ?? new Map<string, { frameId: number; count: number }>();
      countsByTab.set(tabId, frames);
      frames.set(frame, { frameId: sender.frameId ?? 0, count: message.count });
      const total = [...frames.values()].reduce((sum, { count }) => sum + count, 0);
      void toolbarButton.setBadgeText({ tabId, text: total > 0 ? String(total) : '' });
      return undefined;
    }
    if (message.type === 'cardShown') {
      const frameId = sender.frameId ?? 0;
      if (tabId === undefined) return undefined;
      if (message.shown) {
        // One card per tab: a card opening in one frame closes the one open in another.
        const previous = cardFrameByTab.get(tabId);
        if (previous !== undefined && previous !== frameId) void tellTab(tabId, { type: 'closeCard' }, previous);
        cardFrameByTab.set(tabId, frameId);
      } else if (cardFrameByTab.get(tabId) === frameId) cardFrameByTab.delete(tabId);
      else return undefined; // another frame's card is the open one
      void tellTab(tabId, { type: 'cardOpenInTab', open: message.shown });
      return undefined;
    }
    if (message.type === 'escapePressed') {
      const cardFrame = tabId === undefined ? undefined : cardFrameByTab.get(tabId);
      if (tabId !== undefined && cardFrame !== undefined && cardFrame !== sender.frameId) void tellTab(tabId, { type: 'closeCard' }, cardFrame);
      return undefined;
    }
    if (message.type === 'chooseAnswers') {
      return Promise.all([rankingData, shownPolicy]).then(([data, { policy }]): CardAnswers | null => {
        if (!data.topics.some((topic) => topic.id === message.topicId)) return null;
        const answers = chooseAnswer(data.faq, { ...data, model: answerModel, topicId: message.topicId, term: message.term, context: message.context });
        return isLocked(policy, 'sites') ? { ...answers, sitesLocked: true } : answers;
      });
    }
    void browser.tabs.create({ url: browser.runtime.getURL(`/faq.html#${message.faqId}`), index: (sender.tab?.index ?? -1) + 1 });
    return undefined;
  });
});
