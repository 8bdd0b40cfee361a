import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { LeakguardError } from '../errors.js';
import { runGit } from '../git/run-git.js';

export const MARKER = '# leakguard:hook';
export const RUNNER = 'leakguard-hook.sh';
export const DEFAULT_HOOKS = ['pre-commit', 'commit-msg', 'pre-merge-commit'] as const;
export const ALL_HOOKS = [...DEFAULT_HOOKS, 'pre-push'] as const;
export type HookName = (typeof ALL_HOOKS)[number];

export interface HookLocation {
  mode: 'husky' | 'git';
  /** Where hook files go: the .husky folder, or the folder git runs hooks from. */
  dir: string;
  /** The work tree's top. */
  top: string;
  /** core.hooksPath as set locally and as set anywhere (global, system), if at all. */
  hooksPath: { local: string | null; effective: string | null };
}

const HUSKY_HOOKS_PATH = /(?:^|[\\/])\.husky[\\/]_[\\/]?$/;

async function config(top: string, ...args: string[]): Promise<string | null> {
  const value = (await runGit(['config', ...args, 'core.hooksPath'], top).catch(() => Buffer.from(''))).toString('utf8').trim();
  return value || null;
}

/**
 * Where leakguard's hooks belong: husky's folder when the project uses husky (core.hooksPath
 * ending in .husky/_, or a .husky folder with husky in package.json), else the folder git runs
 * hooks from (`git rev-parse --git-path hooks`: worktrees, submodules and core.hooksPath included).
 */
export async function locateHooks(cwd: string, force?: 'husky' | 'git'): Promise<HookLocation> {
  let top: string;
  try {
    top = (await runGit(['rev-parse', '--show-toplevel'], cwd)).toString('utf8').trim();
  } catch (err) {
    const message = (err as Error).message;
    if (/not found on PATH/.test(message)) throw err;
    throw new LeakguardError(`${cwd} is not in a git work tree: hooks guard commits, so install them in a repository with a work tree`);
  }
  const hooksPath = { local: await config(top, '--local'), effective: await config(top) };
  const huskyByConfig = hooksPath.effective !== null && HUSKY_HOOKS_PATH.test(hooksPath.effective);
  const huskyDir = huskyByConfig ? resolve(top, hooksPath.effective!, '..') : join(top, '.husky');
  const husky = force ? force === 'husky' : huskyByConfig || (existsSync(huskyDir) && dependsOnHusky(top));
  if (husky) {
    if (!existsSync(huskyDir) && force !== 'husky') throw new LeakguardError(`husky's folder ${huskyDir} does not exist: run husky first`);
    return { mode: 'husky', dir: huskyDir, top, hooksPath };
  }
  const gitPath = (await runGit(['rev-parse', '--git-path', 'hooks'], top)).toString('utf8').trim();
  return { mode: 'git', dir: isAbsolute(gitPath) ? gitPath : resolve(top, gitPath), top, hooksPath };
}

function dependsOnHusky(top: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(join(top, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    return Boolean(pkg.devDependencies?.husky ?? pkg.dependencies?.husky);
  } catch {
    return false;
  }
}
