import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_KEY_ID, GITHUB_PAT, SLACK_BOT_TOKEN } from '../fixtures/secrets.js';
import { commitFiles, git, runCli, scanJson, tempDir, tempRepo } from '../helpers.js';

function history() {
  const dir = tempRepo();
  const secrets = [AWS_KEY_ID, GITHUB_PAT, SLACK_BOT_TOKEN];
  for (let i = 0; i < 13; i++) {
    const files: Record<string, string> = { 'counter.txt': `${i}\n` };
    if (i % 4 === 1) files[`s${i}.txt`] = `secret = ${secrets[(i >> 2) % 3]}\n`;
    commitFiles(dir, files, `c${i}`);
  }
  git(dir, 'rm', '-q', 's1.txt');
  git(dir, 'commit', '-q', '-m', 'remove s1');
  commitFiles(dir, { 's1.txt': `secret = ${AWS_KEY_ID}\n` }, 'add the same secret back'); // found again in a later shard
  return dir;
}

const key = (f: { fingerprint: string; commit: string | null }) => `${f.fingerprint}@${f.commit}`;

describe('scan --history --shard K/N and leakguard merge', () => {
  it('shards are disjoint and together equal a full scan; merge deduplicates', () => {
    const dir = history();
    const full = scanJson(['--history', '--no-redact'], { cwd: dir }).report!;
    const shards = [1, 2, 3].map((k) => scanJson(['--history', '--no-redact', '--shard', `${k}/3`], { cwd: dir }).report!);
    const counts = shards.map((s) => (s.stats as { commits?: number }).commits);
    expect(counts.reduce((a, b) => a! + b!, 0)).toBe((full.stats as { commits?: number }).commits);
    expect(counts.every((n) => n! >= 4)).toBe(true);
    const all = shards.flatMap((s) => s.findings.map(key));
    expect(new Set(all).size).toBe(all.length); // disjoint
    // every commit-level finding of the full scan is in exactly one shard
    for (const f of full.findings) expect(all).toContain(key(f));
    // the secret added back in the last shard is a duplicate that merge folds away
    expect(all.length).toBe(full.findings.length + 1);

    const out = tempDir();
    const files = shards.map((s, i) => {
      const path = join(out, `shard-${i + 1}.json`);
      writeFileSync(path, JSON.stringify(s));
      return path;
    });
    const merged = runCli(['merge', ...files, '--no-redact']);
    expect(merged.status).toBe(1);
    const report = JSON.parse(merged.stdout);
    expect(report.findings.map(key).sort()).toEqual(full.findings.map(key).sort());
    expect(report.stats.commits).toBe((full.stats as { commits?: number }).commits);

    // a shard whose job died before writing its report: the merge must not pass as clean
    const partial = runCli(['merge', files[0], files[2]]);
    expect(partial.status).toBe(2);
    expect(partial.stderr).toBe('leakguard: shard 2/3 missing: that part of the history was not scanned\n');
    const twice = runCli(['merge', files[0], files[0], files[1], files[2]]);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/both shard 1\/3/);
  });

  it('rejects a bad shard and a file that is not a report', () => {
    const dir = history();
    expect(runCli(['scan', '--history', '--shard', '4/3'], { cwd: dir }).stderr).toMatch(/--shard takes K\/N/);
    expect(runCli(['scan', '--shard', '1/2'], { cwd: dir }).stderr).toMatch(/--shard goes with --history/);
    const bad = join(tempDir(), 'x.json');
    writeFileSync(bad, '{"hello": 1}');
    const r = runCli(['merge', bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is not a leakguard JSON report/);
  });
});
