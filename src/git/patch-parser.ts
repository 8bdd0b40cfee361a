import { unquotePath } from './unquote-path.js';

/** One file's part of a patch, new side: what a scan needs to see and to place. */
export interface FilePatch {
  /** null for a new file */
  oldPath: string | null;
  /** null for a deleted file */
  newPath: string | null;
  binary: boolean;
  /** The new side is a submodule (a gitlink): its content lives in another repository. */
  submodule: boolean;
  /** Blob ids from the `index` line (full with --full-index): the old side's (one per parent), the new side's. */
  oldBlobs: string[];
  blob: string | null;
  /** New-side lines of every hunk, context and added, in order (without line endings). */
  lines: Buffer[];
  /** The new file's line number (1-based) of each entry of `lines`. */
  lineNumbers: number[];
  /** Indexes into `lines` of the added ones. */
  added: number[];
  /** The removed lines (to notice when a known secret is deleted). */
  removed: Buffer[];
  /** More than `maxBytes` of new-side text: the lines stop there. */
  truncated: boolean;
  /** Bytes of new-side text seen, truncated or not (this piece and those before it). */
  bytes: number;
  /** A piece of a large file's patch: more of it follows, in the next FilePatch. */
  continues: boolean;
}

/** Lines the next piece of a split patch repeats as context, so a secret across the cut is whole in one piece. */
const OVERLAP_BYTES = 64 * 1024;

// `index a..b 160000`, `new file mode 160000`, `mode 160000,160000..160000` (combined): a gitlink.
const GITLINK = /^(?:index \S+ |(?:new file |deleted file |new |old )?mode )(?:[0-7]+,)*(?:[0-7]+\.\.)?160000$/;
const SUBPROJECT = /^Subproject commit [0-9a-f]{40,64}(?:-dirty)?$/;
// `index <old>..<new>`, or `index <p1>,<p2>..<new>` in a combined diff
const INDEX = /^index ([0-9a-f,]+)\.\.([0-9a-f]+)/;

// `@@ -a,b +c,d @@`, or for a merge's combined diff `@@@ -a,b -c,d +e,f @@@` (one `-` range per parent).
const HUNK = /^(@@+)((?: -\d+(?:,\d+)?)+) \+(\d+)(?:,(\d+))? @@/;

const MODE = Buffer.from('mode ');
const startsWith = (line: Buffer, prefix: string) => line.length >= prefix.length && line.toString('latin1', 0, prefix.length) === prefix;

/**
 * A streaming parser of `git diff` / `git log -p` output, fed line by line. It keeps one file's
 * patch at a time and hands each to `onFile` when the next begins (or at `flush`), so memory
 * holds one file's hunks, never a whole history. With `pieceBytes`, a larger patch is handed
 * over in pieces of about that size, cut at line boundaries: each piece repeats the end of the one
 * before as context lines (not added), so memory stays bounded and nothing is found twice.
 */
export class PatchParser {
  private file: FilePatch | null = null;
  /** Lines left in the hunk on each parent's side (one parent, or several in a combined diff). */
  private oldLeft: number[] = [];
  private newLeft = 0;
  private newLine = 0;
  /** Bytes of lines (new side and removed) held in the current piece. */
  private pieceHeld = 0;

  constructor(
    private readonly onFile: (file: FilePatch) => void,
    private readonly maxBytes = Number.POSITIVE_INFINITY,
    private readonly pieceBytes = Number.POSITIVE_INFINITY,
  ) {}

  /** One line of the patch, without its `\n`. */
  line(line: Buffer): void {
    if (this.file && (this.newLeft > 0 || this.oldLeft.some((n) => n > 0))) {
      this.hunkLine(line);
      return;
    }
    if (startsWith(line, 'diff --git ')) {
      this.flush();
      this.file = newFile(line.subarray(11));
      return;
    }
    if (startsWith(line, 'diff --cc ') || startsWith(line, 'diff --combined ')) {
      // a merge: the path once, then a diff of the result against every parent at once
      this.flush();
      const path = patchPath(line.subarray(line.indexOf(0x20, 7) + 1), '');
      this.file = { ...newFile(Buffer.from('a/x b/x')), oldPath: path, newPath: path };
      return;
    }
    const file = this.file;
    if (!file) return;
    if (startsWith(line, '@@')) {
      const m = HUNK.exec(line.toString('latin1'));
      if (!m) return;
      this.oldLeft = m[2].trim().split(' ').map((range) => (range.includes(',') ? Number(range.split(',')[1]) : 1));
      this.newLeft = m[4] === undefined ? 1 : Number(m[4]);
      this.newLine = Number(m[3]);
    } else if (startsWith(line, '--- ')) {
      file.oldPath = patchPath(line.subarray(4), 'a/');
    } else if (startsWith(line, '+++ ')) {
      file.newPath = patchPath(line.subarray(4), 'b/');
    } else if (startsWith(line, 'rename from ') || startsWith(line, 'copy from ')) {
      file.oldPath = unquotePath(line.subarray(line[0] === 0x72 ? 12 : 10));
    } else if (startsWith(line, 'rename to ') || startsWith(line, 'copy to ')) {
      file.newPath = unquotePath(line.subarray(line[0] === 0x72 ? 10 : 8));
    } else if (startsWith(line, 'new file mode')) {
      file.oldPath = null;
    } else if (startsWith(line, 'deleted file mode')) {
      file.newPath = null;
    } else if (startsWith(line, 'Binary files ') || startsWith(line, 'GIT binary patch')) {
      file.binary = true;
    }
    if (startsWith(line, 'index ') || line.includes(MODE)) {
      const text = line.toString('latin1');
      if (GITLINK.test(text) && !startsWith(line, 'deleted') && !startsWith(line, 'old')) file.submodule = true;
      const index = INDEX.exec(text);
      if (index) {
        file.oldBlobs = index[1].split(',').filter((id) => !/^0+$/.test(id));
        file.blob = /^0+$/.test(index[2]) ? null : index[2];
      }
    }
  }

  /** Hands over the file in progress, if any. */
  flush(): void {
    const file = this.file;
    // a combined diff names no modes: a gitlink shows as its one line, `Subproject commit <id>`
    if (file && file.lines.length === 1 && file.lineNumbers[0] === 1 && SUBPROJECT.test(file.lines[0].toString('latin1'))) file.submodule = true;
    if (file) this.onFile(file);
    this.file = null;
    this.oldLeft = [];
    this.newLeft = 0;
    this.pieceHeld = 0;
  }

  /** Hands over the piece in progress and starts the next with the end of this one as context. */
  private split(): void {
    const file = this.file!;
    let from = file.lines.length;
    let kept = 0;
    while (from > 0 && kept + file.lines[from - 1].length + 1 <= OVERLAP_BYTES) kept += file.lines[--from].length + 1;
    this.file = { ...file, lines: file.lines.slice(from), lineNumbers: file.lineNumbers.slice(from), added: [], removed: [] };
    this.pieceHeld = kept;
    file.continues = true;
    this.onFile(file);
  }

  /**
   * A hunk line: one column per parent (`+`, `-` or space), then the text. A line is in the result
   * unless some column says `-`; it is new only when every column says `+` (in a merge: in neither parent).
   */
  private hunkLine(line: Buffer): void {
    const file = this.file!;
    const columns = this.oldLeft.length;
    let removed = false;
    let added = true;
    for (let i = 0; i < columns; i++) {
      const c = line[i];
      if (c === 0x2d /* - */) removed = true;
      if (c !== 0x2b /* + */) added = false;
      if (c !== 0x2b && c !== 0x2d && c !== 0x20 && line.length > 0) return; // `\ No newline at end of file`
      if (c !== 0x2b) this.oldLeft[i]--; // context and removed lines are on this parent's side
    }
    if (removed) {
      if (columns === 1) {
        file.removed.push(line.subarray(1));
        this.pieceHeld += line.length;
        if (this.pieceHeld >= this.pieceBytes) this.split();
      }
      return;
    }
    this.newLeft--;
    const text = line.subarray(Math.min(columns, line.length));
    file.bytes += text.length + 1;
    if (file.bytes > this.maxBytes) {
      file.truncated = true;
    } else {
      if (added) file.added.push(file.lines.length);
      file.lines.push(text);
      file.lineNumbers.push(this.newLine);
      this.pieceHeld += text.length + 1;
    }
    this.newLine++;
    if (this.pieceHeld >= this.pieceBytes) this.split();
  }
}

function newFile(header: Buffer): FilePatch {
  const { oldPath, newPath } = headerPaths(header);
  return { oldPath, newPath, binary: false, submodule: false, oldBlobs: [], blob: null, lines: [], lineNumbers: [], added: [], removed: [], truncated: false, bytes: 0, continues: false };
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
function patchPath(text: Buffer, prefix: string): string | null {
  let end = text.length;
  if (text[end - 1] === 0x09) end--;
  const raw = text.subarray(0, end);
  if (raw.toString('latin1') === '/dev/null') return null;
  return stripPrefix(unquotePath(raw), prefix);
}

function stripPrefix(path: string, prefix: string): string {
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}
