// A JSON file imported with `?ids`: the ids of its `topics` (see topicIdsOnly in wxt.config.ts).
declare module '*.json?ids' {
  const ids: readonly string[];
  export default ids;
}
