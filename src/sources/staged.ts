import { blobReader, readBlobs } from '../git/blob-reader.js';
import { GitStream, LineSplitter } from '../git/git-stream.js';
import { PatchParser } from '../git/patch-parser.js';
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

/** The git processes a staged scan reads, started together (a hook's time is mostly their start-ups). */
export interface StartedStaged {
  /** Added and modified files with their staged blob ids. */
  changes: Promise<Change[]>;
  /** New-file line numbers of the added lines, by path. */
  added: Promise<Map<string, number[]>>;
  /** The reader of the staged blobs that `changes` names. */
  catFile: GitStream;
  cwd: string;
  /** Stops them all (the scan will not happen). */
  cancel(): void;
}

/**
 * Starts the two diffs of the index against HEAD (git diffs against the empty tree before the
 * first commit) and the blob reader, from `cwd` anywhere in the work tree: the paths git prints
 * are from the top of the work tree. GIT_INDEX_FILE is honoured because git reads it itself.
 */
export function startStaged(cwd: string, maxFileSize: number): StartedStaged {
  const raw = new GitStream(['diff', '--cached', '--raw', '-z', '-M', '--no-abbrev', '--no-ext-diff', '--no-relative', '--'], cwd);
  // explicit prefixes: diff.mnemonicPrefix or diff.noprefix in the user's config would change the paths;
  // a file too large to diff comes out binary: then every line of its staged content counts
  const config = { 'core.bigFileThreshold': String(diffThreshold(maxFileSize)) };
  const patchArgs = ['diff', '--cached', '-U0', '--no-color', '--no-ext-diff', '--no-textconv', '--no-relative', '--src-prefix=a/', '--dst-prefix=b/', '-M', '--'];
  const patch = new GitStream(patchArgs, cwd, { config });
  const catFile = blobReader(cwd);
  const changes = readAll(raw).then(parseRaw);
  const added = addedLines(patch);
  changes.catch(() => {}); // awaited by stagedFragments, unless cancelled
  added.catch(() => {});
  return {
    changes,
    added,
    catFile,
    cwd,
    cancel: () => {
      for (const git of [raw, patch, catFile]) git.kill();
    },
  };
}

/**
 * The staged change: each changed file's whole staged blob is scanned, so that context on
 * unchanged lines counts, but only secrets on added lines are reported.
 */
export async function* stagedFragments(started: StartedStaged, options: StagedOptions): AsyncGenerator<Fragment> {
  let changes: Change[];
  let added: Map<string, number[]>;
  try {
    [changes, added] = await Promise.all([started.changes, started.added]);
  } catch (err) {
    started.cancel();
    throw err;
  }
  changes = changes.filter((change) => {
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

async function readAll(git: GitStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of git.stdout as AsyncIterable<Buffer>) chunks.push(chunk);
  await git.done();
  return Buffer.concat(chunks);
}

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

/** New-file line numbers of the added lines of each staged file, from a zero-context patch. */
async function addedLines(git: GitStream): Promise<Map<string, number[]>> {
  const added = new Map<string, number[]>();
  const parser = new PatchParser((file) => {
    if (file.newPath !== null && !file.binary) added.set(file.newPath, file.added.map((i) => file.lineNumbers[i]));
  });
  const lines = new LineSplitter();
  const onLine = (line: Buffer) => parser.line(line);
  for await (const chunk of git.stdout as AsyncIterable<Buffer>) lines.push(chunk, onLine);
  lines.end(onLine);
  parser.flush();
  await git.done();
  return added;
}
