// Hostile git, part 3: submodules (gitlinks) and linked worktrees.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_KEY_ID, GITHUB_PAT, SLACK_BOT_TOKEN } from '../fixtures/secrets.js';
import { LineSplitter } from '../../src/git/git-stream.js';
import { PatchParser, type FilePatch } from '../../src/git/patch-parser.js';
import { CLI, commitFiles, git, scanJson, tempDir, tempRepo, writeFiles } from '../helpers.js';
import { at, brief } from './git-helpers.js';

const SUBMODULE_SKIP = 'submodule: its content is another repository, not scanned here (scan it separately)';

/** A superproject with vendor/lib as a submodule whose own history holds a secret. */
function withSubmodule() {
  const lib = tempRepo();
  const libSecret = commitFiles(lib, { 'lib.env': `TOKEN=${GITHUB_PAT}\n`, '.gitignore': 'build/\n' }, 'lib with a token');
  const dir = tempRepo();
  const base = commitFiles(dir, { 'README.md': 'super\n' }, 'base');
  git(dir, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', `file://${lib}`, 'vendor/lib');
  git(dir, 'commit', '-q', '-m', 'add the submodule');
  const added = git(dir, 'rev-parse', 'HEAD').trim();
  return { lib, libSecret, dir, base, added };
}

describe('submodules', () => {
  it('scan . does not descend into a submodule silently: it is listed, and named outright it is scanned', () => {
    const s = withSubmodule();
    writeFiles(s.dir, { 'vendor/lib/build/out.txt': `ignored by the submodule ${AWS_KEY_ID}\n`, 'top.txt': `slack ${SLACK_BOT_TOKEN}\n` });
    const r = scanJson(['.'], { cwd: s.dir });
    expect(r.status).toBe(1);
    expect(brief(r.report)).toEqual([at('slack-bot-token', 'top.txt', 1, 7, null, 'file')]);
    expect(r.report!.stats.skipped).toEqual([
      { path: 'vendor/lib/', reason: 'submodule or nested repository: not descended into (scan it separately: leakguard scan vendor/lib)' },
    ]);
    // scanned on its own, its .gitignore applies (build/ is skipped) and its secret is found
    const sub = scanJson(['vendor/lib'], { cwd: s.dir });
    expect(sub.status).toBe(1);
    expect(brief(sub.report)).toEqual([at('github-pat-classic', 'vendor/lib/lib.env', 1, 7, null, 'file')]);
    expect(sub.report!.stats.skipped).toEqual([{ path: 'vendor/lib/build/', reason: 'ignored by .gitignore' }]);
    // --no-git asks nothing of git: everything on disk is read
    const raw = scanJson(['.', '--no-git'], { cwd: s.dir });
    expect(brief(raw.report).map((f) => f.split(' ')[1])).toEqual(['top.txt:1:7', 'vendor/lib/build/out.txt:1:26', 'vendor/lib/lib.env:1:7']);
  });

  it('a repository cloned inside the work tree (not a submodule) is treated the same', () => {
    const inner = tempRepo();
    commitFiles(inner, { 'creds.txt': `k=${AWS_KEY_ID}\n` }, 'inner');
    const dir = tempRepo();
    commitFiles(dir, { 'README.md': 'outer\n' }, 'outer');
    git(dir, 'clone', '-q', inner, 'nested');
    const r = scanJson(['.'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.report!.stats.skipped).toEqual([
      { path: 'nested/', reason: 'submodule or nested repository: not descended into (scan it separately: leakguard scan nested)' },
    ]);
  });

  it('--history with gitlink changes does not crash and lists each submodule once', () => {
    const s = withSubmodule();
    const next = commitFiles(s.lib, { 'more.txt': 'more\n' }, 'lib: more');
    git(join(s.dir, 'vendor/lib'), 'fetch', '-q');
    git(join(s.dir, 'vendor/lib'), 'checkout', '-q', next);
    git(s.dir, 'add', 'vendor/lib');
    git(s.dir, 'commit', '-q', '-m', 'bump the submodule');
    const top = commitFiles(s.dir, { 'app.cfg': `aws=${AWS_KEY_ID}\n` }, 'a secret of our own');
    const r = scanJson(['--history'], { cwd: s.dir });
    expect(r.status).toBe(1);
    expect(brief(r.report)).toEqual([at('aws-access-key-id', 'app.cfg', 1, 5, top, 'history')]);
    expect(r.report!.stats.skipped).toEqual([{ path: 'vendor/lib', reason: SUBMODULE_SKIP }]);
    // and the submodule's own history, scanned separately, has its secret
    const own = scanJson(['--history'], { cwd: join(s.dir, 'vendor/lib') });
    expect(brief(own.report)).toEqual([at('github-pat-classic', 'lib.env', 1, 7, s.libSecret, 'history')]);
  });

  it('--history reads a merge that resolves a submodule conflict (a combined diff names no modes)', () => {
    const s = withSubmodule();
    // three diverging lib commits: git cannot merge the submodule by fast-forwarding
    const libCommits = [1, 2, 3].map((i) => {
      git(s.lib, 'checkout', '-q', '-b', `lib-${i}`, s.libSecret);
      return commitFiles(s.lib, { 'n.txt': `${i}\n` }, `lib ${i}`);
    });
    const sub = join(s.dir, 'vendor/lib');
    git(sub, 'fetch', '-q');
    const moveTo = (sha: string, message: string) => {
      git(sub, 'checkout', '-q', sha);
      git(s.dir, 'add', 'vendor/lib');
      git(s.dir, 'commit', '-q', '-m', message);
    };
    git(s.dir, 'checkout', '-q', '-b', 'feature');
    moveTo(libCommits[0], 'feature moves the submodule');
    git(s.dir, 'checkout', '-q', 'main');
    moveTo(libCommits[1], 'main moves it elsewhere');
    expect(spawnSync('git', ['merge', '-q', 'feature'], { cwd: s.dir }).status).not.toBe(0);
    moveTo(libCommits[2], 'merge: a third commit');
    const merge = git(s.dir, 'rev-parse', 'HEAD').trim();
    const cc = spawnSync('git', ['log', '-1', '-p', '--cc', '--format=', merge], { cwd: s.dir }).stdout as Buffer;
    expect(cc.toString()).toMatch(/^diff --cc vendor\/lib\n/);
    const files: FilePatch[] = [];
    const parser = new PatchParser((f) => files.push(f));
    const lines = new LineSplitter();
    lines.push(cc, (l) => parser.line(l));
    lines.end((l) => parser.line(l));
    parser.flush();
    expect(files.map((f) => [f.newPath, f.submodule])).toEqual([['vendor/lib', true]]);

    const r = scanJson(['--history'], { cwd: s.dir });
    expect(r.status).toBe(0);
    expect(r.report!.stats.skipped).toEqual([{ path: 'vendor/lib', reason: SUBMODULE_SKIP }]);
    expect((r.report!.stats as { commits?: number }).commits).toBe(5);
  });

  it('--staged with a submodule added or moved says it is not scanned, and scans the rest', () => {
    const lib = tempRepo();
    commitFiles(lib, { 'lib.env': `TOKEN=${GITHUB_PAT}\n` }, 'lib');
    const dir = tempRepo();
    commitFiles(dir, { 'README.md': 'super\n' }, 'base');
    git(dir, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', `file://${lib}`, 'vendor/lib');
    writeFiles(dir, { 'conf.ini': `key=${AWS_KEY_ID}\n` });
    git(dir, 'add', 'conf.ini');
    const r = scanJson(['--staged'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(brief(r.report)).toEqual([at('aws-access-key-id', 'conf.ini', 1, 5, null, 'staged')]);
    expect(r.report!.stats.skipped).toEqual([{ path: 'vendor/lib', reason: SUBMODULE_SKIP }]);
  });
});

describe('linked worktrees (git worktree add)', () => {
  function worktree() {
    const dir = tempRepo();
    const base = commitFiles(dir, { 'README.md': 'main\n' }, 'base');
    const wt = join(tempDir(), 'linked');
    git(dir, 'worktree', 'add', '-q', '-b', 'side', wt);
    return { dir, base, wt };
  }

  it('--staged from inside the linked worktree sees its own index', () => {
    const { dir, wt } = worktree();
    writeFiles(wt, { 'side.env': `GH=${GITHUB_PAT}\n` });
    git(wt, 'add', 'side.env');
    const r = scanJson(['--staged'], { cwd: wt });
    expect(r.status).toBe(1);
    expect(brief(r.report)).toEqual([at('github-pat-classic', 'side.env', 1, 4, null, 'staged')]);
    // the main worktree's index has nothing staged
    expect(scanJson(['--staged'], { cwd: dir }).status).toBe(0);
  });

  it('--history from the linked worktree covers both worktrees\' branches', () => {
    const { dir, wt } = worktree();
    const onSide = commitFiles(wt, { 'side.txt': `t=${SLACK_BOT_TOKEN}\n` }, 'side');
    const onMain = commitFiles(dir, { 'main.txt': `k=${AWS_KEY_ID}\n` }, 'main');
    const r = scanJson(['--history'], { cwd: wt });
    expect(r.status).toBe(1);
    expect(brief(r.report).sort()).toEqual([at('aws-access-key-id', 'main.txt', 1, 3, onMain, 'history'), at('slack-bot-token', 'side.txt', 1, 3, onSide, 'history')].sort());
  });

  it('--merge from the linked worktree, while a conflicted merge there is concluded', () => {
    const { dir, wt } = worktree();
    commitFiles(dir, { 'conf.ini': 'value = main\n' }, 'main');
    commitFiles(wt, { 'conf.ini': 'value = side\n' }, 'side');
    const merge = spawnSync('git', ['merge', '-q', 'main'], { cwd: wt });
    expect(merge.status).not.toBe(0);
    writeFiles(wt, { 'conf.ini': `value = ${AWS_KEY_ID}\n` });
    git(wt, 'add', 'conf.ini');
    const r = scanJson(['--merge'], { cwd: wt });
    expect(r.status).toBe(1);
    expect(brief(r.report)).toEqual([at('aws-access-key-id', 'conf.ini', 1, 9, null, 'merge')]);
    expect((r.report!.findings[0] as { branch?: string }).branch).toBe('main');
    // the main worktree is not merging
    expect(scanJson(['--merge'], { cwd: dir }).status).toBe(2);
  });

  it('the pre-merge-commit hook, installed from the linked worktree, refuses a merge there', () => {
    const { dir, wt } = worktree();
    const install = spawnSync(process.execPath, [CLI, 'install', '--git'], { cwd: wt, encoding: 'utf8' });
    expect(install.status).toBe(0);
    expect(install.stdout).toContain(join(dir, '.git', 'hooks')); // the common git dir, shared by every worktree
    commitFiles(dir, { 'leak.txt': `k=${AWS_KEY_ID}\n` }, 'a secret on main');
    commitFiles(wt, { 'other.txt': 'x\n' }, 'side');
    const merge = spawnSync('git', ['merge', '--no-edit', 'main'], { cwd: wt, encoding: 'utf8' });
    expect(merge.status).not.toBe(0);
    expect(merge.stderr).toMatch(/leak\.txt:1:3/);
    expect(git(wt, 'log', '-1', '--format=%s').trim()).toBe('side');
  });

  it('a shallow clone\'s linked worktree finds the shallow file in the common dir', () => {
    const origin = tempRepo();
    commitFiles(origin, { 'a.txt': `k=${AWS_KEY_ID}\n` }, 'one');
    commitFiles(origin, { 'b.txt': 'two\n' }, 'two');
    const clone = tempDir();
    git(clone, 'clone', '-q', '--depth', '1', `file://${origin}`, '.');
    const wt = join(tempDir(), 'linked');
    git(clone, 'worktree', 'add', '-q', '-b', 'side', wt);
    const r = scanJson(['--history'], { cwd: wt });
    expect(r.stderr).toMatch(/^leakguard: note: this is a shallow clone/);
    expect(r.report!.stats.skipped).toHaveLength(1);
    const range = scanJson(['--range', 'HEAD~1..HEAD'], { cwd: wt });
    expect(range.status).toBe(2);
  });
});
