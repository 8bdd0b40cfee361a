import type { createHash as CreateHash } from 'node:crypto';
import { requireCjs } from '../require-cjs.js';
import { lastBefore } from '../sorted.js';
import type { Fragment, Match } from '../types.js';

/** Line starts of a fragment, computed once per fragment that has matches. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly content: Buffer) {
    for (let i = content.indexOf(10); i !== -1; i = content.indexOf(10, i + 1)) this.starts.push(i + 1);
  }

  /** 0-based line index holding byte offset `offset`. */
  lineOf(offset: number): number {
    return lastBefore(this.starts, offset + 1);
  }

  /**
   * 1-based column of `offset` in characters, as a viewer decodes them (a broken byte is one
   * U+FFFD). Columns already counted on the line are kept, so that many secrets on one minified
   * line cost one pass over it, not one per secret.
   */
  columnOf(line: number, offset: number): number {
    if (line !== this.checkpointLine) {
      this.checkpointLine = line;
      this.checkpoints = [[this.starts[line], 1]];
    }
    const points = this.checkpoints;
    let i = points.length - 1;
    while (i > 0 && points[i][0] > offset) i--;
    let [from, column] = points[i];
    for (const _ of this.content.toString('utf8', from, offset)) column++;
    // A later count may start here only where a decoder starts afresh (not inside a character).
    if (offset > from && !isContinuation(this.content[offset])) points.splice(i + 1, 0, [offset, column]);
    return column;
  }

  private checkpointLine = -1;
  /** [offset, column] on checkpointLine, by offset. */
  private checkpoints: [number, number][] = [];

  /** The text of a line, without its line ending. */
  text(line: number): string {
    const [start, end] = this.bounds(line);
    return this.content.toString('utf8', start, end);
  }

  /**
   * The line holding bytes [from, to) as text, and where they sit in it (string indexes, up to the
   * line's end). A line longer than EXCERPT_MAX bytes is cut around them, marked with `…`: a
   * finding on a minified line need not carry megabytes of it.
   */
  excerpt(line: number, from: number, to: number): { text: string; span: [number, number] } {
    const [start, end] = this.bounds(line);
    const until = Math.min(Math.max(to, from), end);
    let [a, b] = [start, end];
    if (end - start > EXCERPT_MAX) {
      a = Math.min(from, Math.max(start, this.boundary(from - EXCERPT_BEFORE)));
      b = Math.max(until, Math.min(end, this.boundary(a + EXCERPT_MAX)));
    }
    const head = a > start ? '…' : '';
    const before = head + this.content.toString('utf8', a, from);
    const secret = this.content.toString('utf8', from, until);
    const text = before + secret + this.content.toString('utf8', until, b) + (b < end ? '…' : '');
    return { text, span: [before.length, before.length + secret.length] };
  }

  /** A line's bytes without its line ending (LF, or CRLF). */
  private bounds(line: number): [number, number] {
    const start = this.starts[line];
    let end = line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.content.length;
    if (end > start && this.content[end - 1] === 13) end--;
    return [start, end];
  }

  /** The first offset at or after `at` that is not inside a character. */
  private boundary(at: number): number {
    for (let i = 0; i < 3 && isContinuation(this.content[at]); i++) at++;
    return at;
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

const EXCERPT_MAX = 2000;
const EXCERPT_BEFORE = 500;

function isContinuation(byte: number | undefined): boolean {
  return byte !== undefined && (byte & 0xc0) === 0x80;
}

export interface Location {
  /** 0-based line indexes within the fragment */
  startIndex: number;
  endIndex: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * Places a match's byte span on the source's lines, through the diff line map if there is one.
 * A window of a chunked input adds the line it starts on, and on its first line the characters
 * before it.
 */
export function locate(fragment: Fragment, lines: LineIndex, match: Match): Location {
  const startIndex = lines.lineOf(match.start);
  const endIndex = lines.lineOf(match.end);
  const first = fragment.chunk?.line ?? 1;
  const fileLine = (index: number) => fragment.lineMap?.[index] ?? first + index;
  const column = (index: number, offset: number) => lines.columnOf(index, offset) + (index === 0 ? fragment.chunk?.column ?? 0 : 0);
  return {
    startIndex,
    endIndex,
    line: fileLine(startIndex),
    column: column(startIndex, match.start),
    endLine: fileLine(endIndex),
    endColumn: column(endIndex, match.end),
  };
}

/** node:crypto's createHash, loaded at the first finding: a clean scan does not pay for loading crypto (~4 ms). */
let createHash: typeof CreateHash | undefined;

/** A content hash that survives line moves and rebases: rule, secret and path. */
export function fingerprint(ruleId: string, secret: string, path: string | null): string {
  createHash ??= (requireCjs('node:crypto') as { createHash: typeof CreateHash }).createHash;
  const hash = createHash('sha256').update(`${ruleId}\0${secret}\0${path ?? ''}`).digest('hex');
  return `sha256:${hash}`;
}
