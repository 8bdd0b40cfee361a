/** Index of the last value < `limit` in an ascending array, or -1 (a binary search). */
export function lastBefore(sorted: readonly number[], limit: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
