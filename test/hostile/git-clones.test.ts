// Hostile git, part 2: shallow clones and partial (blob-less) clones.
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_KEY_ID, GITHUB_PAT, SLACK_BOT_TOKEN } from '../fixtures/secrets.js';
import { commitFiles, git, runCli, scanJson, tempDir, tempRepo, writeFiles } from '../helpers.js';
import { at, brief } from './git-helpers.js';

/** origin: one (a secret, later deleted) → two (removes it) → three (a secret still there) → four. */
function origin() {
  const dir = tempRepo();
  const one = commitFiles(dir, { 'old.txt': `k=${AWS_KEY_ID}\n`, 'README.md': 'hello\n' }, 'one');
  git(dir, 'rm', '-q', 'old.txt');
  git(dir, 'commit', '-q', '-m', 'two');
  const two = git(dir, 'rev-parse', 'HEAD').trim();
  const three = commitFiles(dir, { 'kept.txt': `t=${GITHUB_PAT}\n` }, 'three');
  const four = commitFiles(dir, { 'README.md': 'hello again\n' }, 'four');
  return { dir, one, two, three, four };
}

function clone(from: string, ...args: string[]): string {
  const dir = tempDir();
  git(dir, 'clone', '-q', ...args, `file://${from}`, '.');
  return dir;
}

describe('a shallow clone', () => {
  it('--history scans the commits it has, finds what they hold, and says the history is cut', () => {
    const o = origin();
    const shallow = clone(o.dir, '--depth', '2');
    const r = scanJson(['--history'], { cwd: shallow });
    expect(r.status).toBe(1);
    // three's secret is in the cut commit's tree: found there; one's deleted secret is beyond the cut
    expect(brief(r.report)).toEqual([at('github-pat-classic', 'kept.txt', 1, 3, o.three, 'history')]);
    expect(r.report!.stats.skipped).toEqual([
      { path: `history before commit ${o.three.slice(0, 12)}`, reason: 'shallow clone: those commits were never fetched, not scanned' },
    ]);
    expect(r.stderr).toBe(
      `leakguard: note: this is a shallow clone: only the commits it has were scanned; history before commit ${o.three.slice(0, 12)} is not in it (git fetch --unshallow, or fetch-depth: 0 in CI, to scan it all)\n`,
    );
  });

  it('--history with nothing found is exit 0 but never silent: the report lists the cut', () => {
    const dir = tempRepo();
    commitFiles(dir, { 'old.txt': `k=${AWS_KEY_ID}\n` }, 'a secret');
    git(dir, 'rm', '-q', 'old.txt');
    git(dir, 'commit', '-q', '-m', 'deleted');
    const clean = commitFiles(dir, { 'README.md': 'clean\n' }, 'clean');
    const shallow = clone(dir, '--depth', '1');
    const r = runCli(['scan', '--history', '--quiet'], { cwd: shallow });
    expect(r.status).toBe(0);
    expect(r.stdout.replace(/ in \d+ ms/, '')).toBe(`leakguard: no secrets found · 2 scanned (10 B) · 1 skipped\n  skipped history before commit ${clean.slice(0, 12)}: shallow clone: those commits were never fetched, not scanned\n`);
    expect(r.stderr).toMatch(/^leakguard: note: this is a shallow clone: only the commits it has were scanned/);
    // the full clone finds what the cut hides: the notice is not idle
    expect(scanJson(['--history'], { cwd: dir }).status).toBe(1);
  });

  it('the pull request\'s secret is still found in a depth-1 clone', () => {
    const o = origin();
    const shallow = clone(o.dir, '--depth', '1');
    const r = scanJson(['--history'], { cwd: shallow });
    expect(r.status).toBe(1);
    expect(brief(r.report)).toEqual([at('github-pat-classic', 'kept.txt', 1, 3, o.four, 'history')]);
  });

  it('--since naming a commit before the cut (or a typo) is exit 2, not an empty "clean" walk', () => {
    const o = origin();
    const shallow = clone(o.dir, '--depth', '2');
    const r = scanJson(['--history', '--since', o.one], { cwd: shallow });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`leakguard: --since "${o.one}" is neither a commit in this repository nor a date (this is a shallow clone: a commit before the cut is not in it)\n`);
    const typo = scanJson(['--history', '--since', 'mian'], { cwd: o.dir });
    expect(typo.status).toBe(2);
    expect(typo.stderr).toBe('leakguard: --since "mian" is neither a commit in this repository nor a date\n');
    // dates still work, as git reads them
    expect(brief(scanJson(['--history', '--since', '2000-01-01'], { cwd: o.dir }).report)).toHaveLength(2);
    expect(brief(scanJson(['--history', '--since', '10 years ago'], { cwd: o.dir }).report)).toHaveLength(2);
  });

  it('--range beyond the cut is exit 2 with the fetch-depth hint; within the cut it works', () => {
    const o = origin();
    const shallow = clone(o.dir, '--depth', '2');
    const beyond = scanJson(['--range', 'HEAD~3..HEAD'], { cwd: shallow });
    expect(beyond.status).toBe(2);
    expect(beyond.stdout).toBe('');
    expect(beyond.stderr).toMatch(/^leakguard: range base "HEAD~3" is not a commit in this repository — this is a shallow clone, fetch more history \(git fetch --unshallow, or fetch-depth: 0 in CI\)\n$/);
    // the base is there, but the range reaches past the cut (the base is not an ancestor the clone has)
    const past = scanJson(['--range', `${o.one}..HEAD`], { cwd: shallow });
    expect(past.status).toBe(2);
    expect(past.stderr).toMatch(/fetch-depth: 0/);
    const within = scanJson(['--range', 'HEAD~1..HEAD'], { cwd: shallow });
    expect(within.status).toBe(0);
    expect(brief(within.report)).toEqual([]);
  });
});

describe('a partial clone (--filter=blob:none)', () => {
  function partialOrigin() {
    const o = origin();
    git(o.dir, 'config', 'uploadpack.allowFilter', 'true');
    git(o.dir, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
    return o;
  }

  it('--history fetches the blobs it lacks and finds the secret only an old, deleted blob holds', () => {
    const o = partialOrigin();
    const partial = clone(o.dir, '--filter=blob:none');
    expect(git(partial, 'config', 'remote.origin.promisor').trim()).toBe('true');
    const r = scanJson(['--history'], { cwd: partial });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(brief(r.report)).toEqual([
      at('aws-access-key-id', 'old.txt', 1, 3, o.one, 'history'),
      at('github-pat-classic', 'kept.txt', 1, 3, o.three, 'history'),
    ]);
  });

  it('with the origin gone, --history is exit 2 naming the partial clone, never a clean exit 0', () => {
    const o = partialOrigin();
    const partial = clone(o.dir, '--filter=blob:none');
    const moved = join(tempDir(), 'elsewhere');
    renameSync(o.dir, moved);
    const r = scanJson(['--history'], { cwd: partial });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^leakguard: this is a partial clone and \d+ file versions? the history needs (is|are) not in it; origin could not provide (it|them) \(.+\): run the scan where origin can be reached, or in a full clone\n$/);
    const branch = scanJson(['--history', '--branch', o.one], { cwd: partial });
    expect(branch.status).toBe(2);
    // old.txt and the first README.md: neither is checked out, neither was fetched
    expect(branch.stderr).toMatch(/^leakguard: this is a partial clone and 2 file versions the history needs are not in it; origin could not provide them/);
    // a range whose deleted lines live in a blob it never fetched: git's own lazy fetch fails, and says so
    const range = scanJson(['--range', `${o.one}..${o.two}`], { cwd: partial });
    expect(range.status).toBe(2);
    expect(range.stdout).toBe('');
    expect(range.stderr).toMatch(/^leakguard: git log failed \(exit 128\): fatal: could not fetch [0-9a-f]{40} from promisor remote; the scan is incomplete\n$/);
  });

  it('with the origin gone, what the checkout has is still scanned (scan ., --staged)', () => {
    const o = partialOrigin();
    const partial = clone(o.dir, '--filter=blob:none');
    renameSync(o.dir, join(tempDir(), 'elsewhere'));
    const files = scanJson(['.'], { cwd: partial });
    expect(files.status).toBe(1);
    expect(brief(files.report)).toEqual([at('github-pat-classic', 'kept.txt', 1, 3, null, 'file')]);
    writeFiles(partial, { 'README.md': `hello again\nslack ${SLACK_BOT_TOKEN}\n` });
    git(partial, 'add', 'README.md');
    const staged = scanJson(['--staged'], { cwd: partial });
    expect(staged.status).toBe(1);
    expect(brief(staged.report)).toEqual([at('slack-bot-token', 'README.md', 2, 7, null, 'staged')]);
  });
});
