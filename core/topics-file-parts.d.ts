// Parts of a topics file, made at build time by topicsFileParts in wxt.config.ts.
// `?ids`: the ids of its topics.
declare module '*.json?ids' {
  const ids: readonly string[];
  export default ids;
}
// `?probe`: the sources of the regular expressions that find its terms (core/term-anchors.ts probeSource).
declare module '*.json?probe' {
  const source: { anchors: string; terms: string };
  export default source;
}
// `?page`: the file without what only the background's answer ranking reads (`termAnswers`).
declare module '*.json?page' {
  const file: unknown;
  export default file;
}
// `?matcher`: the matcher of its topics, compiled (core/matcher.ts compileMatcher).
declare module '*.json?matcher' {
  const compiled: unknown;
  export default compiled;
}
