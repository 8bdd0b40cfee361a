/** 1 for each byte that, read as a character, `pattern` matches: a table read once per byte. */
export function bytesIn(pattern: RegExp): Uint8Array {
  const table = new Uint8Array(256);
  for (let b = 0; b < 256; b++) table[b] = pattern.test(String.fromCharCode(b)) ? 1 : 0;
  return table;
}

/**
 * Where the first run of at least `min` bytes that `member` marks starts, at or after `from`
 * (which must be 0 or follow a byte that is no member: the start returned is then the run's
 * own), or -1. Most bytes are never read: if the byte `min - 1` ahead is no member, no run that
 * long starts before it, and the search jumps past it; if it is, the bytes back from it find
 * where its run starts.
 */
export function runStart(bytes: Uint8Array, member: Uint8Array, min: number, from = 0): number {
  if (min <= 0) return from;
  let start = from; // the earliest byte a run may start at: all bytes before it are ruled out
  for (let end = start + min - 1; end < bytes.length; end = start + min - 1) {
    if (member[bytes[end]] === 0) {
      start = end + 1;
      continue;
    }
    let back = end - 1;
    while (back >= start && member[bytes[back]] === 1) back--;
    if (back < start) return start;
    start = back + 1;
  }
  return -1;
}
