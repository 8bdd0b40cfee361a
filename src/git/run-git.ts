import { execFile } from 'node:child_process';
import { LeakguardError } from '../errors.js';

/** The one message for a missing git, whichever command needed it. */
export const GIT_NOT_FOUND = 'git was not found on PATH: install git (plain file scans work without it)';

/**
 * Every short git query goes through here, so quoting, `-z` and errors are decided once.
 * (Bulk streams — diffs, logs — are read from a spawned git, not buffered.)
 */
export function runGit(args: string[], cwd: string, input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      ['-c', 'core.quotePath=false', ...args],
      { cwd, encoding: 'buffer', maxBuffer: 1 << 30 },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          return reject(new LeakguardError(GIT_NOT_FOUND));
        }
        const detail = stderr.toString('utf8').trim().split('\n')[0] || err.message;
        reject(new LeakguardError(`git ${args[0]} failed in ${cwd}: ${detail}`));
      },
    );
    if (input !== undefined) {
      child.stdin?.on('error', () => {}); // git exiting early: its status tells
      child.stdin?.end(input);
    }
  });
}
