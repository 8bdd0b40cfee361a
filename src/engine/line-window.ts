import { lastBefore } from '../sorted.js';

/**
 * The lines of a fragment that hold a keyword (and those around them, for a rule whose matches
 * can span lines), copied side by side into one buffer, with the map back to the fragment's
 * offsets. A rule whose matches hold a keyword reads only these: its keywords may occur in a
 * file, but on few of its lines.
 */
export class LineWindow {
  constructor(
    /** The pieces (runs of whole lines), joined with `\n`. */
    readonly content: Buffer,
    /** For each piece: where it starts in `content` and in the fragment. */
    private readonly windowStarts: number[],
    private readonly fragmentStarts: number[],
  ) {}

  /** The fragment offset of a window offset. */
  toFragment(offset: number): number {
    const piece = lastBefore(this.windowStarts, offset + 1);
    return this.fragmentStarts[piece] + (offset - this.windowStarts[piece]);
  }

  /**
   * Whether `content[start, end)` is text of the fragment: it crosses no join between two pieces,
   * save as its first or last character (a piece is whole lines: there the fragment has a line
   * break, or its start or end, as well).
   */
  inOnePiece(start: number, end: number): boolean {
    const piece = lastBefore(this.windowStarts, start + 1);
    let join = this.joinAfter(piece);
    if (join === start) join = this.joinAfter(piece + 1);
    return join >= end - 1;
  }

  /** The offset of the `\n` that joins a piece to the next, or Infinity after the last. */
  private joinAfter(piece: number): number {
    return piece + 1 < this.windowStarts.length ? this.windowStarts[piece + 1] - 1 : Number.POSITIVE_INFINITY;
  }
}

/**
 * The lines of `content` that hold a keyword, given the keywords' start offsets (one ascending list
 * per keyword), with `around` lines before and after each. Keyword lines longer than
 * `maxLineLength` are left out. Returns null when no line qualifies, and 'whole' when the lines
 * are most of the fragment (copying them would cost more than reading it all).
 */
export function keywordLines(content: Buffer, keywordStarts: readonly (readonly number[])[], maxLineLength: number, around = 0): LineWindow | 'whole' | null {
  const places = keywordStarts.length === 1 ? keywordStarts[0] : keywordStarts.flat().sort((a, b) => a - b);
  const pieces: number[] = []; // start, end: pairs, in order, apart
  let size = -1;
  for (let i = 0, lineEnd = -1; i < places.length; i++) {
    const at = places[i];
    if (at <= lineEnd) continue; // on the line already seen
    let start = content.lastIndexOf(10, at) + 1;
    const nl = content.indexOf(10, at);
    lineEnd = nl === -1 ? content.length : nl;
    if (lineEnd - start > maxLineLength) continue;
    let end = lineEnd;
    for (let n = 0; n < around && start > 0; n++) start = start < 2 ? 0 : content.lastIndexOf(10, start - 2) + 1;
    for (let n = 0; n < around && end < content.length; n++) {
      const next = content.indexOf(10, end + 1);
      end = next === -1 ? content.length : next;
    }
    const last = pieces.length - 1;
    if (last > 0 && start <= pieces[last] + 1) {
      // touching or overlapping the piece before: one piece, so that matches may run on
      size += end - pieces[last];
      pieces[last] = end;
    } else {
      pieces.push(start, end);
      size += end - start + 1;
    }
  }
  if (pieces.length === 0) return null;
  if (size * 2 > content.length) return 'whole';
  const joined = Buffer.allocUnsafe(size);
  const windowStarts: number[] = [];
  const fragmentStarts: number[] = [];
  let at = 0;
  for (let j = 0; j < pieces.length; j += 2) {
    if (at > 0) joined[at++] = 10;
    windowStarts.push(at);
    fragmentStarts.push(pieces[j]);
    content.copy(joined, at, pieces[j], pieces[j + 1]);
    at += pieces[j + 1] - pieces[j];
  }
  return new LineWindow(joined, windowStarts, fragmentStarts);
}
