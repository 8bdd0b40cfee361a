import { execFile } from 'node:child_process';
import { LeakguardError } from '../errors.js';

/** The one message for a missing git, whichever command needed it. */
export const GIT_NOT_FOUND = 'git was not found on PATH: install git (plain file scans work without it)';

export interface GitResult {
  stdout: Buffer;
  /** null when git exited 0; otherwise the first line of its complaint */
  failure: string | null;
}

/**
 * Every short git query goes through here, so quoting, `-z` and errors are decided once.
 * (Bulk streams — diffs, logs — are read from a spawned git, not buffered.)
 */
export async function runGit(args: string[], cwd: string, input?: string): Promise<Buffer> {
  const { stdout, failure } = await queryGit(args, cwd, input);
  if (failure !== null) throw new LeakguardError(`git ${args[0]} failed in ${cwd}: ${failure}`);
  return stdout;
}

/** A git query whose output is wanted even when git fails (some print part of an answer first). */
export function queryGit(args: string[], cwd: string, input?: string): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      ['-c', 'core.quotePath=false', ...args],
      { cwd, encoding: 'buffer', maxBuffer: 1 << 30 },
      (err, stdout, stderr) => {
        if (!err) return resolve({ stdout, failure: null });
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          return reject(new LeakguardError(GIT_NOT_FOUND));
        }
        resolve({ stdout, failure: stderr.toString('utf8').trim().split('\n')[0] || err.message });
      },
    );
    if (input !== undefined) {
      child.stdin?.on('error', () => {}); // git exiting early: its status tells
      child.stdin?.end(input);
    }
  });
}
