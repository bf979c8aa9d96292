import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { chooseAnswer } from '../utils/answer-ranking';
import { answerModel } from '../utils/answer-model';
import { factData } from '../utils/fact-data';
import { isMessageCStoBG, type CardAnswers, type MessageUItoCS } from '../utils/messages';

export default defineBackground(() => {
  // The toolbar button: `action` in Manifest V3 (Chrome), `browserAction` in the Firefox build (V2).
  const toolbarButton = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  void toolbarButton.setBadgeBackgroundColor({ color: '#3e63dd' });

  // Mentions per tab, per frame document (each frame runs its own content script); the badge
  // shows the sum. A navigation starts the tab afresh (the browser clears its badge too).
  const countsByTab = new Map<number, Map<string, number>>();
  browser.tabs.onRemoved.addListener((tabId) => {
    countsByTab.delete(tabId);
    cardFrameByTab.delete(tabId);
  });
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status !== 'loading') return;
    countsByTab.delete(tabId);
    cardFrameByTab.delete(tabId);
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

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (!isMessageCStoBG(message)) return undefined;
    const tabId = sender.tab?.id;
    if (message.type === 'mentionCount') {
      if (tabId === undefined) return undefined;
      const frame = (sender as { documentId?: string }).documentId ?? String(sender.frameId ?? 0);
      const frames = countsByTab.get(tabId) ?? new Map<string, number>();
      countsByTab.set(tabId, frames);
      frames.set(frame, message.count);
      const total = [...frames.values()].reduce((sum, count) => sum + count, 0);
      void toolbarButton.setBadgeText({ tabId, text: total > 0 ? String(total) : '' });
      return undefined;
    }
    if (message.type === 'cardShown') {
      const frameId = sender.frameId ?? 0;
      if (tabId === undefined) return undefined;
      if (message.shown) cardFrameByTab.set(tabId, frameId);
      else if (cardFrameByTab.get(tabId) === frameId) cardFrameByTab.delete(tabId);
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
      if (!factData.topics.some((topic) => topic.id === message.topicId)) return Promise.resolve(null);
      const answers: CardAnswers = chooseAnswer(factData.faq, { ...factData, model: answerModel, topicId: message.topicId, term: message.term, context: message.context });
      return Promise.resolve(answers);
    }
    void browser.tabs.create({ url: browser.runtime.getURL(`/faq.html#${message.faqId}`), index: (sender.tab?.index ?? -1) + 1 });
    return undefined;
  });
});
