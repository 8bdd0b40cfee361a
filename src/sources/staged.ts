import { readBlobs } from '../git/blob-reader.js';
import { GitStream, LineSplitter } from '../git/git-stream.js';
import { PatchParser } from '../git/patch-parser.js';
import type { Repository } from '../git/repository.js';
import type { Fragment, Skipped } from '../types.js';
import { decode } from './decode.js';
import { formatBytes } from '../format-bytes.js';
import { isLfsPointer, LFS_POINTER } from '../git/lfs-pointer.js';
import { diffThreshold } from './undiffed.js';

export interface StagedOptions {
  /** HEAD's commit, or null before the first commit. */
  head: string | null;
  maxFileSize: number;
  onSkip: (skipped: Skipped) => void;
  /** `merge` while a merge is being concluded: findings then name the branch merged in. */
  kind: 'staged' | 'merge';
  branch?: string;
}

interface Change {
  path: string;
  sha: string;
}

/**
 * The index against HEAD (or the empty tree before the first commit): each changed file's whole
 * staged blob is scanned, so that context on unchanged lines counts, but only secrets on added
 * lines are reported. GIT_INDEX_FILE is honoured because git reads it itself.
 */
export async function* stagedFragments(repo: Repository, options: StagedOptions): AsyncGenerator<Fragment> {
  const base = options.head ?? (await repo.emptyTree());
  // two independent diffs of the same change: run side by side
  const [changes, added] = await Promise.all([changedFiles(repo, base, options), addedLines(repo, base, options.maxFileSize)]);
  if (changes.length === 0) return; // deletions and mode changes only: nothing to scan

  const pathOf = new Map<string, string[]>();
  for (const c of changes) pathOf.set(c.sha, [...(pathOf.get(c.sha) ?? []), c.path]);
  for await (const blob of readBlobs([...pathOf.keys()], repo.cwd, options.maxFileSize)) {
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
        addedLines: lines ? new Set(lines.map((n) => n - 1)) : undefined,
        branch: options.branch,
      };
    }
  }
}

/** Added and modified files with their staged blob ids, from `git diff --cached --raw -z`. */
async function changedFiles(repo: Repository, base: string, options: StagedOptions): Promise<Change[]> {
  const git = new GitStream(['diff', '--cached', '--raw', '-z', '-M', '--no-abbrev', '--no-ext-diff', base, '--'], repo.cwd);
  const chunks: Buffer[] = [];
  for await (const chunk of git.stdout as AsyncIterable<Buffer>) chunks.push(chunk);
  await git.done();
  const fields = Buffer.concat(chunks).toString('utf8').split('\0');
  const changes: Change[] = [];
  for (let i = 0; i + 1 < fields.length; ) {
    const [, newMode, oldSha, newSha, status] = fields[i].slice(1).split(' ');
    const renamed = status.startsWith('R') || status.startsWith('C');
    const path = renamed ? fields[i + 2] : fields[i + 1];
    i += renamed ? 3 : 2;
    if (status === 'D' || oldSha === newSha) continue; // deleted, or only the mode or the name changed
    if (newMode === '160000') {
      options.onSkip({ path, reason: 'submodule: its content is another repository, not scanned here (scan it separately)' });
      continue;
    }
    if (newMode === '120000') continue; // a symlink's content is the path it points to
    changes.push({ path, sha: newSha });
  }
  return changes;
}

/** New-file line numbers of the added lines of each staged file, from a zero-context patch. */
async function addedLines(repo: Repository, base: string, maxFileSize: number): Promise<Map<string, number[]>> {
  const added = new Map<string, number[]>();
  const parser = new PatchParser((file) => {
    if (file.newPath !== null && !file.binary) added.set(file.newPath, file.added.map((i) => file.lineNumbers[i]));
  });
  // explicit prefixes: diff.mnemonicPrefix or diff.noprefix in the user's config would change the paths;
  // a file too large to diff comes out binary: then every line of its staged content counts
  const config = { 'core.bigFileThreshold': String(diffThreshold(maxFileSize)) };
  const args = ['diff', '--cached', '-U0', '--no-color', '--no-ext-diff', '--no-textconv', '--no-relative', '--src-prefix=a/', '--dst-prefix=b/', '-M', base, '--'];
  const git = new GitStream(args, repo.cwd, { config });
  const lines = new LineSplitter();
  const onLine = (line: Buffer) => parser.line(line);
  for await (const chunk of git.stdout as AsyncIterable<Buffer>) lines.push(chunk, onLine);
  lines.end(onLine);
  parser.flush();
  await git.done();
  return added;
}
