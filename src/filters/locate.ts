import { createHash } from 'node:crypto';
import type { Fragment, Match } from '../types.js';

/** Line starts of a fragment, computed once per fragment that has matches. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly content: Buffer) {
    for (let i = content.indexOf(10); i !== -1; i = content.indexOf(10, i + 1)) this.starts.push(i + 1);
  }

  /** 0-based line index holding byte offset `offset`. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** 1-based column of `offset` in characters, as a viewer decodes them (a broken byte is one U+FFFD). */
  columnOf(line: number, offset: number): number {
    let column = 1;
    for (const _ of this.content.toString('utf8', this.starts[line], offset)) column++;
    return column;
  }

  /** The text of a line, without its line ending. */
  text(line: number): string {
    const start = this.starts[line];
    let end = line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.content.length;
    if (end > start && this.content[end - 1] === 13) end--;
    return this.content.toString('utf8', start, end);
  }

  get lineCount(): number {
    return this.starts.length;
  }
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

/** Places a match's byte span on the source's lines, through the diff line map if there is one. */
export function locate(fragment: Fragment, lines: LineIndex, match: Match): Location {
  const startIndex = lines.lineOf(match.start);
  const endIndex = lines.lineOf(match.end);
  const fileLine = (index: number) => fragment.lineMap?.[index] ?? index + 1;
  return {
    startIndex,
    endIndex,
    line: fileLine(startIndex),
    column: lines.columnOf(startIndex, match.start),
    endLine: fileLine(endIndex),
    endColumn: lines.columnOf(endIndex, match.end),
  };
}

/** A content hash that survives line moves and rebases: rule, secret and path. */
export function fingerprint(ruleId: string, secret: string, path: string | null): string {
  const hash = createHash('sha256').update(`${ruleId}\0${secret}\0${path ?? ''}`).digest('hex');
  return `sha256:${hash}`;
}
