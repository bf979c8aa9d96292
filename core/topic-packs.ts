import * as v from 'valibot';

/**
 * Topic packs (issue 17): facts a reader or an organisation adds to the bundled FAQ, in a file of
 * the same shape as `data/`. This module reads a pack and says, entry by entry and field by field,
 * why one is refused; pure, so the options page, the background and the tests share it. A pack
 * can add topics of its own, and add terms and entries to a topic that already exists (bundled or
 * another pack's). Its entries' ids are its own: the pack's id, a slash, the entry's id.
 */

/** What a pack file holds (`version` is the pack's own, e.g. "1.2.0"; `format` is this file format's). */
export interface TopicPack {
  format: 1;
  id: string;
  name: string;
  version: string;
  description?: string;
  topics: PackTopic[];
  /** Terms and entries added to topics that exist elsewhere (the bundled ones, or another pack's). */
  extends: PackExtension[];
  faq: PackEntry[];
}

export interface PackTopic {
  id: string;
  label: string;
  summary: string;
  /** Entry ids of this pack, most relevant first. */
  faq: string[];
  terms: string[];
  properNames: string[];
  ambiguousTerms: string[];
  contextCues: string[];
  counterCues: string[];
}

export interface PackExtension {
  topic: string;
  terms: string[];
  faq: string[];
}

export interface PackEntry {
  id: string;
  question: string;
  answer: string;
  keywords: string[];
  /** When the answer was last known true (YYYY-MM-DD), shown with it. */
  asOf?: string;
  /** Where the answer comes from, shown with it (an http(s) address). */
  source?: string;
}

/** What a pack is checked against: the topics and entries already there, and their terms. */
export interface InstalledFacts {
  topics: readonly { id: string; label: string; terms: readonly string[]; properNames: readonly string[]; ambiguousTerms: readonly string[] }[];
  /** Entry ids already taken (the bundled q1…, and other packs' "pack/entry"). */
  faqIds: ReadonlySet<string>;
  /** Installed packs, by id: their terms (a pack being replaced is left out by the caller). */
  packs: readonly { id: string; name: string; terms: readonly string[] }[];
}

export type PackReading = { ok: true; pack: TopicPack; notes: string[] } | { ok: false; problems: string[] };

/** The largest pack file accepted, in characters: packs live in storage.local beside the settings. */
export const MAX_PACK_CHARACTERS = 1_000_000;

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const text = (what: string) => v.pipe(v.string(`${what} must be text`), v.trim(), v.nonEmpty(`${what} is empty`));
const terms = (what: string) => v.optional(v.array(text(what), `${what}s must be a list`), []);
const id = (what: string) => v.pipe(v.string(`${what} must be text`), v.regex(ID, `${what} must be lower-case words joined by hyphens, e.g. eu-toolbox`));

const packSchema = v.strictObject({
  format: v.literal(1, 'format must be 1 (this version of the pack format)'),
  id: id('the pack id'),
  name: text('the name'),
  version: v.pipe(v.string('the version must be text'), v.regex(/^\d+(?:\.\d+){0,2}$/, 'the version must look like 1, 1.2 or 1.2.3')),
  description: v.optional(v.pipe(v.string('the description must be text'), v.trim())),
  topics: v.optional(
    v.array(
      v.strictObject({
        id: id('the topic id'),
        label: text('the label'),
        summary: text('the summary'),
        faq: v.pipe(v.array(text('an entry id'), 'faq must be a list of entry ids'), v.minLength(1, 'a topic needs at least one entry')),
        terms: terms('a term'),
        properNames: terms('a proper name'),
        ambiguousTerms: terms('an ambiguous term'),
        contextCues: terms('a context cue'),
        counterCues: terms('a counter-cue'),
      }),
      'topics must be a list',
    ),
    [],
  ),
  extends: v.optional(
    v.array(
      v.strictObject({ topic: text('the topic it extends'), terms: terms('a term'), faq: v.optional(v.array(text('an entry id')), []) }),
      'extends must be a list',
    ),
    [],
  ),
  faq: v.pipe(
    v.array(
      v.strictObject({
        id: id('the entry id'),
        question: text('the question'),
        answer: text('the answer'),
        keywords: terms('a keyword'),
        asOf: v.optional(v.pipe(v.string('asOf must be a date'), v.regex(DATE, 'asOf must be a date written YYYY-MM-DD'))),
        source: v.optional(v.pipe(v.string('the source must be an address'), v.regex(/^https?:\/\/\S+$/, 'the source must be an http(s) address'))),
      }),
      'faq must be a list of entries',
    ),
    v.minLength(1, 'a pack needs at least one entry'),
  ),
});

/**
 * Words that would make a term match almost everything (a term may hold them, not be one). The
 * usual English function words, and words every page on these topics has.
 */
const TOO_COMMON = new Set(
  'a about after all also an and any are as at be because been but by can could did do does for from had has have he her his how i if in into is it its just may more most my new no not now of on one only or other our out over said so some than that the their them then there these they this to two up us was we were what when which who will with would you your news page report company'.split(' '),
);

const MARKUP = /<\/?[a-z][^>]*>|&[a-z]+;|&#\d+;/i;

/** Where in the pack a problem is, in words: `faq[2] (entry "eu-3") question`. */
function placeOf(pack: unknown, path: string): string {
  const [, list, index, field] = /^(topics|extends|faq)\.(\d+)(?:\.(\w+))?/.exec(path) ?? [];
  if (!list) return path === '(root)' ? 'the file' : path;
  const item = (pack as Record<string, { id?: unknown; topic?: unknown }[]>)?.[list]?.[Number(index)];
  const name = list === 'faq' ? 'entry' : list === 'topics' ? 'topic' : 'extension of topic';
  const label = typeof item?.id === 'string' ? ` "${item.id}"` : typeof item?.topic === 'string' ? ` "${item.topic}"` : '';
  return `${list}[${index}] (${name}${label})${field ? ` ${field}` : ''}`;
}

/** A schema issue in words: valibot's own messages for a missing or an unknown field name its internals. */
function inWords(issue: v.BaseIssue<unknown>): string {
  const field = issue.path?.at(-1)?.key;
  if (issue.kind === 'schema' && issue.expected !== 'never' && issue.received === 'undefined' && typeof field === 'string') return `${field} is missing`;
  if (issue.kind === 'schema' && issue.expected === 'never' && typeof field === 'string') return `"${field}" is not a field of a pack`;
  return issue.message;
}

/**
 * Reads a pack file's text and checks it against what is installed. Refused with every problem,
 * each naming the pack, the entry and the field; or accepted, with notes (answers with markup are
 * accepted and shown as text).
 */
export function readTopicPack(fileText: string, installed: InstalledFacts): PackReading {
  if (fileText.length > MAX_PACK_CHARACTERS) {
    return { ok: false, problems: [`The pack file is ${fileText.length.toLocaleString('en')} characters; the most a pack may have is ${MAX_PACK_CHARACTERS.toLocaleString('en')}.`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(fileText);
  } catch (error) {
    return { ok: false, problems: [`The pack file is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`] };
  }
  const name = (json as { name?: unknown } | null)?.name;
  const packName = typeof name === 'string' && name.trim() ? `Pack "${name.trim()}"` : 'The pack';
  const parsed = v.safeParse(packSchema, json);
  if (!parsed.success) {
    return { ok: false, problems: parsed.issues.map((issue) => `${packName}, ${placeOf(json, v.getDotPath(issue) ?? '(root)')}: ${inWords(issue)}.`) };
  }
  const pack: TopicPack = { ...parsed.output, description: parsed.output.description || undefined };
  const problems: string[] = [];
  const notes: string[] = [];
  const say = (where: string, what: string) => problems.push(`${packName}, ${where}: ${what}.`);

  // Entries: ids unique in the pack; every topic and extension lists entries of this pack.
  const entryIds = new Set<string>();
  pack.faq.forEach((entry, i) => {
    const where = `faq[${i}] (entry "${entry.id}")`;
    if (entryIds.has(entry.id)) say(`${where} id`, `the id "${entry.id}" is used by another entry of this pack`);
    entryIds.add(entry.id);
    if (installed.faqIds.has(`${pack.id}/${entry.id}`)) say(`${where} id`, `"${pack.id}/${entry.id}" is already installed`);
    for (const field of ['question', 'answer'] as const) if (MARKUP.test(entry[field])) notes.push(`${packName}, ${where} ${field}: contains markup, which is shown as text.`);
  });

  // Topics: new ids, entries of this pack.
  const topicIds = new Set(installed.topics.map((topic) => topic.id));
  const ownTopicIds = new Set<string>();
  pack.topics.forEach((topic, i) => {
    const where = `topics[${i}] (topic "${topic.id}")`;
    if (topicIds.has(topic.id)) say(`${where} id`, `a topic "${topic.id}" already exists; add to it with "extends" instead`);
    if (ownTopicIds.has(topic.id)) say(`${where} id`, `the id "${topic.id}" is used by another topic of this pack`);
    ownTopicIds.add(topic.id);
    for (const entry of topic.faq) if (!entryIds.has(entry)) say(`${where} faq`, `"${entry}" is not an entry of this pack`);
    if (topic.terms.length + topic.properNames.length === 0) say(`${where} terms`, 'the topic needs at least one term or proper name that always counts');
  });
  pack.extends.forEach((extension, i) => {
    const where = `extends[${i}] (topic "${extension.topic}")`;
    if (!topicIds.has(extension.topic) && !ownTopicIds.has(extension.topic)) say(`${where} topic`, `there is no topic "${extension.topic}" to extend`);
    for (const entry of extension.faq) if (!entryIds.has(entry)) say(`${where} faq`, `"${entry}" is not an entry of this pack`);
  });

  // Terms: not too common, not anyone else's, not twice in this pack.
  const owners = new Map<string, string>();
  for (const topic of installed.topics) for (const term of [...topic.terms, ...topic.properNames, ...topic.ambiguousTerms]) owners.set(term.toLowerCase(), `the topic "${topic.label}"`);
  for (const other of installed.packs) for (const term of other.terms) owners.set(term.toLowerCase(), `the pack "${other.name}"`);
  const ownTerms = new Set<string>();
  const checkTerm = (where: string, term: string) => {
    const key = term.toLowerCase();
    const letters = key.replace(/[^\p{L}\p{N}]/gu, '');
    if ([...letters].length < 2) say(where, `"${term}" is too short: it would match almost everywhere`);
    else if (TOO_COMMON.has(key)) say(where, `"${term}" is too common a word: it would match almost everywhere`);
    if (owners.has(key)) say(where, `"${term}" is already a term of ${owners.get(key)}`);
    if (ownTerms.has(key)) say(where, `"${term}" is listed twice in this pack`);
    ownTerms.add(key);
  };
  pack.topics.forEach((topic, i) => {
    for (const field of ['terms', 'properNames', 'ambiguousTerms'] as const) for (const term of topic[field]) checkTerm(`topics[${i}] (topic "${topic.id}") ${field}`, term);
  });
  pack.extends.forEach((extension, i) => {
    for (const term of extension.terms) checkTerm(`extends[${i}] (topic "${extension.topic}") terms`, term);
  });

  return problems.length > 0 ? { ok: false, problems } : { ok: true, pack, notes };
}

/** Every term a pack adds, in any topic: what another pack is checked against. */
export const termsOfPack = (pack: TopicPack): string[] => [
  ...pack.topics.flatMap((topic) => [...topic.terms, ...topic.properNames, ...topic.ambiguousTerms]),
  ...pack.extends.flatMap((extension) => extension.terms),
];
