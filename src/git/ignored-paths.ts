import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LeakguardError } from '../errors.js';
import { GIT_NOT_FOUND, runGit } from './run-git.js';

/** The work tree holding `dir`, found by looking for `.git` upwards (no process spawned). */
export function findWorkTree(dir: string): string | null {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return null;
  }
}

/**
 * What .gitignore (and info/exclude, core.excludesFile) ignores in a work tree, as git sees it.
 * Paths are relative to the work tree; ignored folders end in `/` and cover everything below.
 */
export async function ignoredPaths(workTree: string): Promise<Set<string>> {
  const out = await runGit(['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory'], workTree).catch((err: Error) => {
    // a file scan goes on without git: say only what is missing
    throw err.message === GIT_NOT_FOUND ? new LeakguardError('git was not found on PATH') : err;
  });
  return new Set(out.toString('utf8').split('\0').filter(Boolean));
}
