import { readFileSync } from 'node:fs';
import { LeakguardError } from '../errors.js';

/** What a CI run asks to be scanned: head's commits that base does not have. */
export interface CiRange {
  provider: 'github' | 'gitlab' | 'manual';
  /** null: no base is known (a new branch), so scan against what the default branch has. */
  base: string | null;
  head: string;
  defaultBranch: string | null;
  /** How the range was found, for the output. */
  description: string;
}

const absent = (sha: string | undefined | null): boolean => !sha || /^0+$/.test(sha);

/**
 * The range from the environment: GitHub Actions (the event payload), GitLab CI (predefined
 * variables), or --base/--head anywhere. null: nothing to scan (a deleted branch).
 */
export function detectRange(env: NodeJS.ProcessEnv, explicit: { base?: string; head?: string }): CiRange | null {
  if (explicit.base || explicit.head) {
    return { provider: 'manual', base: explicit.base ?? null, head: explicit.head ?? 'HEAD', defaultBranch: null, description: `--base ${explicit.base ?? '(none)'} --head ${explicit.head ?? 'HEAD'}` };
  }
  if (env.GITHUB_ACTIONS === 'true' && env.GITHUB_EVENT_PATH) return fromGitHub(env);
  if (env.GITLAB_CI === 'true') return fromGitLab(env);
  throw new LeakguardError('cannot tell what to scan: not GitHub Actions (GITHUB_EVENT_PATH) nor GitLab CI (GITLAB_CI); pass --base REV --head REV');
}

interface GitHubEvent {
  pull_request?: { base?: { sha?: string }; head?: { sha?: string } };
  merge_group?: { base_sha?: string; head_sha?: string };
  before?: string;
  after?: string;
  repository?: { default_branch?: string };
}

function fromGitHub(env: NodeJS.ProcessEnv): CiRange | null {
  let event: GitHubEvent;
  try {
    event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH!, 'utf8')) as GitHubEvent;
  } catch (err) {
    throw new LeakguardError(`cannot read the GitHub event at GITHUB_EVENT_PATH (${env.GITHUB_EVENT_PATH}): ${(err as Error).message.split('\n')[0]}`);
  }
  const name = env.GITHUB_EVENT_NAME ?? 'unknown';
  const defaultBranch = event.repository?.default_branch ?? null;
  const github = (base: string | null, head: string | undefined, what: string): CiRange => {
    if (absent(head)) throw new LeakguardError(`the GitHub ${name} event names no head commit`);
    return { provider: 'github', base, head: head!, defaultBranch, description: what };
  };
  if (event.pull_request) {
    const { base, head } = event.pull_request;
    if (absent(base?.sha)) throw new LeakguardError(`the GitHub ${name} event names no base commit`);
    return github(base!.sha!, head?.sha, `pull request ${base!.sha!.slice(0, 12)}..${head?.sha?.slice(0, 12)}`);
  }
  if (event.merge_group) {
    const { base_sha: base, head_sha: head } = event.merge_group;
    if (absent(base)) throw new LeakguardError(`the GitHub ${name} event names no base commit`);
    return github(base!, head, `merge group ${base!.slice(0, 12)}..${head?.slice(0, 12)}`);
  }
  if (event.after !== undefined) {
    if (absent(event.after)) return null; // a deleted branch brings nothing in
    return absent(event.before)
      ? github(null, event.after, `new branch ${event.after.slice(0, 12)} against ${defaultBranch ?? 'the default branch'}`)
      : github(event.before!, event.after, `push ${event.before!.slice(0, 12)}..${event.after.slice(0, 12)}`);
  }
  return github(null, env.GITHUB_SHA, `${name} at ${env.GITHUB_SHA?.slice(0, 12)} against ${defaultBranch ?? 'the default branch'}`);
}

function fromGitLab(env: NodeJS.ProcessEnv): CiRange {
  const head = env.CI_COMMIT_SHA;
  if (absent(head)) throw new LeakguardError('GitLab CI without CI_COMMIT_SHA: pass --base REV --head REV');
  const mr = env.CI_MERGE_REQUEST_DIFF_BASE_SHA;
  const before = env.CI_COMMIT_BEFORE_SHA;
  const base = !absent(mr) ? mr! : !absent(before) ? before! : null;
  const what = !absent(mr) ? 'merge request' : base ? 'push' : `new branch against ${env.CI_DEFAULT_BRANCH ?? 'the default branch'}`;
  return { provider: 'gitlab', base, head: head!, defaultBranch: env.CI_DEFAULT_BRANCH ?? null, description: `${what} ${base ? `${base.slice(0, 12)}..` : ''}${head!.slice(0, 12)}` };
}
