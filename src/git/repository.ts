import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SimpleGit } from 'simple-git';
import { LeakguardError } from '../errors.js';
import { requireCjs } from '../require-cjs.js';
import { GIT_NOT_FOUND, queryGit, runGit } from './run-git.js';

/**
 * Repository discovery and small queries, through simple-git. Bulk data comes from GitStream.
 * What every hook and every history scan asks (finding the repository, resolving HEAD, the
 * refs, the commits to read) goes through a plain execFile, and simple-git is loaded on first
 * use by the rarer questions: loading it costs about 50 ms.
 */
export class Repository {
  private simple: SimpleGit | null = null;

  private constructor(
    /** Where git commands run: the work tree's top, or the git dir of a bare repository. */
    readonly cwd: string,
    readonly gitDir: string,
    /** Shared by all linked worktrees: refs, objects, `shallow`. */
    readonly commonDir: string,
    readonly workTree: string | null,
    /** A shallow clone (it can stop being one after a fetch). */
    public shallow: boolean,
  ) {}

  static async open(dir: string): Promise<Repository> {
    // one query; in a bare repository git answers the first four, then fails on the last
    const { stdout, failure } = await queryGit(
      ['rev-parse', '--absolute-git-dir', '--is-bare-repository', '--is-shallow-repository', '--git-common-dir', '--show-toplevel'],
      dir,
    );
    const [gitDir, bare, shallow, commonDir, top] = stdout.toString('utf8').split('\n');
    if (!gitDir || (bare !== 'true' && bare !== 'false') || !commonDir) {
      throw describe(new Error(failure ?? 'no answer from git rev-parse'), `${dir} is not in a git repository`);
    }
    const workTree = bare === 'true' ? null : top || null;
    return new Repository(workTree ?? gitDir, gitDir, resolve(dir, commonDir), workTree, shallow === 'true');
  }

  private async raw(args: string[]): Promise<string> {
    // required, not imported: see cosmiconfigModule in config/load-config.ts
    const { simpleGit } = requireCjs('simple-git') as typeof import('simple-git');
    this.simple ??= simpleGit({ baseDir: this.cwd, config: ['core.quotePath=false'] });
    return this.simple.raw(args);
  }

  /** The commit a revision names, or null when it names none (or the object is missing). */
  async commit(rev: string): Promise<string | null> {
    try {
      const { stdout, failure } = await queryGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], this.cwd);
      return failure === null ? stdout.toString('utf8').trim() || null : null;
    } catch {
      return null;
    }
  }

  /** The commit each revision names (null where none), in one git call however many there are. */
  async commits(revs: string[]): Promise<(string | null)[]> {
    if (revs.length === 0) return [];
    const out = await runGit(['cat-file', '--batch-check=%(objectname) %(objecttype)'], this.cwd, revs.map((rev) => `${rev}^{commit}\n`).join(''));
    const lines = out.toString('utf8').split('\n');
    return revs.map((_, i) => {
      const [sha, type] = (lines[i] ?? '').split(' ');
      return type === 'commit' ? sha : null;
    });
  }

  /** The commit a revision names, or a clear error that says why not (shallow clones included). */
  async requireCommit(rev: string, what: string): Promise<string> {
    const sha = await this.commit(rev);
    if (sha) return sha;
    const hint = this.shallow ? ' — this is a shallow clone, fetch more history (git fetch --unshallow, or fetch-depth: 0 in CI)'
      : !(await this.hasCommits()) ? ': the repository has no commits yet' : '';
    throw new LeakguardError(`${what} "${rev}" is not a commit in this repository${hint}`);
  }

  /**
   * A date as git reads `--since` (ISO dates, "2 weeks ago"…), checked: git reads anything it
   * cannot parse as "now", which would make a typo scan nothing and pass for clean.
   */
  async requireDate(text: string, what: string): Promise<void> {
    const out = (await this.raw(['rev-parse', `--since=${text}`]).catch(() => '')).trim();
    const seconds = Number(/^--max-age=(\d+)$/.exec(out)?.[1] ?? Number.NaN);
    const objectId = /^[0-9a-f]{7,64}$/i.test(text) && /[a-f]/i.test(text); // git would read its digits as a date
    if (objectId || Number.isNaN(seconds) || Math.abs(seconds - Date.now() / 1000) < 60) {
      const hint = this.shallow ? ' (this is a shallow clone: a commit before the cut is not in it)' : '';
      throw new LeakguardError(`${what} "${text}" is neither a commit in this repository nor a date${hint}`);
    }
  }

  /** False in a repository with no commits at all (a fresh `git init`: no refs, HEAD unborn). */
  async hasCommits(): Promise<boolean> {
    const ref = (await queryGit(['for-each-ref', '--count=1', '--format=%(objectname)'], this.cwd)).stdout.toString('utf8').trim();
    return ref !== '' || (await this.commit('HEAD')) !== null;
  }

  /** The remote a partial clone fetches its missing objects from (`git clone --filter`), or null. */
  async promisorRemote(): Promise<string | null> {
    // exit 1 when nothing matches: then the output is empty
    const config = (await queryGit(['config', '--get-regexp', '^(remote\\..*\\.promisor|extensions\\.partialclone)$'], this.cwd)).stdout.toString('utf8');
    for (const line of config.split('\n')) {
      const promisor = /^remote\.(.+)\.promisor true$/i.exec(line.trim()) ?? /^extensions\.partialclone (.+)$/i.exec(line.trim());
      if (promisor) return promisor[1];
    }
    return null;
  }

  async mergeBase(a: string, b: string): Promise<string> {
    try {
      return (await this.raw(['merge-base', a, b])).trim();
    } catch (err) {
      const hint = this.shallow ? ': the clone is shallow and lacks their common history (git fetch --unshallow, or fetch-depth: 0 in CI)' : '';
      throw describe(err, `${a} and ${b} have no merge base${hint}`);
    }
  }

  /** A friendly name for a commit: the branch or tag it is on, else its short id. */
  async nameOf(sha: string): Promise<string> {
    try {
      const name = (await this.raw(['name-rev', '--name-only', '--no-undefined', '--exclude=refs/stash', sha])).trim();
      return name.replace(/^remotes\//, '').replace(/[~^].*$/, '') || sha.slice(0, 12);
    } catch {
      return sha.slice(0, 12);
    }
  }

  /** The commits `git rev-list` walks for these arguments, parents before children. */
  async listCommits(revisions: string[]): Promise<string[]> {
    return (await runGit(['rev-list', '--topo-order', '--reverse', ...revisions, '--'], this.cwd)).toString('latin1').split('\n').filter(Boolean);
  }

  /**
   * Shallow-clone boundary commits among those `git rev-list` would walk for these arguments:
   * their parents are missing, so what lies before them cannot be scanned.
   */
  async shallowBoundariesIn(revisions: string[]): Promise<string[]> {
    if (!this.shallow) return [];
    const boundaries = new Set(readShallow(this.commonDir).split('\n').filter(Boolean));
    if (boundaries.size === 0) return [];
    const walked = (await this.raw(['rev-list', ...revisions, '--'])).split('\n');
    return walked.filter((sha) => boundaries.has(sha));
  }

  /** Runs `git fetch` with these arguments; true when it worked. */
  async fetch(args: string[]): Promise<boolean> {
    try {
      await this.raw(['fetch', '--quiet', '--no-tags', ...args]);
      this.shallow = (await this.raw(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
      return true;
    } catch {
      return false;
    }
  }

  /** A file's bytes as they are in a commit, or null when the commit has no such file. */
  async fileAt(commit: string, path: string): Promise<Buffer | null> {
    try {
      return await runGit(['cat-file', 'blob', `${commit}:${path}`], this.cwd);
    } catch {
      return null;
    }
  }

  /** Which of these paths differ between two commits. */
  async changedBetween(a: string, b: string, paths: string[]): Promise<string[]> {
    const out = await this.raw(['diff', '--name-only', '--no-renames', a, b, '--', ...paths]);
    return out.split('\n').filter(Boolean);
  }

  /** The character that starts a comment line in commit messages (core.commentChar). */
  async commentChar(): Promise<string | null> {
    const value = (await this.raw(['config', '--get', 'core.commentChar']).catch(() => '')).trim();
    if (value === 'auto') return null; // git picks one not used in the message: any leading one of its candidates
    return value || '#';
  }
}

function describe(err: unknown, fallback: string): LeakguardError {
  const message = err instanceof Error ? err.message : String(err);
  if (/ENOENT/.test(message) && /spawn/.test(message)) return new LeakguardError(GIT_NOT_FOUND);
  const firstLine = message.trim().split('\n')[0].replace(/^fatal: /, '');
  return new LeakguardError(firstLine && !/not a git repository/i.test(firstLine) ? `${fallback} (${firstLine})` : fallback);
}

/** The `shallow` file: the commits whose parents a shallow clone lacks (a small file; empty when absent). */
function readShallow(commonDir: string): string {
  try {
    return readFileSync(join(commonDir, 'shallow'), 'utf8');
  } catch {
    return '';
  }
}
