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
 * The lines of `content` that hold a keyword, given the keywords' start offsets (one ascending list
 * per keyword). Lines longer than `maxLineLength` are left out. Returns null when no line
 * qualifies, and 'whole' when the lines are most of the fragment (copying them would cost more
 * than reading it all).
 */
export function keywordLines(content: Buffer, keywordStarts: readonly (readonly number[])[], maxLineLength: number): LineWindow | 'whole' | null {
  const places = keywordStarts.length === 1 ? keywordStarts[0] : keywordStarts.flat().sort((a, b) => a - b);
  const lines: number[] = []; // start, end: pairs, in order
  let size = -1;
  for (let i = 0, lineEnd = -1; i < places.length; i++) {
    const at = places[i];
    if (at <= lineEnd) continue; // on the line already seen
    const start = content.lastIndexOf(10, at) + 1;
    const nl = content.indexOf(10, at);
    lineEnd = nl === -1 ? content.length : nl;
    if (lineEnd - start > maxLineLength) continue;
    lines.push(start, lineEnd);
    size += lineEnd - start + 1;
  }
  if (lines.length === 0) return null;
  if (size * 2 > content.length) return 'whole';
  const joined = Buffer.allocUnsafe(size);
  const windowStarts: number[] = [];
  const fragmentStarts: number[] = [];
  let at = 0;
  for (let j = 0; j < lines.length; j += 2) {
    if (at > 0) joined[at++] = 10;
    windowStarts.push(at);
    fragmentStarts.push(lines[j]);
    content.copy(joined, at, lines[j], lines[j + 1]);
    at += lines[j + 1] - lines[j];
  }
  return new LineWindow(joined, windowStarts, fragmentStarts);
}
