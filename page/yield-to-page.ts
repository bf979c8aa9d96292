/**
 * Lets the page run between slices of our work, so that we never cause a long task (> 50 ms).
 * `scheduler.yield()` (Chromium 129+) resumes us ahead of other queued tasks; elsewhere a
 * MessageChannel message is a macrotask without setTimeout's 4 ms clamp.
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/** Runs `callback` when the page is idle, or after `timeoutMs` at the latest. */
export function whenIdle(callback: () => void, timeoutMs: number): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(callback, { timeout: timeoutMs });
  else setTimeout(callback, Math.min(timeoutMs, 50));
}

/** The document is parsed and the page has had its first idle moment (what document_idle would give). */
export async function whenParsedAndIdle(doc: Document = document): Promise<void> {
  if (doc.readyState === 'loading') await new Promise((resolve) => doc.addEventListener('DOMContentLoaded', resolve, { once: true }));
  await new Promise<void>((resolve) => whenIdle(resolve, 1000));
}
