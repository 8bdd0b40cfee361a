import { GitStream, LineSplitter } from '../git/git-stream.js';
import { OutputQueue } from '../git/output-queue.js';
import { PatchParser, type FilePatch } from '../git/patch-parser.js';
import type { Repository } from '../git/repository.js';
import { formatBytes } from '../format-bytes.js';
import { isLfsPointer, LFS_POINTER } from '../git/lfs-pointer.js';
import { loopbackPair } from '../git/loopback.js';
import type { Fragment, Skipped } from '../types.js';
import { diffThreshold, Undiffed } from './undiffed.js';

export interface LogOptions {
  /** The commits to read, oldest first (parents before children). */
  commits: string[];
  kind: 'history' | 'range';
  maxFileSize: number;
  onSkip: (skipped: Skipped) => void;
  /** Called as each commit starts, for progress. */
  onCommit?: () => void;
  /** false: git writes into a pipe even where a loopback connection could be had (see `loopbackPair`). */
  loopback?: boolean;
}

// A larger patch is scanned in pieces of this size (with overlap), so memory does not grow with the size limit.
const PIECE_BYTES = 4 * 1024 * 1024;

// Fields separated by NUL, which neither commit messages nor patches contain.
const FORMAT = '--format=%x00%H%x00%an <%ae>%x00%aI%x00%B%x00';
const HEADER_FIELDS = 5;

/**
 * How far git's output is read ahead of the scan, into memory: git diffs on one core while the
 * scan reads on the other, and past this it waits on its pipe, so memory stays bounded. (What
 * git writes while the scan is busy waits in the kernel: git writes into a loopback connection,
 * whose buffer grows, where it can.)
 */
const READ_AHEAD = 64 << 20;

interface Commit {
  sha: string;
  author: string;
  date: string;
}

/**
 * The given commits, oldest first, as fragments: each commit's message, and for each file the new
 * side of its hunks with the added lines marked. Merge commits are read as dense combined diffs
 * (`--cc`): the lines a merge holds that neither parent had, so a secret that exists only in a
 * conflict resolution is found (plain `git log -p` shows merges no diff at all), at half the cost
 * of `--remerge-diff`. Read as streams: memory holds one file's hunks and the read-ahead.
 */
export async function* logFragments(repo: Repository, options: LogOptions): AsyncGenerator<Fragment> {
  if (options.commits.length === 0) return;
  // One git for the whole list: a git per 1,000 commits read the packs again (and began its delta
  // chains anew), about a tenth more of git's time.
  // git is told to show blobs it would need too much memory to diff as binary (see Undiffed)
  const config = { 'core.bigFileThreshold': String(diffThreshold(options.maxFileSize)) };
  const output = options.loopback === false ? null : await loopbackPair();
  const git = new GitStream(LOG_ARGS, repo.cwd, { config, output });
  git.stdin.end(`${options.commits.join('\n')}\n`);
  const undiffed = new Undiffed(repo.cwd, options.maxFileSize, options.onSkip);
  try {
    yield* commitFragments(git, new OutputQueue(git.stdout, READ_AHEAD), options, undiffed);
  } finally {
    undiffed.close();
  }
}

const LOG_ARGS = [
  'log', '-p', '-U3', '-M', '--cc', FORMAT, '--full-index',
  '--no-color', '--no-ext-diff', '--no-textconv', '--no-show-signature', '--no-relative', '--src-prefix=a/', '--dst-prefix=b/',
  '--no-walk=unsorted', '--stdin', '--',
];

/** `git log` output, parsed into fragments as it streams. */
async function* commitFragments(git: GitStream, output: OutputQueue, options: LogOptions, undiffed: Undiffed): AsyncGenerator<Fragment> {
  /** Submodule paths already reported. */
  const submodules = new Set<string>();
  // A file git shows as binary is settled asynchronously (its size decides): ready keeps the order.
  const ready: (Fragment | Promise<Fragment | null>)[] = [];
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

  const onLine = (buf: Buffer, start: number, end: number) => {
    if (header === null && buf[start] === 0) {
      parser.flush();
      header = [];
      nuls = 0;
    }
    if (header === null) return parser.lineAt(buf, start, end);
    const line = buf.subarray(start, end);
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
    for await (const chunk of output) {
      lines.pushSpans(chunk, onLine);
      yield* drain();
    }
    lines.end((line) => onLine(line, 0, line.length));
    parser.flush();
    yield* drain();
    await git.done();
  } finally {
    git.kill();
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
  if (file.lineNumbers[0] === 1 && isLfsPointer(file.content)) {
    options.onSkip({ path: at, reason: LFS_POINTER });
    return null;
  }
  if (file.truncated && !file.continues) {
    options.onSkip({ path: at, reason: `patch larger than the size limit: only the first ${formatBytes(options.maxFileSize)} scanned` });
  }
  const hasAdded = file.added.length > 0;
  if (!hasAdded && file.removedContent === null) return null;
  return {
    kind: options.kind,
    path,
    content: hasAdded ? file.content : Buffer.alloc(0),
    lineMap: hasAdded ? file.lineNumbers : [],
    addedLines: file.added,
    removed: file.removedContent ?? undefined,
    commit: commit.sha,
    author: commit.author,
    date: commit.date,
  };
}
