// Hostile git, part 6: a repository with 1,000 branches.
import { describe, expect, it } from 'vitest';
import { AWS_KEY_ID } from '../fixtures/secrets.js';
import { git, runCli, scanJson, tempDir, tempRepo } from '../helpers.js';
import { at, brief, commit, fastImport } from './git-helpers.js';

const BRANCHES = 1000;
const name = (i: number) => `feature/branch-${String(i).padStart(4, '0')}`;

/** main has one commit; each of 1,000 branches adds one commit of its own; only branch 777's holds a secret. */
function manyBranches(): { dir: string; tips: Map<number, string> } {
  const dir = tempRepo();
  fastImport(dir, (out) => {
    out(commit('refs/heads/main', 1, 1_700_000_000, 'base', { 'README.md': 'base\n' }));
    for (let i = 1; i <= BRANCHES; i++) {
      const content = i === 777 ? `aws_key = ${AWS_KEY_ID}\n` : `branch ${i}\n`;
      out(commit(`refs/heads/${name(i)}`, 1 + i, 1_700_000_000 + i, `work on ${i}`, { [`work/${i}.txt`]: content }, ':1'));
    }
  });
  const refs = git(dir, 'for-each-ref', '--format=%(refname:short) %(objectname)', 'refs/heads/feature/');
  const tips = new Map(refs.trim().split('\n').map((line) => {
    const [ref, sha] = line.split(' ');
    return [Number(ref.slice(-4)), sha] as const;
  }));
  expect(tips.size).toBe(BRANCHES);
  return { dir, tips };
}

describe('1,000 branches', () => {
  it('--history covers every branch: the secret only branch 777 has is found, once', () => {
    const { dir, tips } = manyBranches();
    const r = scanJson(['--history'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(brief(r.report)).toEqual([at('aws-access-key-id', 'work/777.txt', 1, 11, tips.get(777)!, 'history')]);
    expect((r.report!.stats as { commits?: number }).commits).toBe(BRANCHES + 1);
    // sharded two ways, the shards hold it exactly once between them
    const found = [1, 2].flatMap((k) => brief(scanJson(['--history', '--shard', `${k}/2`], { cwd: dir }).report));
    expect(found).toEqual([at('aws-access-key-id', 'work/777.txt', 1, 11, tips.get(777)!, 'history')]);
  });

  it('a pre-push of all 1,000 branches to a remote that has only main: no argument-list limit, the secret found', () => {
    const { dir, tips } = manyBranches();
    const remote = tempDir();
    git(remote, 'init', '-q', '--bare');
    git(dir, 'remote', 'add', 'origin', remote);
    git(dir, 'push', '-q', 'origin', 'main');
    git(dir, 'fetch', '-q', 'origin');
    const zero = '0'.repeat(40);
    const input = [...tips].map(([i, sha]) => `refs/heads/${name(i)} ${sha} refs/heads/${name(i)} ${zero}`).join('\n');
    const r = runCli(['hook', 'pre-push', 'origin', remote, '--format', 'json'], { cwd: dir, input });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(brief(JSON.parse(r.stdout))).toEqual([at('aws-access-key-id', 'work/777.txt', 1, 11, tips.get(777)!, 'range')]);
  });
});
