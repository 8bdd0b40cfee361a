import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_KEY_ID, fakePrivateKey, GITHUB_PAT } from '../fixtures/secrets.js';
import { CLI, commitFiles, git, runCli, scanJson, tempDir, tempRepo, writeFiles } from '../helpers.js';
import { RawThenPatch } from '../../src/sources/staged.js';

const found = (r: ReturnType<typeof scanJson>) => r.report!.findings.map((f) => `${f.file}:${f.line}:${f.column}:${f.ruleId}:${f.source}`);

describe('scan --staged', () => {
  it('works before the first commit (against the empty tree)', () => {
    const dir = tempRepo();
    writeFiles(dir, { 'config.env': `A=1\nAWS_KEY=${AWS_KEY_ID}\n` });
    git(dir, 'add', '.');
    const r = scanJson(['--staged'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(found(r)).toEqual(['config.env:2:9:aws-access-key-id:staged']);
  });

  it('run from a subfolder (git started there, diff.relative set), reports paths from the top of the work tree', () => {
    const dir = tempRepo();
    commitFiles(dir, { 'src/app/keep.txt': 'x\n', 'top.env': 'A=1\n' }, 'init');
    git(dir, 'config', 'diff.relative', 'true');
    writeFiles(dir, { 'src/app/config.env': `AWS_KEY=${AWS_KEY_ID}\n`, 'top.env': `A=1\nKEY=${AWS_KEY_ID}\n` });
    git(dir, 'add', '.');
    const r = scanJson(['--staged'], { cwd: join(dir, 'src/app') });
    expect(r.status).toBe(1);
    expect(found(r)).toEqual(['src/app/config.env:1:9:aws-access-key-id:staged', 'top.env:2:5:aws-access-key-id:staged']);
  });

  it('a failure after git was asked (an unreadable baseline) is exit 2 at once, not a wait on git', () => {
    const dir = tempRepo();
    writeFiles(dir, { 'a.txt': `key = ${AWS_KEY_ID}\n` });
    git(dir, 'add', '.');
    const r = runCli(['scan', '--staged', '--baseline', 'missing-baseline.json'], { cwd: dir, timeout: 20_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^leakguard: cannot read the baseline missing-baseline\.json/);
  });

  it('reports only secrets on added lines, not ones already committed', () => {
    const dir = tempRepo();
    commitFiles(dir, { 'a.txt': `old = ${AWS_KEY_ID}\n` }, 'old secret');
    writeFiles(dir, { 'a.txt': `old = ${AWS_KEY_ID}\nnew = ${GITHUB_PAT}\n` });
    git(dir, 'add', '.');
    expect(found(scanJson(['--staged'], { cwd: dir }))).toEqual(['a.txt:2:7:github-pat-classic:staged']);
  });

  it('sees context: a key block whose BEGIN and END lines are unchanged is caught when its body is added', () => {
    const dir = tempRepo();
    commitFiles(dir, { 'id_rsa': '-----BEGIN RSA PRIVATE KEY-----\n-----END RSA PRIVATE KEY-----\n' }, 'empty key');
    writeFiles(dir, { 'id_rsa': `${fakePrivateKey()}\n` });
    git(dir, 'add', '.');
    const r = scanJson(['--staged'], { cwd: dir });
    expect(found(r)).toEqual(['id_rsa:1:1:private-key-pem:staged']);
    expect(r.report!.findings[0].endLine).toBeGreaterThan(3);
  });

  it('reports the new path of a renamed file, and nothing for a pure rename', () => {
    const dir = tempRepo();
    const body = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    commitFiles(dir, { 'old.txt': `k = ${AWS_KEY_ID}\n${body}\n` }, 'base');
    git(dir, 'mv', 'old.txt', 'moved.txt');
    expect(scanJson(['--staged'], { cwd: dir }).status).toBe(0);
    writeFiles(dir, { 'moved.txt': `k = ${AWS_KEY_ID}\n${body}\nt = ${GITHUB_PAT}\n` });
    git(dir, 'add', '.');
    expect(found(scanJson(['--staged'], { cwd: dir }))).toEqual(['moved.txt:22:5:github-pat-classic:staged']);
  });

  it('handles CRLF files: line and column as an editor shows them', () => {
    const dir = tempRepo();
    writeFiles(dir, { 'win.ini': `[aws]\r\nkey=${AWS_KEY_ID}\r\n` });
    git(dir, 'add', '.');
    expect(found(scanJson(['--staged'], { cwd: dir }))).toEqual(['win.ini:2:5:aws-access-key-id:staged']);
  });

  it('handles paths with spaces, quotes, brackets, non-ASCII characters and newlines', () => {
    const dir = tempRepo();
    const names = ['with space.txt', 'quo"te.txt', 'br[ack]et (1).txt', 'ünïcødé 秘密.txt', 'new\nline.txt'];
    writeFiles(dir, Object.fromEntries(names.map((n) => [n, `k = ${AWS_KEY_ID}\n`])));
    git(dir, 'add', '.');
    const r = scanJson(['--staged'], { cwd: dir });
    expect(r.report!.findings.map((f) => f.file).sort()).toEqual([...names].sort());
    expect(r.report!.findings.every((f) => f.line === 1 && f.column === 5)).toBe(true);
  });

  it('exits 0 at once for a deletion-only or mode-only change', () => {
    const dir = tempRepo();
    commitFiles(dir, { 'a.txt': `k = ${AWS_KEY_ID}\n`, 'b.sh': 'echo hi\n' }, 'base');
    git(dir, 'rm', '-q', 'a.txt');
    chmodSync(join(dir, 'b.sh'), 0o755);
    git(dir, 'add', 'b.sh');
    const r = scanJson(['--staged'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.report!.stats.fragments).toBe(0);
  });

  it('lists binary and oversized staged files as skipped', () => {
    const dir = tempRepo();
    writeFiles(dir, { 'img.bin': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]), 'big.txt': `${'x'.repeat(3000)}\nk = ${AWS_KEY_ID}\n` });
    git(dir, 'add', '.');
    const r = scanJson(['--staged', '--max-file-size', '2KB'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.report!.stats.skipped).toEqual([
      { path: 'big.txt', reason: 'larger than the size limit (3.0 KB > 2.0 KB)' },
      { path: 'img.bin', reason: 'binary (NUL byte in the first 8 KB)' },
    ]);
  });

  it('honours GIT_INDEX_FILE: a pre-commit hook refuses `git commit -a` and `git commit <path>`', () => {
    const dir = tempRepo();
    commitFiles(dir, { 'a.txt': 'clean\n', 'b.txt': 'clean\n' }, 'base');
    const hook = join(dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" scan --staged\n`);
    chmodSync(hook, 0o755);

    writeFiles(dir, { 'a.txt': `clean\nk = ${AWS_KEY_ID}\n` }); // modified, not added
    const all = spawnSync('git', ['commit', '-a', '-m', 'sneaky'], { cwd: dir, encoding: 'utf8' });
    expect(all.status).not.toBe(0);
    expect(all.stdout + all.stderr).toContain('a.txt:2:5');
    const named = spawnSync('git', ['commit', 'a.txt', '-m', 'sneaky'], { cwd: dir, encoding: 'utf8' });
    expect(named.status).not.toBe(0);
    expect(git(dir, 'log', '--oneline').trim().split('\n')).toHaveLength(1);

    writeFiles(dir, { 'a.txt': 'clean\nstill clean\n' });
    const ok = spawnSync('git', ['commit', '-a', '-m', 'fine'], { cwd: dir, encoding: 'utf8' });
    expect(ok.status).toBe(0);
  });

  it('is an error outside a repository (exit 2, never clean)', () => {
    const r = runCli(['scan', '--staged'], { cwd: '/' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^leakguard: \/ is not in a git repository/);
  });
});

describe('linked worktrees', () => {
  it('scan --staged and --history work from a linked worktree', () => {
    const dir = tempRepo();
    commitFiles(dir, { 'a.txt': 'x\n' }, 'init');
    const wt = join(tempDir(), 'wt');
    git(dir, 'worktree', 'add', '-q', '-b', 'side', wt);
    writeFiles(wt, { 'side.txt': `k = ${AWS_KEY_ID}\n` });
    git(wt, 'add', '.');
    expect(found(scanJson(['--staged'], { cwd: wt }))).toEqual(['side.txt:1:5:aws-access-key-id:staged']);
    git(wt, 'commit', '-q', '-m', 'side');
    expect(scanJson(['--history'], { cwd: dir }).report!.findings.map((f) => f.file)).toEqual(['side.txt']);
  });
});

describe('RawThenPatch', () => {
  it('splits `git diff --raw -p -z` into its records and its patch however the output is chunked', () => {
    const dir = tempRepo();
    commitFiles(dir, { 'keep.txt': 'a\nb\n', 'old.txt': 'x\ny\nz\n' }, 'base');
    writeFiles(dir, { 'keep.txt': 'a\nB\nc\n', 'new file.txt': 'n\n' });
    git(dir, 'mv', 'old.txt', 'moved.txt');
    git(dir, 'add', '-A');
    const out = spawnSync('git', ['diff', '--cached', '--raw', '-p', '-z', '-U0', '-M', '--no-abbrev'], { cwd: dir }).stdout as Buffer;
    const end = out.indexOf('\0\0');
    expect(end).toBeGreaterThan(0);
    const [raw, patch] = [out.subarray(0, end + 1), out.subarray(end + 2)];
    expect(patch.toString()).toMatch(/^diff --git a\/keep\.txt b\/keep\.txt\n/);
    for (let size = 1; size <= 9; size++) {
      for (let first = 0; first < size; first++) {
        const split = new RawThenPatch();
        const patchParts: Buffer[] = [];
        const cuts = [0, first, ...Array.from({ length: Math.ceil(out.length / size) }, (_, i) => first + (i + 1) * size)];
        for (let i = 0; i + 1 < cuts.length; i++) patchParts.push(split.push(out.subarray(cuts[i], cuts[i + 1])));
        expect(Buffer.concat(split.raw).equals(raw)).toBe(true);
        expect(Buffer.concat(patchParts).equals(patch)).toBe(true);
      }
    }
  });
});
