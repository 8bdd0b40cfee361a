/**
 * Milliseconds on a monotonic clock. Not `performance.now()`: the `performance` global loads
 * node's perf_hooks on first use (~1 ms of a hook's start-up).
 */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
