import { describe, expect, it } from 'vitest';
import { isMessageCStoBG, isMessageUItoBG, isMessageUItoCS, isStorageChangedMessage } from '../../core/messages';

// Messages arrive from other contexts (and a page can message nothing of ours, but a bug can):
// only well-formed ones are acted on.

describe('isMessageCStoBG', () => {
  it.each([
    [{ type: 'mentionCount', count: 0 }],
    [{ type: 'mentionCount', count: 12 }],
    [{ type: 'openFaqPage', faqId: 'q7' }],
    [{ type: 'openFaqPage', faqId: 'sample-5g-security/uk-removal' }],
    [{ type: 'chooseAnswers', topicId: 'huawei', context: { sentence: 'Huawei said so.' } }],
    [{ type: 'chooseAnswers', topicId: 'huawei', context: { sentence: 'Huawei said so.', paragraph: 'P.', title: 'T' } }],
    [{ type: 'chooseAnswers', topicId: '5g-standards', term: '5G standards', context: { sentence: 'On 5G standards.' } }],
    [{ type: 'cardShown', shown: true }],
    [{ type: 'escapePressed' }],
    [{ type: 'readStorage', area: 'sync', key: 'settings' }],
    [{ type: 'readStorage', area: 'local', key: 'packPage' }],
    [{ type: 'writeStorage', area: 'local', items: { settings: { enabled: false } } }],
  ])('accepts %j', (message) => {
    expect(isMessageCStoBG(message)).toBe(true);
  });

  it.each([
    [null],
    ['mentionCount'],
    [{ type: 'mentionCount', count: -1 }],
    [{ type: 'mentionCount', count: 1.5 }],
    [{ type: 'openFaqPage', faqId: 'javascript:alert(1)' }],
    [{ type: 'openFaqPage', faqId: '../options.html' }],
    [{ type: 'openFaqPage', faqId: 'a/b/c' }],
    [{ type: 'openFaqPage', faqId: 'pack/Entry One' }],
    [{ type: 'chooseAnswers', topicId: 'huawei' }],
    [{ type: 'chooseAnswers', topicId: 'huawei', context: null }],
    [{ type: 'chooseAnswers', topicId: 'huawei', context: { sentence: 42 } }],
    [{ type: 'chooseAnswers', topicId: 7, context: { sentence: 'x' } }],
    [{ type: 'chooseAnswers', topicId: 'huawei', term: 42, context: { sentence: 'x' } }],
    [{ type: 'chooseAnswers', topicId: 'huawei', context: { sentence: 'x', title: {} } }],
    [{ type: 'getPageSummary' }],
    [{ type: 'cardShown' }],
    [{ type: 'cardShown', shown: 'yes' }],
    [{ type: 'readStorage', area: 'managed', key: 'settings' }],
    [{ type: 'readStorage', area: 'session', key: 'settings' }],
    [{ type: 'readStorage', area: 'sync' }],
    [{ type: 'readStorage', area: 'sync', key: ['settings'] }],
    [{ type: 'writeStorage', area: 'sync' }],
    [{ type: 'writeStorage', area: 'sync', items: null }],
    [{ type: 'writeStorage', area: 'sync', items: [{ settings: {} }] }],
    [{ type: 'writeStorage', area: 'managed', items: { settings: {} } }],
  ])('refuses %j', (message) => {
    expect(isMessageCStoBG(message)).toBe(false);
  });
});

describe('isMessageUItoCS', () => {
  it.each([[{ type: 'getPageSummary' }], [{ type: 'revealMention', topic: 'huawei', index: 0 }], [{ type: 'stepMention', direction: -1 }], [{ type: 'cardOpenInTab', open: false }], [{ type: 'closeCard' }]])('accepts %j', (message) => {
    expect(isMessageUItoCS(message)).toBe(true);
  });

  it.each([
    [{ type: 'stepMention', direction: 2 }],
    [{ type: 'revealMention', topic: 'huawei' }],
    [{ type: 'revealMention', topic: 'huawei', index: -1 }],
    [{ type: 'revealMention', topic: 'huawei', index: 0.5 }],
    [{ type: 'revealNextMention', topic: 'huawei' }],
    [{ type: 'cardOpenInTab' }],
    [{ type: 'escapePressed' }],
    [{ type: 'tabSummary', tabId: 1 }],
    [{ type: 'chooseAnswers', topicId: 'huawei', context: { sentence: 'x' } }],
  ])('refuses %j', (message) => {
    expect(isMessageUItoCS(message)).toBe(false);
  });
});

describe('isMessageUItoBG', () => {
  it.each([[{ type: 'tabSummary', tabId: 3 }], [{ type: 'revealInTab', tabId: 3, topic: 'huawei' }]])('accepts %j', (message) => {
    expect(isMessageUItoBG(message)).toBe(true);
  });

  it.each([[{ type: 'tabSummary' }], [{ type: 'tabSummary', tabId: '3' }], [{ type: 'revealInTab', tabId: 3 }], [{ type: 'getPageSummary' }], [{ type: 'mentionCount', count: 1 }], [null], ['tabSummary']])('refuses %j', (message) => {
    expect(isMessageUItoBG(message)).toBe(false);
  });
});

describe('isStorageChangedMessage', () => {
  it.each([
    [{ type: 'storageChanged', area: 'sync', changes: { settings: { newValue: { enabled: false } } } }],
    [{ type: 'storageChanged', area: 'local', changes: { packPage: {} } }],
  ])('accepts %j', (message) => {
    expect(isStorageChangedMessage(message)).toBe(true);
  });

  it.each([
    [null],
    [{ type: 'storageChanged', area: 'sync' }],
    [{ type: 'storageChanged', area: 3, changes: {} }],
    [{ type: 'storageChanged', area: 'sync', changes: { settings: 'off' } }],
    [{ type: 'storageChanged', area: 'sync', changes: [] }],
    [{ type: 'getPageSummary' }],
  ])('refuses %j', (message) => {
    expect(isStorageChangedMessage(message)).toBe(false);
  });
});
