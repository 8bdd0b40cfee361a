import { readBlobs } from '../git/blob-reader.js';
import { GitStream, LineSplitter } from '../git/git-stream.js';
import { OutputQueue } from '../git/output-queue.js';
import { PatchParser, type FilePatch } from '../git/patch-parser.js';
import type { Fragment, Skipped } from '../types.js';
import { decode, sniff } from './decode.js';
import { formatBytes } from '../format-bytes.js';
import { isLfsPointer, LFS_POINTER } from '../git/lfs-pointer.js';
import { diffThreshold } from './undiffed.js';

export interface StagedOptions {
  maxFileSize: number;
  onSkip: (skipped: Skipped) => void;
  /** `merge` while a merge is being concluded: findings then name the branch merged in. */
  kind: 'staged' | 'merge';
  branch?: string;
}

interface Change {
  path: string;
  sha: string;
  mode: string;
}

/** The staged diff, started before the scan is ready for it (a hook's time is mostly git starting up). */
export interface StartedStaged {
  diff: GitStream;
  /** The diff's output, read from the start: node drops a child's unread output when it exits. */
  output: OutputQueue;
  cwd: string;
  /** Stops it (the scan will not happen). */
  cancel(): void;
}

/**
 * Context enough for any file git diffs as text: each hunk is then the whole staged file, and the
 * diff carries the content too. Larger files than this has lines are over the diff threshold, so
 * git shows them as binary and they are read whole from the object store instead.
 */
const WHOLE_FILE_CONTEXT = 100_000_000;
/** How much of the diff is read ahead of the scan. */
const READ_AHEAD = 1 << 20;

/**
 * Starts the diff of the index against HEAD (git diffs against the empty tree before the first
 * commit), from `cwd` anywhere in the work tree: the paths git prints are from the top of the work
 * tree. GIT_INDEX_FILE is honoured because git reads it itself. One process gives the changed
 * files (`--raw`), and, with context to the ends of each file, their staged content and which
 * lines were added (`-p`).
 */
export function startStaged(cwd: string, maxFileSize: number): StartedStaged {
  // explicit prefixes: diff.mnemonicPrefix or diff.noprefix in the user's config would change the paths;
  // a file too large to diff comes out binary: then it is read from the object store, and every line counts
  const config = { 'core.bigFileThreshold': String(diffThreshold(maxFileSize)) };
  const args = ['diff', '--cached', '--raw', '-p', '-z', `-U${WHOLE_FILE_CONTEXT}`, '-M', '--no-abbrev', '--no-color', '--no-ext-diff', '--no-textconv', '--no-relative', '--src-prefix=a/', '--dst-prefix=b/', '--'];
  const diff = new GitStream(args, cwd, { config });
  return { diff, output: new OutputQueue(diff.stdout, READ_AHEAD), cwd, cancel: () => diff.kill() };
}

/**
 * The staged change: each changed file's whole staged content is scanned, so that context on
 * unchanged lines counts, but only secrets on added lines are reported. Text files come from the
 * diff itself, as it streams; files git shows as binary (or that the diff cannot give whole) are
 * read afterwards through `git cat-file`, started only then.
 */
export async function* stagedFragments(started: StartedStaged, options: StagedOptions): AsyncGenerator<Fragment> {
  let changes: Map<string, Change> | null = null;
  const fromBlobs: BlobFile[] = [];
  const ready: Fragment[] = [];
  const parser = new PatchParser((file) => {
    const change = file.newPath === null ? undefined : changes?.get(file.newPath);
    if (!change) return; // deleted, renamed or re-moded only, a symlink or a submodule
    changes!.delete(change.path);
    const whole = wholeFile(file);
    const sniffed = whole && sniff(whole);
    if (!sniffed || sniffed.binary || sniffed.encoding !== 'utf8') {
      // binary to git: every line counts; text to git but not as the scan decodes it (UTF-16): its added lines
      fromBlobs.push({ ...change, addedLines: file.binary ? undefined : file.added.map((i) => file.lineNumbers[i] - 1) });
      return;
    }
    const content = whole!.subarray(sniffed.bom);
    if (isLfsPointer(content)) options.onSkip({ path: change.path, reason: LFS_POINTER });
    else ready.push({ kind: options.kind, path: change.path, content, addedLines: file.added, branch: options.branch });
  });
  const lines = new LineSplitter();
  const split = new RawThenPatch();
  const onLine = (buf: Buffer, start: number, end: number) => parser.lineAt(buf, start, end);
  const inHunk = (buf: Buffer, start: number) => parser.hunkLines(buf, start);
  try {
    for await (const chunk of started.output) {
      const patch = split.push(chunk);
      if (split.inPatch) changes ??= stagedChanges(parseRaw(Buffer.concat(split.raw)), options);
      lines.pushSpans(patch, onLine, inHunk);
      yield* ready.splice(0);
    }
    lines.end((line) => onLine(line, 0, line.length));
    parser.flush();
    changes ??= stagedChanges(parseRaw(Buffer.concat(split.raw)), options); // a diff of no text files has no patch
    yield* ready.splice(0);
    await started.diff.done();
  } finally {
    started.diff.kill();
  }
  // files the diff did not give whole: binary to git (by content, attributes or size), or with no patch at all
  fromBlobs.push(...changes.values());
  yield* blobFragments(fromBlobs, started.cwd, options);
}

/** The staged content of a file whose patch covers it all (context to both ends), or null. */
function wholeFile(file: FilePatch): Buffer | null {
  if (file.binary || file.truncated || file.continues) return null;
  const n = file.lineNumbers.length;
  if (n > 0 && (file.lineNumbers[0] !== 1 || file.lineNumbers[n - 1] !== n)) return null;
  if (n === 0 || file.noNewlineAtEnd) return file.content;
  return Buffer.concat([file.content, NEWLINE]);
}

const NEWLINE = Buffer.from('\n');

/** A file to read from the object store, and its added lines when the diff gave them (else all count). */
type BlobFile = Change & { addedLines?: number[] };

/** Files read whole from the object store, through one `git cat-file --batch`, decoded as on disk. */
async function* blobFragments(files: BlobFile[], cwd: string, options: StagedOptions): AsyncGenerator<Fragment> {
  if (files.length === 0) return;
  const bySha = new Map<string, BlobFile[]>(); // one blob may be staged at several paths
  for (const f of files) bySha.set(f.sha, [...(bySha.get(f.sha) ?? []), f]);
  for await (const blob of readBlobs([...bySha.keys()], cwd, options.maxFileSize)) {
    for (const { path, addedLines } of bySha.get(blob.sha) ?? []) {
      if (blob.content === null) {
        options.onSkip({ path, reason: blob.size > options.maxFileSize ? `larger than the size limit (${formatBytes(blob.size)} > ${formatBytes(options.maxFileSize)})` : 'staged blob is missing' });
        continue;
      }
      const decoded = decode(blob.content);
      if (decoded.binary) {
        options.onSkip({ path, reason: 'binary (NUL byte in the first 8 KB)' });
        continue;
      }
      if (isLfsPointer(decoded.content)) {
        options.onSkip({ path, reason: LFS_POINTER });
        continue;
      }
      yield { kind: options.kind, path, content: decoded.content, addedLines, branch: options.branch };
    }
  }
}

/** The changes worth scanning, by path; a submodule's is reported as skipped. */
function stagedChanges(changes: Change[], options: StagedOptions): Map<string, Change> {
  const byPath = new Map<string, Change>();
  for (const change of changes) {
    if (change.mode === '160000') options.onSkip({ path: change.path, reason: 'submodule: its content is another repository, not scanned here (scan it separately)' });
    else byPath.set(change.path, change);
  }
  return byPath;
}

/** Tells apart, chunk by chunk, the raw records of `git diff --raw -p -z` and the patch after them. */
export class RawThenPatch {
  /** The raw records so far, each field ending in a NUL. */
  readonly raw: Buffer[] = [];
  private inRaw = true;
  /** The raw bytes so far end in a NUL. */
  private endsInNul = false;

  /** The raw records are over: what follows is patch. */
  get inPatch(): boolean {
    return !this.inRaw;
  }

  /** The part of `chunk` that is patch (empty while the raw records go on). */
  push(chunk: Buffer): Buffer {
    if (!this.inRaw) return chunk;
    // no raw field is empty, so the first two NULs in a row end the records
    const across = this.endsInNul && chunk[0] === 0;
    const at = across ? -1 : chunk.indexOf('\0\0');
    if (!across && at === -1) {
      this.raw.push(chunk);
      if (chunk.length > 0) this.endsInNul = chunk[chunk.length - 1] === 0;
      return EMPTY;
    }
    this.inRaw = false;
    if (across) return chunk.subarray(1);
    this.raw.push(chunk.subarray(0, at + 1));
    return chunk.subarray(at + 2);
  }
}

const EMPTY = Buffer.alloc(0);

/** Added and modified files with their staged blob ids and modes, from `git diff --cached --raw -z`. */
function parseRaw(output: Buffer): Change[] {
  const fields = output.toString('utf8').split('\0');
  const changes: Change[] = [];
  for (let i = 0; i + 1 < fields.length; ) {
    const [, mode, oldSha, sha, status] = fields[i].slice(1).split(' ');
    const renamed = status.startsWith('R') || status.startsWith('C');
    const path = renamed ? fields[i + 2] : fields[i + 1];
    i += renamed ? 3 : 2;
    if (status === 'D' || oldSha === sha) continue; // deleted, or only the mode or the name changed
    if (mode === '120000') continue; // a symlink's content is the path it points to
    changes.push({ path, sha, mode });
  }
  return changes;
}
