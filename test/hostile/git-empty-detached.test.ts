// Hostile git, part 1: a repository with no commits at all, and a detached HEAD.
import { describe, expect, it } from 'vitest';
import { AWS_KEY_ID, GITHUB_PAT, SLACK_BOT_TOKEN } from '../fixtures/secrets.js';
import { commitFiles, git, runCli, scanJson, tempRepo, writeFiles } from '../helpers.js';
import { at, brief } from './git-helpers.js';

describe('an empty repository (no commits, HEAD unborn)', () => {
  it('scan --history is clean, exit 0, and says there is nothing to scan', () => {
    const dir = tempRepo();
    const r = scanJson(['--history'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(brief(r.report)).toEqual([]);
    expect(r.stderr).toBe('leakguard: note: the repository has no commits yet: there is no history to scan\n');
    const text = runCli(['scan', '--history'], { cwd: dir });
    expect(text.status).toBe(0);
    expect(text.stderr).toMatch(/no commits yet/);
  });

  it('scan --staged finds a secret in the first file ever staged', () => {
    const dir = tempRepo();
    writeFiles(dir, { 'first.env': `# first file\nTOKEN=${GITHUB_PAT}\n` });
    git(dir, 'add', 'first.env');
    const r = scanJson(['--staged'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(brief(r.report)).toEqual([at('github-pat-classic', 'first.env', 2, 7, null, 'staged')]);
    expect(r.stderr).toBe('');
  });

  it('scan --range with an unborn HEAD is exit 2, one line saying there are no commits', () => {
    const dir = tempRepo();
    for (const range of ['HEAD~1..HEAD', 'main..HEAD', 'main...HEAD']) {
      const r = scanJson(['--range', range], { cwd: dir });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^leakguard: range base "[^"]+" is not a commit in this repository: the repository has no commits yet\n$/);
    }
  });

  it('scan --history --branch and scan --merge are clear errors, not clean', () => {
    const dir = tempRepo();
    const branch = runCli(['scan', '--history', '--branch', 'main'], { cwd: dir });
    expect(branch.status).toBe(2);
    expect(branch.stderr).toBe('leakguard: --branch "main" is not a commit in this repository: the repository has no commits yet\n');
    const merge = runCli(['scan', '--merge'], { cwd: dir });
    expect(merge.status).toBe(2);
    expect(merge.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('ci in a repository with no commits is exit 2 asking whether it was checked out', () => {
    const dir = tempRepo();
    const r = runCli(['ci', '--base', 'HEAD~1', '--head', 'HEAD'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^leakguard: ci: the repository at .+ has no commits: was it checked out\?\n$/);
  });

  it('scan . works, with and without files', () => {
    const dir = tempRepo();
    const clean = scanJson(['.'], { cwd: dir });
    expect(clean.status).toBe(0);
    expect(clean.report!.stats.fragments).toBe(0);
    writeFiles(dir, { 'untracked/key.txt': `aws ${AWS_KEY_ID}\n` });
    const r = scanJson(['.'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(brief(r.report)).toEqual([at('aws-access-key-id', 'untracked/key.txt', 1, 5, null, 'file')]);
  });

  it('an orphan branch checked out beside other branches still has a history', () => {
    const dir = tempRepo();
    const first = commitFiles(dir, { 'a.txt': `t=${SLACK_BOT_TOKEN}\n` }, 'on main');
    git(dir, 'checkout', '-q', '--orphan', 'fresh');
    const r = scanJson(['--history'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(brief(r.report)).toEqual([at('slack-bot-token', 'a.txt', 1, 3, first, 'history')]);
    expect(r.stderr).toBe('');
  });
});

describe('a detached HEAD', () => {
  /** main: base → secret → tip; HEAD detached at the secret commit. */
  function detached() {
    const dir = tempRepo();
    const base = commitFiles(dir, { 'README.md': 'hello\n' }, 'base');
    const secret = commitFiles(dir, { 'deploy.sh': `export GH=${GITHUB_PAT}\n` }, 'secret');
    const tip = commitFiles(dir, { 'README.md': 'hello again\n' }, 'tip');
    git(dir, 'checkout', '-q', '--detach', secret);
    return { dir, base, secret, tip };
  }

  it('--staged works and reports the staged line', () => {
    const { dir } = detached();
    writeFiles(dir, { 'deploy.sh': `export GH=${GITHUB_PAT}\nexport AWS=${AWS_KEY_ID}\n` });
    git(dir, 'add', 'deploy.sh');
    const r = scanJson(['--staged'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(brief(r.report)).toEqual([at('aws-access-key-id', 'deploy.sh', 2, 12, null, 'staged')]);
  });

  it('--history covers a commit made on the detached HEAD (reachable from no branch)', () => {
    const { dir, secret } = detached();
    const loose = commitFiles(dir, { 'detached.txt': `aws=${AWS_KEY_ID}\n` }, 'on a detached HEAD');
    const r = scanJson(['--history'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(brief(r.report)).toEqual([
      at('github-pat-classic', 'deploy.sh', 1, 11, secret, 'history'),
      at('aws-access-key-id', 'detached.txt', 1, 5, loose, 'history'),
    ]);
    expect(r.stderr).toBe('');
  });

  it('--range with HEAD detached, both ways round', () => {
    const { dir, base, secret, tip } = detached();
    const r = scanJson(['--range', `${base}..HEAD`], { cwd: dir });
    expect(r.status).toBe(1);
    expect(brief(r.report)).toEqual([at('github-pat-classic', 'deploy.sh', 1, 11, secret, 'range')]);
    const after = scanJson(['--range', `HEAD..${tip}`], { cwd: dir });
    expect(after.status).toBe(0);
    expect((after.report!.stats as { commits?: number }).commits).toBe(1);
    const three = scanJson(['--range', 'main...HEAD'], { cwd: dir });
    expect(three.status).toBe(0); // HEAD is an ancestor of main: the merge base is HEAD itself
  });
});
