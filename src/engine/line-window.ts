import { lastBefore } from '../sorted.js';

/**
 * The lines of a fragment that hold a keyword, copied side by side into one buffer (joined by
 * `\n`), with the map back to the fragment's offsets. A rule whose matches stay within a line
 * reads only these: its keywords may occur in a file, but on few of its lines.
 */
export class LineWindow {
  constructor(
    /** The selected lines, joined with `\n`. */
    readonly content: Buffer,
    /** For each selected line: where it starts in `content` and in the fragment. */
    private readonly windowStarts: number[],
    private readonly fragmentStarts: number[],
  ) {}

  /** The fragment offset of a window offset. */
  toFragment(offset: number): number {
    const line = lastBefore(this.windowStarts, offset + 1);
    return this.fragmentStarts[line] + (offset - this.windowStarts[line]);
  }
}

/**
 * The lines of `content` that hold one of `keywords` (lowercase ASCII, looked for in `lowered`,
 * the content lowercased one byte to a character). Lines longer than `maxLineLength` are left out.
 * Returns null when no line qualifies, and 'whole' when the lines are most of the fragment
 * (copying them would cost more than reading it all).
 */
export function keywordLines(content: Buffer, lowered: string, keywords: readonly string[], maxLineLength: number): LineWindow | 'whole' | null {
  const starts = new Map<number, number>(); // line start → line end
  for (const keyword of keywords) {
    for (let at = lowered.indexOf(keyword); at !== -1; ) {
      const start = content.lastIndexOf(10, at) + 1;
      const nl = content.indexOf(10, at + keyword.length);
      const end = nl === -1 ? content.length : nl;
      if (end - start <= maxLineLength) starts.set(start, end);
      if (nl === -1) break;
      at = lowered.indexOf(keyword, nl + 1);
    }
  }
  if (starts.size === 0) return null;
  const lines = [...starts].sort((a, b) => a[0] - b[0]);
  let size = lines.length - 1;
  for (const [start, end] of lines) size += end - start;
  if (size * 2 > content.length) return 'whole';
  const joined = Buffer.allocUnsafe(size);
  const windowStarts: number[] = [];
  const fragmentStarts: number[] = [];
  let at = 0;
  for (const [start, end] of lines) {
    if (at > 0) joined[at++] = 10;
    windowStarts.push(at);
    fragmentStarts.push(start);
    content.copy(joined, at, start, end);
    at += end - start;
  }
  return new LineWindow(joined, windowStarts, fragmentStarts);
}

/** `content` read one byte to a character (so offsets are kept), lowercased. */
export function lowercaseBytes(content: Buffer): string {
  return content.toString('latin1').toLowerCase();
}
