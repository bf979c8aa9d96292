import type { RankingContext } from './answer-ranking';
import type { FaqEntry } from './faq-markdown';

/**
 * The one message contract between the extension's parts. Each message type names its direction:
 * CS = content script, BG = background (service worker), UI = popup, FAQ and options pages.
 */

/** What the content script found on its page, for the popup's "On this page". */
export interface PageSummary {
  host: string;
  /** Mentions shown now, per topic id (0 when the extension is off here). */
  counts: Record<string, number>;
}

/** What a card shows: the answer chosen for the mention's context, the runner-up when the ranker is unsure, and the topic's other entries. */
export interface CardAnswers {
  chosen: FaqEntry;
  runnerUp?: FaqEntry;
  others: FaqEntry[];
  /** The organisation's policy sets which sites Fact Context runs on: the card offers no "Turn off on this site". */
  sitesLocked?: boolean;
}

export type MessageUItoCS =
  | { type: 'getPageSummary' }
  /** Scrolls to the frame's `index`-th mention of the topic (page order) and opens its card; false if it has fewer. */
  | { type: 'revealMention'; topic: string; index: number }
  /** The keyboard command: moves to the next (1) or previous (-1) mention and opens its card. */
  | { type: 'stepMention'; direction: 1 | -1 }
  /** From the background to every frame of a tab: a card is open (or no longer) in one of its frames. */
  | { type: 'cardOpenInTab'; open: boolean }
  /** From the background to the frame whose card is open: Escape was pressed in another frame. */
  | { type: 'closeCard' };

export type MessageCStoBG =
  /** The number of mentions highlighted in the sender's tab, for the toolbar badge. */
  | { type: 'mentionCount'; count: number }
  /** Opens the full FAQ page at an entry. */
  | { type: 'openFaqPage'; faqId: string }
  /**
   * Chooses a card's answers for a mention in its context. The FAQ, its keywords and the ranking
   * live in the background, so that the content script every page loads stays small.
   */
  | { type: 'chooseAnswers'; topicId: string; term?: string; context: RankingContext }
  /** The sender's card opened or closed (Escape in any frame of the tab then closes it). */
  | { type: 'cardShown'; shown: boolean }
  /** Escape was pressed in the sender's frame while a card was open in another frame of its tab. */
  | { type: 'escapePressed' }
  /**
   * Firefox: what the content script reads of the extension's storage, read by the background
   * (extension/content-storage.ts). Only the keys pages need are answered (extension/storage-relay.ts).
   */
  | { type: 'readStorage'; area: StorageAreaName; key: string }
  /** Firefox: the same for a write (the card's "Turn off on this site" writes the settings). */
  | { type: 'writeStorage'; area: StorageAreaName; items: Record<string, unknown> };

export type StorageAreaName = 'sync' | 'local';

/** The background's answer to readStorage and writeStorage: what was read, or that the area cannot be used (or the key may not be read). */
export type StorageReply = { ok: true; items: Record<string, unknown> } | { ok: false };

/** Firefox: from the background to every frame of every tab, a change to what pages read of the storage. */
export interface StorageChangedMessage {
  type: 'storageChanged';
  area: string;
  changes: Record<string, { newValue?: unknown }>;
}

/**
 * From the popup to the background, which knows the tab's frames: each frame reads itself, and
 * the popup speaks for the whole tab.
 */
export type MessageUItoBG =
  /** The tab's site (its top frame's) and its mentions per topic, summed over every frame that reads. */
  | { type: 'tabSummary'; tabId: number }
  /** Scrolls to the topic's next mention in the tab (top frame first, then each frame, wrapping round) and opens its card. */
  | { type: 'revealInTab'; tabId: number; topic: string };

export interface ResponseTo {
  getPageSummary: PageSummary;
  revealMention: boolean;
  tabSummary: PageSummary | null;
  revealInTab: boolean;
  stepMention: boolean;
  cardOpenInTab: boolean;
  closeCard: boolean;
  mentionCount: void;
  cardShown: void;
  escapePressed: void;
  openFaqPage: void;
  chooseAnswers: CardAnswers | null;
  readStorage: StorageReply;
  writeStorage: StorageReply;
}

const TYPES_UI_TO_CS = new Set(['getPageSummary', 'revealMention', 'stepMention', 'cardOpenInTab', 'closeCard']);
const TYPES_UI_TO_BG = new Set(['tabSummary', 'revealInTab']);
const TYPES_CS_TO_BG = new Set(['mentionCount', 'openFaqPage', 'chooseAnswers', 'cardShown', 'escapePressed', 'readStorage', 'writeStorage']);
const isStorageArea = (value: unknown) => value === 'sync' || value === 'local';
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

// Messages arrive from other contexts: check their shape before acting on them.
export function isMessageUItoCS(value: unknown): value is MessageUItoCS {
  const message = value as { type?: unknown; topic?: unknown; index?: unknown; direction?: unknown; open?: unknown } | null;
  if (typeof message !== 'object' || message === null || !TYPES_UI_TO_CS.has(message.type as string)) return false;
  if (message.type === 'stepMention') return message.direction === 1 || message.direction === -1;
  if (message.type === 'cardOpenInTab') return typeof message.open === 'boolean';
  return message.type !== 'revealMention' || (typeof message.topic === 'string' && Number.isInteger(message.index) && (message.index as number) >= 0);
}

export function isMessageUItoBG(value: unknown): value is MessageUItoBG {
  const message = value as { type?: unknown; tabId?: unknown; topic?: unknown } | null;
  if (typeof message !== 'object' || message === null || !TYPES_UI_TO_BG.has(message.type as string)) return false;
  if (!Number.isInteger(message.tabId)) return false;
  return message.type !== 'revealInTab' || typeof message.topic === 'string';
}

const isText = (value: unknown) => typeof value === 'string';

export function isMessageCStoBG(value: unknown): value is MessageCStoBG {
  const message = value as { type?: unknown; count?: unknown; faqId?: unknown; topicId?: unknown; term?: unknown; shown?: unknown; area?: unknown; key?: unknown; items?: unknown; context?: Partial<Record<keyof RankingContext, unknown>> | null } | null;
  if (typeof message !== 'object' || message === null || !TYPES_CS_TO_BG.has(message.type as string)) return false;
  if (message.type === 'cardShown') return typeof message.shown === 'boolean';
  if (message.type === 'readStorage') return isStorageArea(message.area) && isText(message.key);
  if (message.type === 'writeStorage') return isStorageArea(message.area) && isRecord(message.items);
  if (message.type === 'escapePressed') return true;
  if (message.type === 'mentionCount') return Number.isInteger(message.count) && (message.count as number) >= 0;
  if (message.type === 'chooseAnswers') {
    const context = message.context;
    return isText(message.topicId) && (message.term === undefined || isText(message.term)) && typeof context === 'object' && context !== null && isText(context.sentence) &&
      (['paragraph', 'title', 'heading', 'headline', 'lead', 'outline'] as const).every((field) => context[field] === undefined || isText(context[field]));
  }
  // A bundled entry (q7) or a topic pack's (pack-id/entry-id).
  return typeof message.faqId === 'string' && /^(?:q\d+|[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*)$/.test(message.faqId);
}

export function isStorageChangedMessage(value: unknown): value is StorageChangedMessage {
  const message = value as Partial<StorageChangedMessage> | null;
  return typeof message === 'object' && message !== null && message.type === 'storageChanged' && isText(message.area) && isRecord(message.changes) && Object.values(message.changes).every(isRecord);
}
