import { GitStream, LineSplitter } from '../git/git-stream.js';
import { PatchParser, type FilePatch } from '../git/patch-parser.js';
import type { Repository } from '../git/repository.js';
import { formatBytes } from '../format-bytes.js';
import { linesAreLfsPointer, LFS_POINTER } from '../git/lfs-pointer.js';
import type { Fragment, Skipped } from '../types.js';
import { diffThreshold, Undiffed } from './undiffed.js';

export interface LogOptions {
  /** What `git log` walks: ['--all'], ['main'], ['base..head'], plus filters such as --since; refs already verified. */
  revisions: string[];
  kind: 'history' | 'range';
  maxFileSize: number;
  onSkip: (skipped: Skipped) => void;
  /** Exactly these commits, in this order, instead of walking `revisions` (a shard). */
  commits?: string[];
  /** Called as each commit starts, for progress. */
  onCommit?: () => void;
}

// A larger patch is scanned in pieces of this size (with overlap), so memory does not grow with the size limit.
const PIECE_BYTES = 4 * 1024 * 1024;

// Fields separated by NUL, which neither commit messages nor patches contain.
const FORMAT = '--format=%x00%H%x00%an <%ae>%x00%aI%x00%B%x00';
const HEADER_FIELDS = 5;

interface Commit {
  sha: string;
  author: string;
  date: string;
}

/**
 * Every commit `git log` walks, oldest first (parents before children), as fragments: its message,
 * and for each file the new side of its hunks with the added lines marked. Merge commits are read
 * as dense combined diffs (`--cc`): the lines a merge holds that neither parent had, so a secret
 * that exists only in a conflict resolution is found (plain `git log -p` shows merges no diff at
 * all), at half the cost of `--remerge-diff`. Read as a stream: memory holds one file's hunks.
 */
export async function* logFragments(repo: Repository, options: LogOptions): AsyncGenerator<Fragment> {
  const walk = options.commits ? ['--no-walk=unsorted', '--stdin'] : ['--topo-order', '--reverse', ...options.revisions];
  const args = [
    'log', '-p', '-U3', '-M', '--cc', FORMAT, '--full-index',
    '--no-color', '--no-ext-diff', '--no-textconv', '--no-show-signature', '--no-relative', '--src-prefix=a/', '--dst-prefix=b/',
    ...walk, '--',
  ];
  const git = new GitStream(args, repo.cwd, { config: { 'core.bigFileThreshold': String(diffThreshold(options.maxFileSize)) } });
  if (options.commits) git.stdin.end(options.commits.length ? `${options.commits.join('\n')}\n` : '');
  // A file git shows as binary is settled asynchronously (its size decides): ready keeps the order.
  const ready: (Fragment | Promise<Fragment | null>)[] = [];
  const undiffed = new Undiffed(repo.cwd, options.maxFileSize, options.onSkip);
  const submodules = new Set<string>();
  let commit: Commit | null = null;
  let header: Buffer[] | null = null;
  let nuls = 0;

  const parser = new PatchParser((file) => {
    if (!commit) return;
    const path = file.newPath ?? file.oldPath;
    if (path !== null && file.submodule) {
      // once per path: a gitlink's change is another repository's commit id, not content
      if (!submodules.has(path)) options.onSkip({ path, reason: 'submodule: its content is another repository, not scanned here (scan it separately)' });
      submodules.add(path);
    } else if (path !== null && file.binary && file.newPath !== null) {
      const settled = undiffed.fragment(file, { kind: options.kind, path, at: `${path} (commit ${commit.sha.slice(0, 12)})`, commit });
      settled.catch(() => {}); // awaited in order below
      ready.push(settled);
    } else {
      const fragment = fileFragment(file, commit, options);
      if (fragment) ready.push(fragment);
    }
  }, options.maxFileSize, PIECE_BYTES);

  const onLine = (line: Buffer) => {
    if (header === null && line[0] === 0) {
      parser.flush();
      header = [];
      nuls = 0;
    }
    if (header === null) return parser.line(line);
    header.push(line);
    for (let i = line.indexOf(0); i !== -1; i = line.indexOf(0, i + 1)) nuls++;
    if (nuls < HEADER_FIELDS) return;
    const [, sha, author, date, body] = Buffer.concat(header.flatMap((l, i) => (i ? [Buffer.from('\n'), l] : [l])))
      .toString('utf8')
      .split('\0');
    header = null;
    commit = { sha, author, date };
    options.onCommit?.();
    ready.push({ kind: 'message', path: null, content: Buffer.from(body.replace(/\n+$/, '')), commit: sha, author, date });
  };

  const lines = new LineSplitter();
  async function* drain(): AsyncGenerator<Fragment> {
    for (const item of ready.splice(0)) {
      const fragment = item instanceof Promise ? await item : item;
      if (fragment) yield fragment;
    }
  }
  try {
    for await (const chunk of git.stdout as AsyncIterable<Buffer>) {
      lines.push(chunk, onLine);
      yield* drain();
    }
    lines.end(onLine);
    parser.flush();
    yield* drain();
    await git.done();
  } finally {
    git.kill();
    undiffed.close();
  }
}

function fileFragment(file: FilePatch, commit: Commit, options: LogOptions): Fragment | null {
  const path = file.newPath ?? file.oldPath;
  if (path === null) return null;
  const at = `${path} (commit ${commit.sha.slice(0, 12)})`;
  if (file.binary) {
    options.onSkip({ path: at, reason: 'binary' });
    return null;
  }
  if (file.lineNumbers[0] === 1 && linesAreLfsPointer(file.lines)) {
    options.onSkip({ path: at, reason: LFS_POINTER });
    return null;
  }
  if (file.truncated && !file.continues) {
    options.onSkip({ path: at, reason: `patch larger than the size limit: only the first ${formatBytes(options.maxFileSize)} scanned` });
  }
  const hasAdded = file.added.length > 0;
  if (!hasAdded && file.removed.length === 0) return null;
  return {
    kind: options.kind,
    path,
    content: hasAdded ? joinLines(file.lines) : Buffer.alloc(0),
    lineMap: hasAdded ? file.lineNumbers : [],
    addedLines: new Set(file.added),
    removed: file.removed.length > 0 ? joinLines(file.removed) : undefined,
    commit: commit.sha,
    author: commit.author,
    date: commit.date,
  };
}

function joinLines(lines: Buffer[]): Buffer {
  const parts: Buffer[] = [];
  const nl = Buffer.from('\n');
  lines.forEach((line, i) => {
    if (i > 0) parts.push(nl);
    parts.push(line);
  });
  return Buffer.concat(parts);
}
