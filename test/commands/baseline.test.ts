import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_KEY_ID, GITHUB_PAT, SLACK_BOT_TOKEN } from '../fixtures/secrets.js';
import { commitFiles, git, runCli, scanJson, tempDir, tempRepo, writeFiles } from '../helpers.js';

const baselineOf = (dir: string, file = '.leakguard-baseline.json') => JSON.parse(readFileSync(join(dir, file), 'utf8'));

describe('leakguard baseline', () => {
  it('round trip: create, hide, report stale, prune', () => {
    const dir = tempDir();
    writeFiles(dir, { 'b.txt': `gh=${GITHUB_PAT}\n`, 'a.txt': `k=${AWS_KEY_ID}\n` });
    const made = runCli(['baseline'], { cwd: dir });
    expect(made.status).toBe(0);
    expect(made.stdout).toContain('2 entries (2 new)');
    const text = readFileSync(join(dir, '.leakguard-baseline.json'), 'utf8');
    expect(text).not.toContain(AWS_KEY_ID);
    expect(text).not.toContain(GITHUB_PAT);
    const { version, entries } = JSON.parse(text);
    expect(version).toBe(1);
    expect(entries.map((e: { path: string; ruleId: string }) => [e.path, e.ruleId])).toEqual([['a.txt', 'aws-access-key-id'], ['b.txt', 'github-pat-classic']]);
    expect(Object.keys(entries[0])).toEqual(['fingerprint', 'ruleId', 'path']);

    const hidden = scanJson(['.'], { cwd: dir });
    expect(hidden.status).toBe(0);
    expect(hidden.report!.stats).toMatchObject({ baseline: { hidden: 2, stale: [] } });
    expect(runCli(['scan', '.'], { cwd: dir }).stdout).toContain('2 accepted findings hidden');

    writeFiles(dir, { 'b.txt': 'gh=removed\n', 'c.txt': `slack=${SLACK_BOT_TOKEN}\n` });
    const after = scanJson(['.'], { cwd: dir });
    expect(after.status).toBe(1);
    expect(after.report!.findings.map((f) => f.file)).toEqual(['c.txt']);
    const stats = after.report!.stats as { baseline: { stale: Array<{ path: string }> } };
    expect(stats.baseline.stale.map((e) => e.path)).toEqual(['b.txt']);
    expect(runCli(['scan', '.'], { cwd: dir }).stdout).toContain('stale baseline entry: github-pat-classic in b.txt');

    const pruned = runCli(['baseline', '--prune'], { cwd: dir });
    expect(pruned.stdout).toContain('2 entries (1 new, 1 stale pruned)');
    expect(baselineOf(dir).entries.map((e: { path: string }) => e.path)).toEqual(['a.txt', 'c.txt']);
    expect(scanJson(['.'], { cwd: dir }).status).toBe(0);
  });

  it('hides accepted findings in history and staged scans too, and --baseline names the file', () => {
    const dir = tempRepo();
    commitFiles(dir, { 'legacy.txt': `k=${AWS_KEY_ID}\n` }, 'legacy');
    expect(runCli(['baseline', '--history', '--baseline', 'accepted.json'], { cwd: dir }).status).toBe(0);
    expect(scanJson(['--history', '--baseline', 'accepted.json'], { cwd: dir }).status).toBe(0);
    expect(scanJson(['--history'], { cwd: dir }).status).toBe(1); // not the default name: not applied
    writeFiles(dir, { 'legacy.txt': `key = "${AWS_KEY_ID}" # the same key, on a changed line\n` });
    git(dir, 'add', '.');
    expect(scanJson(['--staged'], { cwd: dir }).status).toBe(1);
    expect(scanJson(['--staged', '--baseline', 'accepted.json'], { cwd: dir }).status).toBe(0);
  });

  it('ci reads the baseline from the base commit', () => {
    const dir = tempRepo();
    commitFiles(dir, { 'legacy.txt': `k=${AWS_KEY_ID}\n` }, 'legacy');
    runCli(['baseline'], { cwd: dir });
    const base = commitFiles(dir, {}, 'accept the legacy key');
    writeFiles(dir, { 'legacy.txt': `key = "${AWS_KEY_ID}" # the same key, on a changed line\n` });
    rmSync(join(dir, '.leakguard-baseline.json'));
    const head = commitFiles(dir, {}, 'touch legacy, drop the baseline');
    const env = { ...process.env, GITHUB_ACTIONS: '', GITLAB_CI: '' };
    const r = runCli(['ci', '--base', base, '--head', head, '--format', 'json'], { cwd: dir, env });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).stats.baseline.hidden).toBe(1);
    expect(r.stderr).toContain('this change modifies .leakguard-baseline.json');
  });

  it('a broken baseline file is exit 2, naming it', () => {
    const dir = tempDir();
    writeFiles(dir, { '.leakguard-baseline.json': '{"entries": [{"fingerprint": "md5:x"}]}', 'a.txt': 'x\n' });
    const r = runCli(['scan', '.'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\.leakguard-baseline\.json: entries\[0\]\.fingerprint must be a sha256: fingerprint/);
  });
});
