/**
 * Maps an array a slice at a time, yielding to the event loop between slices: a batch of
 * synchronous work (validating calls, preparing rows) does not hold back, for its whole
 * length, the requests that arrive meanwhile.
 */

/**
 * `items.map(fn)` in order, with a turn of the event loop (`setImmediate`) between slices of
 * `sliceSize` items. Up to `sliceSize` items are mapped at once, without yielding, so a small
 * batch pays nothing. A throw from `fn` rejects the promise; later items are not mapped.
 *
 * @example const rows = await mapInSlices(calls, (call) => callToValues(pid, 0, call)); // 8 per turn
 */
export async function mapInSlices<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => R,
  sliceSize = 8,
): Promise<R[]> {
  const size = Math.max(1, Math.floor(sliceSize));
  const results: R[] = [];
  for (const [index, item] of items.entries()) {
    if (index > 0 && index % size === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    results.push(fn(item, index));
  }
  return results;
}
