import { describe, expect, it } from 'vitest';
import { readManagedPolicy, samePolicy, type ManagedPolicySources } from '../../extension/managed-policy';

// Chromium answers storage.managed only seconds after the browser starts. The background answers
// cards meanwhile from a copy of the last policy (extension/managed-policy.ts): these are the
// readings it gets, with the browser's answer and the patience in the test's hands.

type Policy = Record<string, unknown>;

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/** Sources whose browser answer and patience end when the test says; `copy` is what storage.local holds. */
function sources({ copy, copyFails = false }: { copy?: unknown; copyFails?: boolean } = {}) {
  const browserAnswer = deferred<Policy>();
  const patience = deferred<void>();
  const kept: Policy[] = [];
  const given: ManagedPolicySources = {
    read: () => browserAnswer.promise,
    readCopy: () => (copyFails ? Promise.reject(new Error('storage is gone')) : Promise.resolve(copy)),
    keepCopy: async (policy) => void kept.push(policy),
    wait: () => patience.promise,
  };
  return { given, kept, answer: browserAnswer.resolve, runOutOfPatience: () => patience.resolve() };
}

/** Lets every pending promise chain settle. */
const settle = async () => {
  for (let round = 0; round < 10; round++) await Promise.resolve();
};

/** Which of the reading's promises have settled, with what. */
function watch(promise: Promise<Policy>) {
  const state: { value?: Policy } = {};
  void promise.then((value) => (state.value = value));
  return state;
}

describe('reading the organisation’s policy at the background’s start', () => {
  it('gives the browser’s answer when it comes in time, and keeps a copy of it', async () => {
    const { given, kept, answer } = sources({ copy: { density: 'all' } });
    const reading = readManagedPolicy(given);
    answer({ density: 'first-per-page' });
    expect(await reading.meanwhile).toEqual({ density: 'first-per-page' });
    expect(await reading.current).toEqual({ density: 'first-per-page' });
    await settle();
    expect(kept).toEqual([{ density: 'first-per-page' }]);
  });

  it('gives the copy meanwhile when the browser is slow, and the browser’s answer as current once it comes', async () => {
    const { given, kept, answer, runOutOfPatience } = sources({ copy: { enabled: false } });
    const reading = readManagedPolicy(given);
    const current = watch(reading.current);
    runOutOfPatience();
    expect(await reading.meanwhile).toEqual({ enabled: false });
    expect(current.value).toBeUndefined();
    answer({});
    expect(await reading.current).toEqual({});
    await settle();
    expect(kept).toEqual([{}]);
  });

  it('waits for the browser, however long, where there is no copy (the first start after install)', async () => {
    const { given, answer, runOutOfPatience } = sources();
    const reading = readManagedPolicy(given);
    const meanwhile = watch(reading.meanwhile);
    runOutOfPatience();
    await settle();
    expect(meanwhile.value).toBeUndefined();
    answer({ topicPacks: [] });
    expect(await reading.meanwhile).toEqual({ topicPacks: [] });
  });

  it.each([
    ['a copy that is not an object', { copy: 'enabled' }],
    ['a list for a copy', { copy: [{ enabled: false }] }],
    ['a storage that fails', { copyFails: true }],
  ])('treats %s as no copy', async (_, options) => {
    const { given, kept, answer, runOutOfPatience } = sources(options);
    const reading = readManagedPolicy(given);
    const meanwhile = watch(reading.meanwhile);
    runOutOfPatience();
    await settle();
    expect(meanwhile.value).toBeUndefined();
    answer({ enabled: true });
    expect(await reading.meanwhile).toEqual({ enabled: true });
    await settle();
    expect(kept).toEqual([{ enabled: true }]);
  });

  it('does not write the copy again when the browser says the same', async () => {
    const { given, kept, answer } = sources({ copy: { sites: { siteMode: 'all', sites: [] }, enabled: true } });
    const reading = readManagedPolicy(given);
    answer({ enabled: true, sites: { sites: [], siteMode: 'all' } });
    await reading.current;
    await settle();
    expect(kept).toEqual([]);
  });
});

describe('samePolicy', () => {
  it.each([
    [{}, {}, true],
    [{ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 }, true],
    [{ a: [1, 2] }, { a: [2, 1] }, false],
    [{ a: 1 }, { a: '1' }, false],
    [{}, undefined, false],
  ])('%j and %j: %s', (a, b, same) => {
    expect(samePolicy(a, b)).toBe(same);
  });
});
