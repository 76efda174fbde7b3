import { haveXTools } from './x-desktop';

/**
 * Scenarios that need Xvfb/x11vnc or Chromium run wherever those are
 * installed, and always in CI (.ci/run installs them), where a missing tool
 * must fail rather than skip silently.
 */
export function describeWhen(available: boolean, what: string): jest.Describe {
  if (available || process.env.CI) return describe;
  console.warn(`skipping e2e scenarios that need ${what} (not installed)`);
  return describe.skip;
}

export const describeWithX = (): jest.Describe => describeWhen(haveXTools(), 'Xvfb and x11vnc');

export const CHROMIUM = '/usr/bin/chromium';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns something equal to `expected` (JSON-wise); returns the last value seen. */
export async function eventually<T>(probe: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await probe();
  while (JSON.stringify(last) !== JSON.stringify(expected) && Date.now() < deadline) {
    await sleep(100);
    last = await probe();
  }
  return last;
}
