// Hostile git, part 5: git dying mid-stream, and git missing altogether.
import { chmodSync, existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_KEY_ID, GITHUB_PAT, SLACK_BOT_TOKEN } from '../fixtures/secrets.js';
import { commitFiles, git, runCli, scanJson, tempDir, tempRepo, writeFiles } from '../helpers.js';
import { at, brief, commit, data, fastImport, realGit } from './git-helpers.js';

/**
 * 400 commits of 40 lines each (about 1.5 MB of `git log -p`), a secret in the first commit and
 * one in the last: a stream cut after 100 KB has the first and not the last.
 */
function bigHistory(): { dir: string; first: string; last: string } {
  const dir = tempRepo();
  fastImport(dir, (out) => {
    for (let i = 1; i <= 400; i++) {
      const lines = Array.from({ length: 40 }, (_, j) => `commit ${i} line ${j}: some ordinary text to fill the patch`);
      if (i === 1) lines[5] = `aws_key = ${AWS_KEY_ID}`;
      if (i === 400) lines[7] = `token = ${GITHUB_PAT}`;
      out(`blob\nmark :${i}\n`);
      out(data(`${lines.join('\n')}\n`));
      out(commit('refs/heads/main', 1000 + i, 1_700_000_000 + i, `commit ${i}`, { [`files/f${i}.txt`]: `:${i}` }, i > 1 ? `:${999 + i}` : undefined));
    }
  });
  return { dir, first: git(dir, 'rev-parse', 'main~399').trim(), last: git(dir, 'rev-parse', 'main').trim() };
}

/** A folder holding a `git` that runs the real one, except for the command named, which it sabotages. */
function sabotagedGit(command: string, sabotage: string): string {
  const bin = tempDir();
  const script = join(bin, 'git');
  writeFiles(bin, {
    git: `#!/bin/sh
REAL='${realGit()}'
for arg in "$@"; do
  if [ "$arg" = ${command} ]; then
    ${sabotage}
  fi
done
exec "$REAL" "$@"
`,
  });
  chmodSync(script, 0o755);
  return bin;
}

const withPath = (bin: string) => ({ env: { ...process.env, NO_COLOR: '1', PATH: `${bin}:${process.env.PATH}` } });

describe('git killed or failing mid-stream', () => {
  it('git log killed (SIGKILL) after 100 KB: exit 2, one clear line, no report claiming a clean scan', () => {
    const { dir, first, last } = bigHistory();
    // the control: the whole history has both secrets
    const whole = scanJson(['--history'], { cwd: dir });
    expect(brief(whole.report)).toEqual([
      at('aws-access-key-id', 'files/f1.txt', 6, 11, first, 'history'),
      at('github-pat-classic', 'files/f400.txt', 8, 9, last, 'history'),
    ]);
    // deterministic: the wrapper passes exactly 100,000 bytes, then kills itself
    const bin = sabotagedGit('log', '"$REAL" "$@" | head -c 100000; kill -9 $$');
    const output = join(tempDir(), 'report.json');
    for (const format of ['json', 'text', 'sarif']) {
      const r = runCli(['scan', '--history', '--format', format, '--output', output], { cwd: dir, ...withPath(bin) });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('leakguard: git log was killed (SIGKILL); the scan is incomplete\n');
      expect(existsSync(output)).toBe(false);
    }
    const json = scanJson(['--history'], { cwd: dir, ...withPath(bin) });
    expect(json.status).toBe(2);
    expect(json.stdout).toBe('');
  });

  it('git log exiting 128 with an error mid-stream: exit 2 with git\'s own reason', () => {
    const { dir } = bigHistory();
    const bin = sabotagedGit('log', '"$REAL" "$@" | head -c 100000; echo "error: inflate: data stream error" >&2; echo "fatal: packed object 0123abcd is corrupt" >&2; exit 128');
    const r = scanJson(['--history'], { cwd: dir, ...withPath(bin) });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('leakguard: git log failed (exit 128): fatal: packed object 0123abcd is corrupt; the scan is incomplete\n');
    // a range and a shard read through the same stream
    expect(scanJson(['--range', 'main~399..main'], { cwd: dir, ...withPath(bin) }).status).toBe(2);
    expect(scanJson(['--history', '--shard', '1/2'], { cwd: dir, ...withPath(bin) }).status).toBe(2);
  });

  it('git log killed before writing a byte: exit 2, never "no secrets found"', () => {
    const { dir } = bigHistory();
    const bin = sabotagedGit('log', 'kill -9 $$');
    const r = runCli(['scan', '--history'], { cwd: dir, ...withPath(bin) });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('leakguard: git log was killed (SIGKILL); the scan is incomplete\n');
  });

  it('--staged: git cat-file killed mid-blob, or git diff failing, is exit 2', () => {
    const dir = tempRepo();
    commitFiles(dir, { 'README.md': 'hello\n' }, 'base');
    writeFiles(dir, { 'big.env': `${'x = 1\n'.repeat(20_000)}TOKEN=${GITHUB_PAT}\n` });
    git(dir, 'add', '.');
    expect(brief(scanJson(['--staged'], { cwd: dir }).report)).toEqual([at('github-pat-classic', 'big.env', 20_001, 7, null, 'staged')]);
    const cat = scanJson(['--staged'], { cwd: dir, ...withPath(sabotagedGit('cat-file', '"$REAL" "$@" | head -c 50000; kill -9 $$')) });
    expect(cat.status).toBe(2);
    expect(cat.stdout).toBe('');
    expect(cat.stderr).toBe('leakguard: git cat-file was killed (SIGKILL); the scan is incomplete\n');
    const diff = scanJson(['--staged'], { cwd: dir, ...withPath(sabotagedGit('diff', 'echo "fatal: unable to read index" >&2; exit 128')) });
    expect(diff.status).toBe(2);
    expect(diff.stderr).toBe('leakguard: git diff failed (exit 128): fatal: unable to read index; the scan is incomplete\n');
  });
});

describe('git missing from PATH', () => {
  const NOT_FOUND = 'leakguard: git was not found on PATH: install git (plain file scans work without it)\n';
  /** PATH holding node and nothing else (node and git may share /usr/bin). */
  function noGit(): { env: NodeJS.ProcessEnv } {
    const bin = tempDir();
    symlinkSync(process.execPath, join(bin, 'node'));
    return { env: { ...process.env, NO_COLOR: '1', PATH: bin } };
  }

  it('scan --staged, --history, --range, --merge, install, uninstall, ci and doctor: exit 2, one line', () => {
    const dir = tempRepo();
    commitFiles(dir, { 'a.txt': `k=${AWS_KEY_ID}\n` }, 'one');
    const options = { cwd: dir, ...noGit() };
    for (const args of [
      ['scan', '--staged'],
      ['scan', '--history'],
      ['scan', '--range', 'HEAD~1..HEAD'],
      ['scan', '--merge'],
      ['scan', '--history', '--format', 'json'],
      ['install'],
      ['uninstall'],
      ['ci', '--base', 'HEAD', '--head', 'HEAD'],
      ['doctor'],
      ['hook', 'pre-commit'],
    ]) {
      const r = runCli(args, options);
      expect({ args, status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ args, status: 2, stdout: '', stderr: NOT_FOUND });
    }
  });

  it('a file scan works without git: a named file quietly; a folder in a work tree says .gitignore was not applied', () => {
    const dir = tempRepo();
    commitFiles(dir, { '.gitignore': 'build/\n', 'app.env': `GH=${GITHUB_PAT}\n` }, 'one');
    writeFiles(dir, { 'build/out.txt': `slack ${SLACK_BOT_TOKEN}\n` });
    const options = { cwd: dir, ...noGit() };
    const file = scanJson(['app.env'], options);
    expect(file.status).toBe(1);
    expect(file.stderr).toBe('');
    expect(brief(file.report)).toEqual([at('github-pat-classic', 'app.env', 1, 4, null, 'file')]);
    expect(file.report!.stats.skipped).toEqual([]);
    const folder = scanJson(['.'], options);
    expect(folder.status).toBe(1);
    // without git, what .gitignore would hide is read too — and the report says why
    expect(brief(folder.report)).toEqual([at('github-pat-classic', 'app.env', 1, 4, null, 'file'), at('slack-bot-token', 'build/out.txt', 1, 7, null, 'file')]);
    expect(folder.report!.stats.skipped).toEqual([{ path: '.', reason: '.gitignore not applied: git was not found on PATH' }]);
    // outside any work tree nothing is asked of git, and nothing is said
    const plain = tempDir();
    writeFiles(plain, { 'x.txt': `k=${AWS_KEY_ID}\n` });
    const outside = scanJson(['.'], { cwd: plain, ...noGit() });
    expect(brief(outside.report)).toEqual([at('aws-access-key-id', 'x.txt', 1, 3, null, 'file')]);
    expect(outside.report!.stats.skipped).toEqual([]);
    expect(outside.stderr).toBe('');
  });

  it('scan --message works without git (a commit-msg hook run by a git-less client)', () => {
    const dir = tempDir();
    writeFiles(dir, { MSG: `subject\n\ntoken ${GITHUB_PAT}\n# comment ${AWS_KEY_ID}\n` });
    const r = scanJson(['--message', 'MSG'], { cwd: dir, ...noGit() });
    expect(r.status).toBe(1);
    expect(brief(r.report)).toEqual([at('github-pat-classic', 'MSG', 3, 7, null, 'message')]);
  });
});
