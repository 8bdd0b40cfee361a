import { blobReader, readBlobs } from '../git/blob-reader.js';
import { GitStream, LineSplitter } from '../git/git-stream.js';
import { AddedLines } from '../git/added-lines.js';
import type { Fragment, Skipped } from '../types.js';
import { decode } from './decode.js';
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

/** The staged change as one diff tells it. */
interface StagedDiff {
  /** Added and modified files with their staged blob ids. */
  changes: Change[];
  /** New-file line numbers of the added lines, by path. */
  added: Map<string, number[]>;
}

/** The git processes a staged scan reads, started together (a hook's time is mostly their start-ups). */
export interface StartedStaged {
  /** The changed files and their added lines, once the diff has been read. */
  diff: Promise<StagedDiff>;
  /** The reader of the staged blobs that the diff names. */
  catFile: GitStream;
  cwd: string;
  /** Stops them all (the scan will not happen). */
  cancel(): void;
}

/**
 * Starts the diff of the index against HEAD (git diffs against the empty tree before the first
 * commit) and the blob reader, from `cwd` anywhere in the work tree: the paths git prints are
 * from the top of the work tree. GIT_INDEX_FILE is honoured because git reads it itself. One
 * diff gives both the changed files (`--raw`) and their added lines (`-p -U0`).
 */
export function startStaged(cwd: string, maxFileSize: number): StartedStaged {
  // explicit prefixes: diff.mnemonicPrefix or diff.noprefix in the user's config would change the paths;
  // a file too large to diff comes out binary: then every line of its staged content counts
  const config = { 'core.bigFileThreshold': String(diffThreshold(maxFileSize)) };
  const args = ['diff', '--cached', '--raw', '-p', '-z', '-U0', '-M', '--no-abbrev', '--no-color', '--no-ext-diff', '--no-textconv', '--no-relative', '--src-prefix=a/', '--dst-prefix=b/', '--'];
  const diff = new GitStream(args, cwd, { config });
  const catFile = blobReader(cwd);
  const read = readDiff(diff);
  read.catch(() => {}); // awaited by stagedFragments, unless cancelled
  return {
    diff: read,
    catFile,
    cwd,
    cancel: () => {
      for (const git of [diff, catFile]) git.kill();
    },
  };
}

/**
 * The staged change: each changed file's whole staged blob is scanned, so that context on
 * unchanged lines counts, but only secrets on added lines are reported.
 */
export async function* stagedFragments(started: StartedStaged, options: StagedOptions): AsyncGenerator<Fragment> {
  let diff: StagedDiff;
  try {
    diff = await started.diff;
  } catch (err) {
    started.cancel();
    throw err;
  }
  const { added } = diff;
  const changes = diff.changes.filter((change) => {
    if (change.mode !== '160000') return true;
    options.onSkip({ path: change.path, reason: 'submodule: its content is another repository, not scanned here (scan it separately)' });
    return false;
  });
  if (changes.length === 0) {
    started.catFile.stdin.end();
    return; // deletions and mode changes only: nothing to scan
  }

  const pathOf = new Map<string, string[]>();
  for (const c of changes) pathOf.set(c.sha, [...(pathOf.get(c.sha) ?? []), c.path]);
  for await (const blob of readBlobs([...pathOf.keys()], started.cwd, options.maxFileSize, started.catFile)) {
    for (const path of pathOf.get(blob.sha) ?? []) {
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
      // A file git diffs as binary (UTF-16, say) has no hunks: every line of it counts.
      const lines = added.get(path);
      yield {
        kind: options.kind,
        path,
        content: decoded.content,
        addedLines: lines?.map((n) => n - 1),
        branch: options.branch,
      };
    }
  }
}

/**
 * `git diff --raw -p -z`: first the raw records, NUL-separated, then one more NUL, then the patch
 * (its lines end in newlines as always). Only where the patch adds lines is read from it.
 */
async function readDiff(git: GitStream): Promise<StagedDiff> {
  const added = new AddedLines();
  const lines = new LineSplitter();
  const onLine = (buf: Buffer, start: number, end: number) => added.lineAt(buf, start, end);
  const split = new RawThenPatch();
  for await (const chunk of git.stdout as AsyncIterable<Buffer>) lines.pushSpans(split.push(chunk), onLine);
  lines.end((line) => onLine(line, 0, line.length));
  await git.done();
  return { changes: parseRaw(Buffer.concat(split.raw)), added: added.byPath };
}

/** Tells apart, chunk by chunk, the raw records of `git diff --raw -p -z` and the patch after them. */
export class RawThenPatch {
  /** The raw records so far, each field ending in a NUL. */
  readonly raw: Buffer[] = [];
  private inRaw = true;
  /** The raw bytes so far end in a NUL. */
  private endsInNul = false;

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
