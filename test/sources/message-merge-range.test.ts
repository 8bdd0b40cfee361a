import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_KEY_ID, GITHUB_PAT, SLACK_BOT_TOKEN } from '../fixtures/secrets.js';
import { CLI, commitFiles, git, runCli, scanJson, tempDir, tempRepo, writeFiles } from '../helpers.js';

const brief = (r: ReturnType<typeof scanJson>) =>
  r.report!.findings.map((f) => ({ rule: f.ruleId, file: f.file, line: f.line, commit: f.commit, source: f.source }));

function installHook(dir: string, name: string, args: string) {
  const hook = join(dir, '.git', 'hooks', name);
  writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" scan ${args}\n`);
  chmodSync(hook, 0o755);
}

describe('scan --message', () => {
  it('drops comment lines and everything below the scissors line, and gives the message line', () => {
    const dir = tempRepo();
    writeFiles(dir, {
      MSG: [
        'Fix the deploy script',
        '',
        `The old token ${SLACK_BOT_TOKEN} is gone.`,
        `# a comment: ${GITHUB_PAT}`,
        '# ------------------------ >8 ------------------------',
        `diff below the scissors: ${AWS_KEY_ID}`,
      ].join('\n'),
    });
    const r = scanJson(['--message', 'MSG'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(brief(r)).toEqual([{ rule: 'slack-bot-token', file: 'MSG', line: 3, commit: null, source: 'message' }]);
  });

  it('honours core.commentChar', () => {
    const dir = tempRepo();
    git(dir, 'config', 'core.commentChar', ';');
    writeFiles(dir, { MSG: `subject\n; ${GITHUB_PAT}\n# ${AWS_KEY_ID}\n` });
    expect(brief(scanJson(['--message', 'MSG'], { cwd: dir })).map((f) => [f.rule, f.line])).toEqual([['aws-access-key-id', 3]]);
  });

  it('refuses a commit from a commit-msg hook, and a missing file is exit 2', () => {
    const dir = tempRepo();
    installHook(dir, 'commit-msg', '--message "$1"');
    writeFiles(dir, { 'a.txt': 'x\n' });
    git(dir, 'add', '.');
    const refused = spawnSync('git', ['commit', '-m', `deploy with ${GITHUB_PAT}`], { cwd: dir, encoding: 'utf8' });
    expect(refused.status).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('github-pat-classic');
    expect(spawnSync('git', ['commit', '-q', '-m', 'clean message'], { cwd: dir }).status).toBe(0);
    const missing = runCli(['scan', '--message', 'nope.txt'], { cwd: dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^leakguard: cannot read the commit message nope\.txt/);
  });
});

describe('scan --merge', () => {
  function conflicted() {
    const dir = tempRepo();
    commitFiles(dir, { 'conf.ini': 'a\nvalue = base\nc\n' }, 'init');
    git(dir, 'checkout', '-q', '-b', 'feature/login');
    commitFiles(dir, { 'conf.ini': 'a\nvalue = feature\nc\n', 'login.ts': `const t = "${GITHUB_PAT}";\n` }, 'feature');
    git(dir, 'checkout', '-q', 'main');
    commitFiles(dir, { 'conf.ini': 'a\nvalue = main\nc\n' }, 'main');
    return dir;
  }

  it('a pre-merge-commit hook refuses a clean merge that brings a secret in, naming the branch', () => {
    const dir = tempRepo();
    commitFiles(dir, { 'a.txt': 'x\n' }, 'init');
    git(dir, 'checkout', '-q', '-b', 'topic');
    commitFiles(dir, { 'b.txt': `k=${AWS_KEY_ID}\n` }, 'topic');
    git(dir, 'checkout', '-q', 'main');
    commitFiles(dir, { 'c.txt': 'main moves on\n' }, 'main');
    installHook(dir, 'pre-merge-commit', '--merge --format json');
    const merge = spawnSync('git', ['merge', '--no-ff', '-m', 'merge topic', 'topic'], { cwd: dir, encoding: 'utf8' });
    expect(merge.status).not.toBe(0);
    // git hands a hook's standard output to its own standard error
    const report = JSON.parse(merge.stderr.slice(merge.stderr.indexOf('{'), merge.stderr.lastIndexOf('}') + 1));
    expect(report.findings.map((f: { ruleId: string; file: string; source: string; branch: string }) => [f.ruleId, f.file, f.source, f.branch])).toEqual([
      ['aws-access-key-id', 'b.txt', 'merge', 'topic'],
    ]);
  });

  it('finds content that appears only in a conflict resolution, when the merge is concluded with git commit', () => {
    const dir = conflicted();
    expect(spawnSync('git', ['merge', '-q', 'feature/login'], { cwd: dir }).status).not.toBe(0);
    writeFiles(dir, { 'conf.ini': `a\nvalue = ${AWS_KEY_ID}\nc\n` });
    git(dir, 'add', '.');
    for (const mode of ['--merge', '--staged']) {
      const r = scanJson([mode], { cwd: dir });
      expect(r.report!.findings.map((f) => [f.ruleId, f.file, f.line, f.source, (f as { branch?: string }).branch]).sort()).toEqual([
        ['aws-access-key-id', 'conf.ini', 2, 'merge', 'feature/login'],
        ['github-pat-classic', 'login.ts', 1, 'merge', 'feature/login'],
      ]);
    }
  });

  it('is an error when no merge is in progress', () => {
    const dir = tempRepo();
    commitFiles(dir, { 'a.txt': 'x\n' }, 'init');
    const r = runCli(['scan', '--merge'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no merge is in progress/);
  });
});

describe('scan --range', () => {
  function branches() {
    const dir = tempRepo();
    const root = commitFiles(dir, { 'root.txt': `root=${SLACK_BOT_TOKEN}\n` }, 'root');
    const base = commitFiles(dir, { 'base.txt': `k=${AWS_KEY_ID}\n` }, 'base');
    git(dir, 'checkout', '-q', '-b', 'pr');
    const pr1 = commitFiles(dir, { 'pr.txt': `t=${GITHUB_PAT}\n` }, `pr one`);
    const pr2 = commitFiles(dir, { 'pr2.txt': 'clean\n' }, `pr two mentions ${AWS_KEY_ID}`);
    git(dir, 'checkout', '-q', 'main');
    const mainMoved = commitFiles(dir, { 'main.txt': `m=${AWS_KEY_ID.replace('LQRW', 'MNOP')}\n` }, 'main moves');
    return { dir, root, base, pr1, pr2, mainMoved };
  }

  it('BASE..HEAD scans exactly the commits of the range, messages included', () => {
    const { dir, pr1, pr2 } = branches();
    const r = scanJson(['--range', 'main..pr'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(brief(r)).toEqual([
      { rule: 'github-pat-classic', file: 'pr.txt', line: 1, commit: pr1, source: 'range' },
      { rule: 'aws-access-key-id', file: null, line: 1, commit: pr2, source: 'message' },
    ]);
  });

  it('BASE...HEAD starts from the merge base', () => {
    const { dir, base, pr1 } = branches();
    expect(brief(scanJson(['--range', `${base}...pr`], { cwd: dir })).map((f) => f.commit)).toEqual([pr1, expect.any(String)]);
    expect(brief(scanJson(['--range', 'pr...main'], { cwd: dir })).map((f) => f.file)).toEqual(['main.txt']);
  });

  it('a range that starts at the root commit', () => {
    const { dir, root } = branches();
    const emptyTreeRange = scanJson(['--range', `${root}..main`], { cwd: dir });
    expect(emptyTreeRange.report!.findings.map((f) => f.file)).toEqual(['base.txt', 'main.txt']);
  });

  it('a bad revision and a shallow clone that lacks the range are exit 2', () => {
    const { dir } = branches();
    const bad = runCli(['scan', '--range', 'main..nope'], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('leakguard: range head "nope" is not a commit in this repository\n');
    expect(runCli(['scan', '--range', 'main'], { cwd: dir }).status).toBe(2);

    const clone = tempDir();
    git(clone, 'clone', '-q', '--depth', '1', '--branch', 'pr', `file://${dir}`, '.');
    const shallow = runCli(['scan', '--range', 'HEAD~2..HEAD'], { cwd: clone });
    expect(shallow.status).toBe(2);
    expect(shallow.stderr).toMatch(/shallow clone/);
    git(clone, 'fetch', '-q', '--depth', '2', 'origin', 'pr');
    const cut = runCli(['scan', '--range', 'HEAD~1..HEAD'], { cwd: clone });
    expect(cut.status).toBe(1); // HEAD~1 is there now, and the range is whole
  });
});
