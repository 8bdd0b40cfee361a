import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LeakguardError } from '../errors.js';
import { fetchMissingBlobs } from '../git/partial-clone.js';
import { Repository } from '../git/repository.js';
import type { Progress } from '../progress.js';
import type { Fragment, Skipped } from '../types.js';
import { logFragments } from './history.js';
import { messageFragment } from './message.js';
import { stagedFragments, startStaged } from './staged.js';

/** What to scan in git: the doors a secret comes in by, and what already came in. */
export type GitSource =
  | { kind: 'staged' }
  | { kind: 'merge' }
  | { kind: 'message'; file: string }
  /** `shard`: the K-th of N disjoint, contiguous parts of the history (oldest first), for parallel CI jobs. */
  | { kind: 'history'; branch?: string; since?: string; maxCount?: number; shard?: { index: number; count: number } }
  | { kind: 'range'; range: string }
  /** What a push sends (the pre-push hook): each ref update's new commits, less what the remote has. */
  | { kind: 'push'; remote: string; updates: { localSha: string; remoteSha: string }[] };

export interface GitSourceOptions {
  cwd: string;
  maxFileSize: number;
  onSkip: (skipped: Skipped) => void;
  progress: Progress | null;
}

export interface OpenedSource {
  fragments: AsyncIterable<Fragment> | Fragment[];
  /** The folder fragment paths are relative to (the top of the work tree). */
  root: string;
  /** Commits in order: report each secret once, where it first came in. */
  history: boolean;
  /** What the person should know about what was (not) scanned: no commits, a shallow clone. */
  notices?: string[];
  /** Stops the git processes started for the fragments, when they will not be read after all. */
  cancel?: () => void;
}

/** Finds the repository, checks that what was asked for can be seen whole, and opens the source. */
export async function openGitSource(source: GitSource, options: GitSourceOptions): Promise<OpenedSource> {
  if (source.kind === 'message') {
    const repo = await Repository.open(options.cwd).catch(() => null); // a message file can be scanned outside a repository
    return { fragments: [messageFragment(source.file, repo ? await repo.commentChar() : '#')], root: options.cwd, history: false };
  }
  if (source.kind === 'staged' || source.kind === 'merge') {
    // everything git is asked for a commit starts at once: a hook's time is mostly git starting up
    const found = Repository.open(options.cwd);
    const staged = startStaged(options.cwd, options.maxFileSize);
    try {
      const repo = await found;
      if (!repo.workTree) throw new LeakguardError(`scan --${source.kind} needs a work tree, and ${repo.gitDir} is a bare repository`);
      const branch = await incomingBranch(repo);
      if (source.kind === 'merge' && !branch) throw new LeakguardError('scan --merge: no merge is in progress (no MERGE_HEAD, and not run by git merge)');
      const fragments = stagedFragments(staged, { maxFileSize: options.maxFileSize, onSkip: options.onSkip, kind: branch ? 'merge' : 'staged', branch });
      return { fragments, root: repo.cwd, history: false, cancel: staged.cancel };
    } catch (err) {
      staged.cancel();
      throw err;
    }
  }

  const repo = await Repository.open(options.cwd);
  const revisions =
    source.kind === 'range' ? await rangeRevisions(repo, source.range)
    : source.kind === 'push' ? await pushRevisions(repo, source)
    : await historyRevisions(repo, source);
  if (revisions.length === 0) return { fragments: [], root: repo.cwd, history: true };
  const notices: string[] = [];
  const boundaries = await repo.shallowBoundariesIn(revisions);
  if (boundaries.length > 0 && source.kind !== 'history') {
    throw new LeakguardError(
      `this is a shallow clone: history before commit ${boundaries[0].slice(0, 12)} is missing, so the ${source.kind} cannot be scanned whole (git fetch --unshallow, or fetch-depth: 0 in CI)`,
    );
  }
  if (boundaries.length > 0) {
    // A history is every commit there is: scan those, and say plainly that older ones are not here.
    // (The cut commit's patch holds its whole tree, so what it contains is scanned.)
    notices.push(`this is a shallow clone: only the commits it has were scanned; history before commit ${boundaries[0].slice(0, 12)}${boundaries.length > 1 ? ` (and ${boundaries.length - 1} more cuts)` : ''} is not in it (git fetch --unshallow, or fetch-depth: 0 in CI, to scan it all)`);
    for (const sha of boundaries) options.onSkip({ path: `history before commit ${sha.slice(0, 12)}`, reason: 'shallow clone: those commits were never fetched, not scanned' });
  }
  // the commit list does not depend on blobs: it is asked while a partial clone's are fetched
  const [, listed] = await allSettled(fetchMissingBlobs(repo, revisions), repo.listCommits(revisions));
  if (listed.length === 0 && source.kind === 'history' && !source.branch && !(await repo.hasCommits())) {
    return { fragments: [], root: repo.cwd, history: true, notices: ['the repository has no commits yet: there is no history to scan'] };
  }
  const progress = options.progress;
  const shard = source.kind === 'history' ? source.shard : undefined;
  const commits = shard ? shardOf(listed, shard) : listed;
  if (commits.length === 0) return { fragments: [], root: repo.cwd, history: true, notices };
  progress?.setTotal(commits.length);
  const fragments = logFragments(repo, {
    commits,
    kind: source.kind === 'history' ? 'history' : 'range',
    maxFileSize: options.maxFileSize,
    onSkip: options.onSkip,
    onCommit: progress ? () => progress.commit() : undefined,
  });
  return { fragments: progress ? counted(fragments, progress) : fragments, root: repo.cwd, history: true, notices };
}

/** Both results, once both have settled: neither is left running when the other fails. */
async function allSettled<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [ra, rb] = await Promise.allSettled([a, b]);
  if (ra.status === 'rejected') throw ra.reason;
  if (rb.status === 'rejected') throw rb.reason;
  return [ra.value, rb.value];
}

/**
 * The branch a merge brings in. A conflicted merge being concluded has MERGE_HEAD; inside
 * `git merge` (the pre-merge-commit hook) there is none yet, but git names what it merges in
 * GITHEAD_<commit>=<name> variables.
 */
async function incomingBranch(repo: Repository): Promise<string | undefined> {
  const mergeHead = existsSync(join(repo.gitDir, 'MERGE_HEAD')) ? await repo.commit('MERGE_HEAD') : null;
  if (mergeHead) return repo.nameOf(mergeHead);
  const named = Object.entries(process.env).filter(([key]) => /^GITHEAD_[0-9a-f]{40,64}$/.test(key));
  return named.length > 0 ? named.map(([key, name]) => name || key.slice(8, 20)).join(', ') : undefined;
}

/** The K-th of N contiguous blocks of the commits (oldest first): disjoint, and together all of them. */
function shardOf(commits: string[], shard: { index: number; count: number }): string[] {
  const from = Math.floor(((shard.index - 1) * commits.length) / shard.count);
  const to = Math.floor((shard.index * commits.length) / shard.count);
  return commits.slice(from, to);
}

async function historyRevisions(repo: Repository, source: { branch?: string; since?: string; maxCount?: number }): Promise<string[]> {
  const revisions = source.branch ? [await repo.requireCommit(source.branch, '--branch')] : ['--all'];
  if (source.since) {
    const since = await repo.commit(source.since);
    // a revision: what came after it; otherwise a date, as git understands dates
    if (!since) await repo.requireDate(source.since, '--since');
    revisions.push(since ? `^${since}` : `--since=${source.since}`);
  }
  if (source.maxCount !== undefined) revisions.push(`--max-count=${source.maxCount}`);
  return revisions;
}

async function rangeRevisions(repo: Repository, range: string): Promise<string[]> {
  const m = /^(.+?)(\.\.\.?)(.+)$/.exec(range);
  if (!m) throw new LeakguardError(`--range takes BASE..HEAD or BASE...HEAD, not "${range}"`);
  const [, baseRev, dots, headRev] = m;
  const base = await repo.requireCommit(baseRev, 'range base');
  const head = await repo.requireCommit(headRev, 'range head');
  const from = dots === '...' ? await repo.mergeBase(base, head) : base;
  return [`${from}..${head}`];
}

/**
 * A push's new commits: every updated ref's new tip, less the old tip and whatever the remote's
 * tracking branches already hold (so a new branch is scanned against what the remote has).
 * Deleted refs (an all-zero new id) have nothing to scan.
 */
async function pushRevisions(repo: Repository, source: { remote: string; updates: { localSha: string; remoteSha: string }[] }): Promise<string[]> {
  const absent = (sha: string) => /^0+$/.test(sha);
  const pushed = source.updates.filter((u) => !absent(u.localSha));
  // one lookup for all: a push may update thousands of refs
  const tips = await repo.commits(pushed.map((u) => u.localSha));
  const missing = tips.indexOf(null);
  if (missing !== -1) await repo.requireCommit(pushed[missing].localSha, 'pushed commit'); // throws, saying why
  // a force push may replace commits this clone never had: those are simply not known
  const known = (await repo.commits(pushed.map((u) => u.remoteSha).filter((sha) => !absent(sha)))).filter((sha) => sha !== null);
  if (tips.length === 0) return [];
  return [...new Set(tips as string[]), '--not', ...new Set(known), `--remotes=${source.remote}`];
}

async function* counted(fragments: AsyncIterable<Fragment>, progress: Progress): AsyncGenerator<Fragment> {
  for await (const fragment of fragments) {
    progress.scanned(fragment.content.length);
    yield fragment;
  }
}
