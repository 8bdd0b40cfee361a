import { GitStream, LineSplitter } from '../git/git-stream.js';
import { OutputQueue } from '../git/output-queue.js';
import { PatchParser, type FilePatch } from '../git/patch-parser.js';
import type { Repository } from '../git/repository.js';
import { formatBytes } from '../format-bytes.js';
import type { Fragment, Skipped } from '../types.js';

export interface LogOptions {
  /** The commits to read, oldest first (parents before children). */
  commits: string[];
  kind: 'history' | 'range';
  maxFileSize: number;
  onSkip: (skipped: Skipped) => void;
  /** Called as each commit starts, for progress. */
  onCommit?: () => void;
}

// Fields separated by NUL, which neither commit messages nor patches contain.
const FORMAT = '--format=%x00%H%x00%an <%ae>%x00%aI%x00%B%x00';
const HEADER_FIELDS = 5;

/**
 * The commits are read in segments, one `git log` each, and the next segment's git runs ahead
 * (into memory, up to READ_AHEAD bytes) while this one is scanned: git's diffing and the scan
 * then use two cores. Small histories are one segment.
 */
const SEGMENT_COMMITS = Number(process.env.LEAKGUARD_SEGMENT_COMMITS) || 1000;
const READ_AHEAD = 64 << 20;
const STREAMING = 1 << 20;

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
  const segments: string[] = [];
  for (let i = 0; i < options.commits.length; i += SEGMENT_COMMITS) {
    segments.push(`${options.commits.slice(i, i + SEGMENT_COMMITS).join('\n')}\n`);
  }
  const start = (segment: string, limit: number) => {
    const git = new GitStream(LOG_ARGS, repo.cwd);
    git.stdin.end(segment);
    return { git, output: new OutputQueue(git.stdout, limit) };
  };
  let next = segments.length > 0 ? start(segments[0], STREAMING) : null;
  try {
    for (let i = 0; next; i++) {
      const current = next;
      current.output.setLimit(STREAMING);
      next = i + 1 < segments.length ? start(segments[i + 1], READ_AHEAD) : null;
      yield* segmentFragments(current.git, current.output, options);
    }
  } finally {
    next?.git.kill();
  }
}

const LOG_ARGS = [
  'log', '-p', '-U3', '-M', '--cc', FORMAT,
  '--no-color', '--no-ext-diff', '--no-textconv', '--no-show-signature', '--no-relative', '--src-prefix=a/', '--dst-prefix=b/',
  '--no-walk=unsorted', '--stdin', '--',
];

/** One segment's `git log` output, parsed into fragments as it streams. */
async function* segmentFragments(git: GitStream, output: OutputQueue, options: LogOptions): AsyncGenerator<Fragment> {
  const ready: Fragment[] = [];
  let commit: Commit | null = null;
  let header: Buffer[] | null = null;
  let nuls = 0;

  const parser = new PatchParser((file) => {
    if (commit) {
      const fragment = fileFragment(file, commit, options);
      if (fragment) ready.push(fragment);
    }
  }, options.maxFileSize);

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
  try {
    for await (const chunk of output) {
      lines.pushSpans(chunk, onLine);
      yield* ready.splice(0);
    }
    lines.end((line) => onLine(line, 0, line.length));
    parser.flush();
    yield* ready.splice(0);
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
  if (file.truncated) {
    options.onSkip({ path: at, reason: `patch larger than the size limit: only the first ${formatBytes(options.maxFileSize)} scanned` });
  }
  const hasAdded = file.added.length > 0;
  if (!hasAdded && file.removedContent === null) return null;
  return {
    kind: options.kind,
    path,
    content: hasAdded ? file.content : Buffer.alloc(0),
    lineMap: hasAdded ? file.lineNumbers : [],
    addedLines: new Set(file.added),
    removed: file.removedContent ?? undefined,
    commit: commit.sha,
    author: commit.author,
    date: commit.date,
  };
}
