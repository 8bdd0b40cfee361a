import { LeakguardError } from '../errors.js';
import type { Repository } from '../git/repository.js';
import type { CiRange } from './detect-range.js';

export interface ResolvedRange {
  head: string;
  /** Commits whose history is already trusted: the range is head's commits not reachable from these. */
  exclude: string[];
  /** Where the trusted configuration and baseline are read from: the base, else the default branch. */
  trusted: string | null;
}

const HINT = 'fetch the whole history (actions/checkout with fetch-depth: 0, GIT_DEPTH: 0 in GitLab)';

/**
 * Turns the CI range into commits this clone has, fetching what a shallow clone lacks when the
 * remote can give it. A range that cannot be seen whole is an error, never a partial clean scan.
 */
export async function resolveRange(repo: Repository, range: CiRange, remote = 'origin'): Promise<ResolvedRange> {
  const head = await present(repo, range.head, remote, 'head');
  let exclude: string[] = [];
  if (range.base) {
    exclude = [await present(repo, range.base, remote, 'base')];
  } else if (range.defaultBranch) {
    const tracking = `refs/remotes/${remote}/${range.defaultBranch}`;
    let sha = await repo.commit(tracking);
    if (!sha && (await repo.fetch([remote, `+refs/heads/${range.defaultBranch}:${tracking}`]))) sha = await repo.commit(tracking);
    if (!sha) throw new LeakguardError(`cannot find the default branch ${range.defaultBranch} on ${remote} to scan this new branch against; ${HINT}`);
    exclude = [sha];
  }
  await ensureWhole(repo, [head, '--not', ...exclude], remote);
  return { head, exclude, trusted: exclude[0] ?? null };
}

/** A commit the range names, fetched from the remote if this clone lacks it. */
async function present(repo: Repository, sha: string, remote: string, what: string): Promise<string> {
  const found = await repo.commit(sha);
  if (found) return found;
  if ((await repo.fetch([remote, sha])) || (repo.shallow && (await repo.fetch(['--unshallow', remote])))) {
    const fetched = await repo.commit(sha);
    if (fetched) return fetched;
  }
  throw new LeakguardError(`the ${what} commit ${sha} is not in this clone and ${remote} could not provide it; ${HINT}`);
}

/** A shallow clone whose cut falls inside the range: deepen it, or refuse. */
async function ensureWhole(repo: Repository, revisions: string[], remote: string): Promise<void> {
  if ((await repo.shallowBoundariesIn(revisions)).length === 0) return;
  await repo.fetch(['--unshallow', remote]);
  const cut = await repo.shallowBoundariesIn(revisions);
  if (cut.length > 0) {
    throw new LeakguardError(`this shallow clone lacks history inside the range (before commit ${cut[0].slice(0, 12)}) and ${remote} could not provide it; ${HINT}`);
  }
}
