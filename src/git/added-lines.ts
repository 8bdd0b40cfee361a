import { patchPath, startsWith } from './patch-parser.js';

// `@@ -a[,b] +c[,d] @@`: b lines go, d lines come in at line c
const HUNK = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * Where a patch without context (`git diff -U0`) adds lines, by the file's new path. With no
 * context, hunk `@@ -a,b +c,d @@` adds exactly lines c to c+d-1 of the new file, so its body is
 * skipped, not read: a pre-commit hook parses its diff cold, where reading each added line costs
 * about 5 µs. Binary files and deleted ones add none. Fed line by line, as spans.
 */
export class AddedLines {
  /** new path → added line numbers (1-based, ascending) */
  readonly byPath = new Map<string, number[]>();
  private path: string | null = null;
  /** body lines of the current hunk still to come */
  private skip = 0;

  lineAt(buf: Buffer, start: number, end: number): void {
    if (this.skip > 0) {
      // `\ No newline at end of file` follows a body line and is not one
      if (buf[start] !== 0x5c) this.skip--;
      return;
    }
    const first = buf[start];
    if (first === 0x64 /* d */ && startsWith(buf.subarray(start, end), 'diff ')) {
      this.path = null;
    } else if (first === 0x2b /* + */ && startsWith(buf.subarray(start, end), '+++ ')) {
      this.path = patchPath(buf.subarray(start + 4, end), 'b/');
      if (this.path !== null) this.byPath.set(this.path, []);
    } else if (first === 0x40 /* @ */) {
      const m = HUNK.exec(buf.toString('latin1', start, end));
      if (!m) return;
      const added = m[3] === undefined ? 1 : Number(m[3]);
      const lines = this.path === null ? null : this.byPath.get(this.path)!;
      for (let n = 0, line = Number(m[2]); lines && n < added; n++) lines.push(line + n);
      this.skip = (m[1] === undefined ? 1 : Number(m[1])) + added;
    }
  }
}
