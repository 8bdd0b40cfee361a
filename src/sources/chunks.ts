import type { FragmentChunk } from '../types.js';

/**
 * Inputs larger than a chunk are scanned window by window, so memory stays bounded however big
 * a file or standard input is. Each window overlaps its neighbours by OVERLAP bytes on each side
 * and reports only the secrets that start in its own core, so a secret up to OVERLAP bytes long
 * that crosses a boundary is found once, whole. Tests shrink both through the environment.
 */
export const CHUNK_BYTES = 8 * 1024 * 1024;
export const OVERLAP_BYTES = 64 * 1024;

export interface ChunkSizes {
  chunk: number;
  overlap: number;
}

/** The sizes in force: the constants, unless LEAKGUARD_CHUNK_BYTES / LEAKGUARD_CHUNK_OVERLAP say otherwise. */
export function chunkSizes(env: NodeJS.ProcessEnv = process.env): ChunkSizes {
  const read = (value: string | undefined, fallback: number) => (value && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : fallback);
  return { chunk: read(env.LEAKGUARD_CHUNK_BYTES, CHUNK_BYTES), overlap: read(env.LEAKGUARD_CHUNK_OVERLAP, OVERLAP_BYTES) };
}

export interface Window {
  /** Valid until the next window is asked for: the buffer is reused, so memory stays flat. */
  content: Buffer;
  /** Absent when the input fitted in one chunk and `content` is all of it. */
  chunk?: FragmentChunk;
}

/**
 * Cuts a stream of UTF-8 pieces into windows. Chunk k's core is [s, e); its window is
 * [s - overlap, e + overlap), widened back to a line start when one is within another overlap
 * (so the line before a secret is there for inline ignores). A core ends just after a newline
 * when one is near, else on a character boundary, so that counting characters window by window
 * gives the same columns as counting over the whole line.
 */
export async function* windows(pieces: AsyncIterable<Buffer>, sizes: ChunkSizes): AsyncGenerator<Window> {
  const { chunk, overlap } = sizes;
  const iterator = pieces[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const second = await iterator.next();
  if (second.done && first.value.length <= chunk) {
    if (first.value.length > 0) yield { content: first.value }; // the common case: a small input, not copied
    return;
  }

  // One working buffer, refilled in place: the input from the current window's start, `length` bytes of it.
  let buf = Buffer.allocUnsafe(chunk + 2 * overlap + 4);
  let length = 0;
  const append = (piece: Buffer) => {
    if (length + piece.length > buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(length + piece.length, buf.length * 2));
      buf.copy(grown, 0, 0, length);
      buf = grown;
    }
    piece.copy(buf, length);
    length += piece.length;
  };
  append(first.value);
  if (!second.done) append(second.value);
  let ended = second.done === true;
  let coreStart = 0; // where the next core starts, relative to the window's start
  let line = 1; // of the window's start
  let column = 0; // characters between the start of that line and the window's start
  let index = 0;

  for (;;) {
    // Read until the window can be cut (a core and its right overlap), or the input ends.
    while (!ended && length < coreStart + chunk + overlap) {
      const next = await iterator.next();
      if (next.done) ended = true;
      else append(next.value);
    }
    const view = buf.subarray(0, length);
    const last = ended && length - coreStart <= chunk;
    const coreEnd = last ? length : cutAfter(view, coreStart, chunk, overlap);
    const end = Math.min(length, coreEnd + overlap);
    yield { content: view.subarray(0, end), chunk: { index, line, column, reportFrom: coreStart, reportTo: coreEnd } };
    if (last) return;

    // The next window starts `overlap` before the next core (or at a nearby line start).
    const start = windowStart(view, coreEnd, overlap);
    const newlines = countNewlines(view, start);
    if (newlines.count > 0) {
      line += newlines.count;
      column = countChars(view, newlines.last + 1, start);
    } else {
      column += countChars(view, 0, start);
    }
    buf.copyWithin(0, start, length);
    length -= start;
    coreStart = coreEnd - start;
    index++;
  }
}

/** Where a core that starts at `from` ends: after a newline within the last stretch, else on a character boundary. */
function cutAfter(buf: Buffer, from: number, chunk: number, overlap: number): number {
  const target = from + chunk;
  const slack = Math.min(overlap, Math.floor(chunk / 2));
  const newline = buf.lastIndexOf(10, target - 1);
  if (newline >= from && newline >= target - slack) return newline + 1;
  return Math.min(buf.length, characterBoundary(buf, target));
}

/** The start of the window before a core starting at `coreStart`: `overlap` back, then back to a line start if one is near. */
function windowStart(buf: Buffer, coreStart: number, overlap: number): number {
  const ideal = Math.max(0, coreStart - overlap);
  if (ideal === 0) return 0;
  const newline = buf.lastIndexOf(10, ideal - 1);
  if (newline !== -1 && newline + 1 >= ideal - overlap) return newline + 1;
  for (let at = ideal; at >= ideal - 3; at--) if (at === 0 || !isContinuation(buf[at])) return at;
  return ideal; // after three continuation bytes a decoder starts afresh
}

/** The first offset at or after `at` where a UTF-8 decoder starts afresh (a sequence is at most 4 bytes). */
function characterBoundary(buf: Buffer, at: number): number {
  for (let i = 0; i < 3 && at < buf.length && isContinuation(buf[at]); i++) at++;
  return at;
}

function isContinuation(byte: number | undefined): boolean {
  return byte !== undefined && (byte & 0xc0) === 0x80;
}

function countNewlines(buf: Buffer, end: number): { count: number; last: number } {
  let count = 0;
  let last = -1;
  for (let i = buf.indexOf(10); i !== -1 && i < end; i = buf.indexOf(10, i + 1)) {
    count++;
    last = i;
  }
  return { count, last };
}

/** Characters as a viewer decodes them (a broken sequence is one U+FFFD), as LineIndex counts them. */
function countChars(buf: Buffer, from: number, to: number): number {
  const text = buf.toString('utf8', from, to);
  let pairs = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) pairs++;
  }
  return text.length - pairs;
}
