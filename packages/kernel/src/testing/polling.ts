/** What a probe returns while the awaited state has not come yet. */
type NotYet = undefined | null | false;

/**
 * Asks `probe` every `everyMs` until it returns something other than undefined, null or false,
 * and returns that; throws after `timeoutMs`, naming `what`.
 */
export async function until<T>(
  probe: () => Promise<T | NotYet> | T | NotYet,
  timeoutMs = 10_000,
  what = 'condition',
  everyMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
