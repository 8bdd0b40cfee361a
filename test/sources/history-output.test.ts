import { describe, expect, it } from 'vitest';
import { Repository } from '../../src/git/repository.js';
import { logFragments } from '../../src/sources/history.js';
import type { Fragment, Skipped } from '../../src/types.js';
import { AWS_KEY_ID } from '../fixtures/secrets.js';
import { commitFiles, git, tempRepo } from '../helpers.js';

/** Every fragment of the history, as plain data, what was skipped, and whether a TCP socket was open meanwhile. */
async function readHistory(dir: string, loopback: boolean): Promise<{ fragments: object[]; skipped: Skipped[]; tcp: boolean }> {
  const repo = await Repository.open(dir);
  const commits = await repo.listCommits(['--all']);
  const skipped: Skipped[] = [];
  const fragments: object[] = [];
  let tcp = false;
  for await (const f of logFragments(repo, { commits, kind: 'history', maxFileSize: 50 << 20, onSkip: (s) => skipped.push(s), loopback })) {
    fragments.push(plain(f));
    tcp ||= process.getActiveResourcesInfo().includes('TCPSocketWrap');
  }
  return { fragments, skipped, tcp };
}

const plain = (f: Fragment) => ({ ...f, content: f.content.toString('latin1'), removed: f.removed?.toString('latin1') });

describe('git log read through a loopback connection or a pipe', () => {
  it('gives the same fragments and skips either way, for megabytes of output, a binary file and a merge', async () => {
    const dir = tempRepo();
    const rows = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} row ${i} ${'x'.repeat(i % 70)}`).join('\n');
    commitFiles(dir, { 'big.txt': `${rows(60_000, 'a')}\n`, 'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]) }, 'base');
    git(dir, 'checkout', '-q', '-b', 'side');
    commitFiles(dir, { 'side.ts': `export const k = "${AWS_KEY_ID}";\n` }, 'side');
    git(dir, 'checkout', '-q', 'main');
    commitFiles(dir, { 'big.txt': `${rows(60_000, 'b')}\n` }, 'rewrite');
    git(dir, 'merge', '-q', '--no-ff', '-m', 'merge side', 'side');

    const viaLoopback = await readHistory(dir, true);
    const viaPipe = await readHistory(dir, false);
    // 4 messages, big.txt added, its rewrite (in two pieces), side.ts; the clean merge shows no diff
    expect(viaLoopback.fragments).toHaveLength(8);
    expect(viaLoopback.skipped).toEqual([{ path: expect.stringMatching(/^logo\.png \(commit /), reason: 'binary' }]);
    expect(JSON.stringify(viaLoopback.fragments).length).toBeGreaterThan(5_000_000);
    expect([viaLoopback.tcp, viaPipe.tcp]).toEqual([true, false]);
    expect({ ...viaLoopback, tcp: null }).toEqual({ ...viaPipe, tcp: null });
  });
});
