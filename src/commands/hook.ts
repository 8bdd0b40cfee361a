import type { CliValues } from '../cli.js';
import { LeakguardError } from '../errors.js';
import { runGit } from '../git/run-git.js';
import type { GitSource } from '../scan.js';
import { parseFormat, runScan } from './scan.js';

/**
 * leakguard hook NAME [ARGS]: what an installed git hook runs (through hooks/leakguard-hook.sh,
 * which adds the skip switches and the fail-closed messages).
 */
export async function hookCommand(args: string[], values: CliValues): Promise<number> {
  const [name, ...rest] = args;
  const git = await sourceFor(name, rest);
  // Quiet when clean: a hook that talks on every commit gets turned off.
  return runScan({ git, configFile: values.config }, parseFormat(values.format), { ...values, quiet: values.quiet ?? true });
}

async function sourceFor(name: string | undefined, args: string[]): Promise<GitSource> {
  switch (name) {
    case 'pre-commit':
      return { kind: 'staged' };
    case 'commit-msg':
      // git passes the file; the pre-commit framework (pass_filenames: false) names it in the
      // environment; either way git has written the message to COMMIT_EDITMSG first.
      return { kind: 'message', file: args[0] ?? process.env.PRE_COMMIT_COMMIT_MSG_FILENAME ?? (await commitEditMsg()) };
    case 'pre-merge-commit':
      return { kind: 'merge' };
    case 'pre-push':
      return pushSource(args[0] ?? 'origin');
    default:
      throw new LeakguardError(`unknown hook "${name ?? ''}" (expected pre-commit, commit-msg, pre-merge-commit, pre-push)`);
  }
}

async function commitEditMsg(): Promise<string> {
  return (await runGit(['rev-parse', '--git-path', 'COMMIT_EDITMSG'], process.cwd())).toString('utf8').trim();
}

/**
 * git feeds pre-push one line per ref: `<local ref> <local sha> <remote ref> <remote sha>`.
 * The pre-commit framework instead sets PRE_COMMIT_FROM_REF / PRE_COMMIT_TO_REF.
 */
async function pushSource(remote: string): Promise<GitSource> {
  const { PRE_COMMIT_FROM_REF: from, PRE_COMMIT_TO_REF: to, PRE_COMMIT_REMOTE_NAME: name } = process.env;
  if (to) return { kind: 'push', remote: name ?? remote, updates: [{ localSha: to, remoteSha: from ?? '0' }] };
  const chunks: Buffer[] = [];
  if (!process.stdin.isTTY) for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const updates = Buffer.concat(chunks)
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [, localSha, , remoteSha] = line.trim().split(/\s+/);
      if (!localSha || !remoteSha) throw new LeakguardError(`hook pre-push: cannot read the ref line "${line}"`);
      return { localSha, remoteSha };
    });
  return { kind: 'push', remote, updates };
}
