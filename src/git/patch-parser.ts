import { ByteBuilder } from './byte-builder.js';
import { unquotePath } from './unquote-path.js';

/** One file's part of a patch, new side: what a scan needs to see and to place. */
export class FilePatch {
  binary = false;
  /** The new side is a submodule (a gitlink): its content lives in another repository. */
  submodule = false;
  /** The `index <old>..<new>` line, from which the blob ids are read when they are wanted. */
  indexLine: string | null = null;
  /** New-side lines of every hunk, context and added, in order, joined with `\n`. */
  content: Buffer = EMPTY;
  /** The new file's line number (1-based) of each line of `content`. */
  lineNumbers: number[] = [];
  /** Indexes of the added lines among the lines of `content`. */
  added: number[] = [];
  /** The removed lines joined with `\n` (to notice when a known secret is deleted), or null. */
  removedContent: Buffer | null = null;
  /** More than `maxBytes` of new-side text: the lines stop there. */
  truncated = false;
  /** Bytes of new-side text seen, truncated or not (this piece and those before it). */
  bytes = 0;
  /** A piece of a large file's patch: more of it follows, in the next FilePatch. */
  continues = false;

  constructor(
    /** null for a new file */
    public oldPath: string | null,
    /** null for a deleted file */
    public newPath: string | null,
  ) {}

  /** Blob ids from the `index` line (full with --full-index): the old side's, one per parent. */
  get oldBlobs(): string[] {
    const index = this.indexLine === null ? null : INDEX.exec(this.indexLine);
    return index ? index[1].split(',').filter((id) => !/^0+$/.test(id)) : [];
  }

  /** The new side's blob id, or null (deleted, or no index line). */
  get blob(): string | null {
    const index = this.indexLine === null ? null : INDEX.exec(this.indexLine);
    return index && !/^0+$/.test(index[2]) ? index[2] : null;
  }

  /** The new-side lines one by one (for tests and small diffs; the scan reads `content`). */
  get lines(): Buffer[] {
    return this.lineNumbers.length === 0 ? [] : splitLines(this.content);
  }

  /** The removed lines one by one. */
  get removed(): Buffer[] {
    return this.removedContent === null ? [] : splitLines(this.removedContent);
  }
}

const EMPTY = Buffer.alloc(0);

/** Lines the next piece of a split patch repeats as context, so a secret across the cut is whole in one piece. */
const OVERLAP_BYTES = 64 * 1024;

// `index a..b 160000`, `new file mode 160000`, `mode 160000,160000..160000` (combined): a gitlink.
const GITLINK = /^(?:index \S+ |(?:new file |deleted file |new |old )?mode )(?:[0-7]+,)*(?:[0-7]+\.\.)?160000$/;
const SUBPROJECT = /^Subproject commit [0-9a-f]{40,64}(?:-dirty)?$/;
// `index <old>..<new>`, or `index <p1>,<p2>..<new>` in a combined diff
const INDEX = /^index ([0-9a-f,]+)\.\.([0-9a-f]+)/;

// `@@ -a,b +c,d @@`, or for a merge's combined diff `@@@ -a,b -c,d +e,f @@@` (one `-` range per parent).
const HUNK = /^(@@+)((?: -\d+(?:,\d+)?)+) \+(\d+)(?:,(\d+))? @@/;

/** Whether `line` begins with `prefix` (ASCII). */
export function startsWith(line: Buffer, prefix: string): boolean {
  if (line.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (line[i] !== prefix.charCodeAt(i)) return false;
  return true;
}

/**
 * A streaming parser of `git diff` / `git log -p` output, fed line by line. It keeps one file's
 * patch at a time and hands each to `onFile` when the next begins (or at `flush`), so memory
 * holds one file's hunks, never a whole history. Lines arrive as spans of the stream's chunks
 * and are copied straight into the file's content: no object per line. With `pieceBytes`, a
 * larger patch is handed over in pieces of about that size, cut at line boundaries: each piece
 * repeats the end of the one before as context lines (not added), so memory stays bounded and
 * nothing is found twice.
 */
export class PatchParser {
  private file: FilePatch | null = null;
  /** Lines left in the hunk on each parent's side (one parent, or several in a combined diff). */
  private oldLeft: number[] = [];
  private newLeft = 0;
  private newLine = 0;
  private readonly content = new ByteBuilder(1 << 16);
  private readonly removedLines = new ByteBuilder(1 << 12);
  private removedCount = 0;

  constructor(
    private readonly onFile: (file: FilePatch) => void,
    private readonly maxBytes = Number.POSITIVE_INFINITY,
    private readonly pieceBytes = Number.POSITIVE_INFINITY,
  ) {}

  /** One line of the patch, without its `\n`. */
  line(line: Buffer): void {
    this.lineAt(line, 0, line.length);
  }

  /** One line of the patch: `buf[start, end)`, without its `\n`. */
  lineAt(buf: Buffer, start: number, end: number): void {
    if (this.file && (this.newLeft > 0 || this.oldLeftAny())) {
      this.hunkLine(buf, start, end);
      return;
    }
    // header lines, told apart by their first byte first: most of a history's lines that are not content
    const first = buf[start];
    if (first === 0x64 /* d */) {
      const line = buf.subarray(start, end);
      if (startsWith(line, 'diff --git ')) {
        this.flush();
        const { oldPath, newPath } = headerPaths(line.subarray(11));
        this.file = new FilePatch(oldPath, newPath);
      } else if (startsWith(line, 'diff --cc ') || startsWith(line, 'diff --combined ')) {
        // a merge: the path once, then a diff of the result against every parent at once
        this.flush();
        const path = patchPath(line.subarray(line.indexOf(0x20, 7) + 1), '');
        this.file = new FilePatch(path, path);
      } else if (this.file && startsWith(line, 'deleted file mode')) {
        this.file.newPath = null;
      }
      return;
    }
    const file = this.file;
    if (!file) return;
    switch (first) {
      case 0x40 /* @ */: {
        const m = HUNK.exec(buf.toString('latin1', start, end));
        if (!m) return;
        // pushed, not mapped: map's array has another elements kind than the empty one flush
        // sets, and each change of it makes V8 throw away the hunk-line code it optimized
        const oldLeft: number[] = [];
        for (const range of m[2].trim().split(' ')) oldLeft.push(range.includes(',') ? Number(range.split(',')[1]) : 1);
        this.oldLeft = oldLeft;
        this.newLeft = m[4] === undefined ? 1 : Number(m[4]);
        this.newLine = Number(m[3]);
        return;
      }
      case 0x2d /* - */:
        if (startsWith(buf.subarray(start, end), '--- ')) file.oldPath = patchPath(buf.subarray(start + 4, end), 'a/');
        return;
      case 0x2b /* + */:
        if (startsWith(buf.subarray(start, end), '+++ ')) file.newPath = patchPath(buf.subarray(start + 4, end), 'b/');
        return;
      case 0x72 /* r */:
      case 0x63 /* c */: {
        const line = buf.subarray(start, end);
        if (startsWith(line, 'rename from ') || startsWith(line, 'copy from ')) file.oldPath = unquotePath(line.subarray(first === 0x72 ? 12 : 10));
        else if (startsWith(line, 'rename to ') || startsWith(line, 'copy to ')) file.newPath = unquotePath(line.subarray(first === 0x72 ? 10 : 8));
        return;
      }
      case 0x42 /* B */:
      case 0x47 /* G */: {
        const line = buf.subarray(start, end);
        if (startsWith(line, 'Binary files ') || startsWith(line, 'GIT binary patch')) file.binary = true;
        return;
      }
      case 0x6e /* n */:
        if (startsWith(buf.subarray(start, end), 'new file mode')) file.oldPath = null;
        this.gitlink(file, buf, start, end);
        return;
      case 0x6d /* m */:
        this.gitlink(file, buf, start, end);
        return;
      case 0x69 /* i */:
        if (startsWith(buf.subarray(start, end), 'index ')) {
          file.indexLine = buf.toString('latin1', start, end);
          this.gitlink(file, buf, start, end);
        }
        return;
      default:
    }
  }

  /** `index …160000`, `new file mode 160000`, `mode …160000` (combined): the new side is a submodule. */
  private gitlink(file: FilePatch, buf: Buffer, start: number, end: number): void {
    if (end - start < 6 || buf.toString('latin1', end - 6, end) !== '160000') return;
    if (GITLINK.test(buf.toString('latin1', start, end))) file.submodule = true;
  }

  /** Hands over the file in progress, if any. */
  flush(): void {
    const file = this.file;
    if (file) {
      this.handOver(file);
      // a combined diff names no modes: a gitlink shows as its one line, `Subproject commit <id>`
      if (file.lineNumbers.length === 1 && file.lineNumbers[0] === 1 && SUBPROJECT.test(file.content.toString('latin1'))) file.submodule = true;
      this.onFile(file);
    }
    this.file = null;
    this.oldLeft = [];
    this.newLeft = 0;
    this.content.reset();
  }

  /** Moves the piece's bytes into the file, and empties the builders. */
  private handOver(file: FilePatch): void {
    if (this.content.length > 0) file.content = this.content.toBuffer();
    if (this.removedCount > 0) file.removedContent = this.removedLines.toBuffer();
    this.removedLines.reset();
    this.removedCount = 0;
  }

  /** Bytes held in the current piece: its new-side text and its removed lines. */
  private get held(): number {
    return this.content.length + this.removedLines.length;
  }

  /** Hands over the piece in progress and starts the next with the end of this one as context. */
  private split(): void {
    const file = this.file!;
    this.handOver(file);
    // the last lines that start within OVERLAP_BYTES of the end, found from the end
    const content = file.content;
    let from = file.lineNumbers.length;
    let fromStart = content.length;
    for (let end = content.length; from > 0; from--) {
      const start = end === 0 ? 0 : content.lastIndexOf(10, end - 1) + 1;
      if (content.length - start > OVERLAP_BYTES) break;
      fromStart = start;
      end = start - 1;
    }
    const next = new FilePatch(file.oldPath, file.newPath);
    Object.assign(next, { binary: file.binary, submodule: file.submodule, indexLine: file.indexLine, bytes: file.bytes, truncated: file.truncated });
    next.lineNumbers = file.lineNumbers.slice(from);
    this.content.reset();
    if (from < file.lineNumbers.length) this.content.append(content, fromStart, content.length);
    file.continues = true;
    this.file = next;
    this.onFile(file);
  }

  private oldLeftAny(): boolean {
    for (const n of this.oldLeft) if (n > 0) return true;
    return false;
  }

  /**
   * A hunk line: one column per parent (`+`, `-` or space), then the text. A line is in the result
   * unless some column says `-`; it is new only when every column says `+` (in a merge: in neither parent).
   */
  private hunkLine(buf: Buffer, start: number, end: number): void {
    const file = this.file!;
    const columns = this.oldLeft.length;
    let removed = false;
    let added = true;
    for (let i = 0; i < columns; i++) {
      const c = start + i < end ? buf[start + i] : -1;
      if (c === 0x2d /* - */) removed = true;
      if (c !== 0x2b /* + */) added = false;
      if (c !== 0x2b && c !== 0x2d && c !== 0x20 && end > start) return; // `\ No newline at end of file`
      if (c !== 0x2b) this.oldLeft[i]--; // context and removed lines are on this parent's side
    }
    if (removed) {
      if (columns === 1) {
        if (this.removedCount++ > 0) this.removedLines.appendByte(10);
        this.removedLines.append(buf, start + 1, end);
        if (this.held >= this.pieceBytes) this.split();
      }
      return;
    }
    this.newLeft--;
    const textStart = Math.min(start + columns, end);
    file.bytes += end - textStart + 1;
    if (file.bytes > this.maxBytes) {
      file.truncated = true;
    } else {
      const index = file.lineNumbers.length;
      if (added) file.added.push(index);
      if (index > 0) this.content.appendByte(10);
      this.content.append(buf, textStart, end);
      file.lineNumbers.push(this.newLine);
    }
    this.newLine++;
    if (this.held >= this.pieceBytes) this.split();
  }
}

/** Splits joined lines back apart. */
function splitLines(joined: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let nl = joined.indexOf(10); nl !== -1; nl = joined.indexOf(10, start)) {
    lines.push(joined.subarray(start, nl));
    start = nl + 1;
  }
  lines.push(joined.subarray(start));
  return lines;
}

/** `a/x b/x` from `diff --git a/x b/x`: exact when quoted or when both sides are the same path. */
function headerPaths(header: Buffer): { oldPath: string; newPath: string } {
  if (header[0] === 0x22) {
    let end = 1;
    while (end < header.length && !(header[end] === 0x22 && header[end - 1] !== 0x5c)) end++;
    const oldPath = stripPrefix(unquotePath(header.subarray(0, end + 1)), 'a/');
    const newPath = patchPath(header.subarray(end + 2), 'b/') ?? oldPath;
    return { oldPath, newPath };
  }
  const text = header.toString('utf8');
  const half = (text.length - 1) / 2;
  if (Number.isInteger(half) && text.slice(2, half) === text.slice(half + 3)) {
    const path = text.slice(2, half);
    return { oldPath: path, newPath: path };
  }
  const split = text.indexOf(' b/');
  return { oldPath: stripPrefix(text.slice(0, split), 'a/'), newPath: text.slice(split + 3) };
}

/** The path on a `---` / `+++` line: /dev/null, or a (possibly quoted) prefixed path; git adds a tab after paths with spaces. */
export function patchPath(text: Buffer, prefix: string): string | null {
  let end = text.length;
  if (text[end - 1] === 0x09) end--;
  const raw = text.subarray(0, end);
  if (raw.toString('latin1') === '/dev/null') return null;
  return stripPrefix(unquotePath(raw), prefix);
}

function stripPrefix(path: string, prefix: string): string {
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}
