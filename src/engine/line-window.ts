import RE2 from 're2';
import { escapeLiteral } from './prefilter.js';

/**
 * The lines of a fragment that hold a keyword, copied side by side into one buffer (joined by
 * `\n`), with the map back to the fragment's offsets. Catch-all rules read only these lines: their
 * keywords (token, secret, auth…) occur in nearly every file, but on few of its lines.
 */
export class LineWindow {
  /** The selected lines, joined with `\n`. */
  readonly content: Buffer;
  /** For each selected line: where it starts in `content` and in the fragment. */
  private readonly windowStarts: number[];
  private readonly fragmentStarts: number[];

  constructor(content: Buffer, windowStarts: number[], fragmentStarts: number[]) {
    this.content = content;
    this.windowStarts = windowStarts;
    this.fragmentStarts = fragmentStarts;
  }

  /** The fragment offset of a window offset. */
  toFragment(offset: number): number {
    const starts = this.windowStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return this.fragmentStarts[lo] + (offset - starts[lo]);
  }
}

/** Finds the lines that hold any of a set of keywords (case-insensitively). */
export class LineFinder {
  private readonly regex: RE2;

  constructor(
    keywords: readonly string[],
    /** Lines longer than this are left out (no catch-all reports on them). */
    private readonly maxLineLength: number,
  ) {
    const alternatives = [...new Set(keywords)].sort((a, b) => b.length - a.length).map(escapeLiteral);
    this.regex = new RE2(alternatives.join('|'), 'gi');
  }

  /** The keyword lines of `content`, or null when there are none. */
  window(content: Buffer): LineWindow | null {
    const re = this.regex;
    re.lastIndex = 0;
    const lines: [number, number][] = [];
    let size = 0;
    let m: { index: number } | null;
    while ((m = re.exec(content) as typeof m) !== null) {
      const start = content.lastIndexOf(10, m.index) + 1;
      const nl = content.indexOf(10, m.index);
      const end = nl === -1 ? content.length : nl;
      if (end - start <= this.maxLineLength) {
        lines.push([start, end]);
        size += end - start + 1;
      }
      if (nl === -1) break;
      re.lastIndex = nl + 1; // one hit per line is enough
    }
    if (lines.length === 0) return null;
    const joined = Buffer.allocUnsafe(size - 1);
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
}
