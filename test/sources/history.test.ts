import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { AWS_KEY_ID, GITHUB_PAT, SLACK_BOT_TOKEN } from '../fixtures/secrets.js';
import { CLI, commitFiles, git, runCli, scanJson, tempDir, tempRepo, writeFiles } from '../helpers.js';

type Report = NonNullable<ReturnType<typeof scanJson>['report']>;
const history = (dir: string, ...extra: string[]) => scanJson(['--history', '--no-redact', ...extra], { cwd: dir });
const brief = (report: Report) => report.findings.map((f) => ({ rule: f.ruleId, file: f.file, line: f.line, commit: f.commit, source: f.source }));

describe('scan --history', () => {
  it('finds a secret in the first commit, with commit, author and date', () => {
    const dir = tempRepo();
    const first = commitFiles(dir, { 'app/config.ts': `export const k = "${AWS_KEY_ID}";\n` }, 'first');
    const r = history(dir);
    expect(r.status).toBe(1);
    expect(brief(r.report!)).toEqual([{ rule: 'aws-access-key-id', file: 'app/config.ts', line: 1, commit: first, source: 'history' }]);
    const f = r.report!.findings[0];
    expect(f.author).toBe('Test <test@example.com>');
    expect(f.date).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(f.secret).toBe(AWS_KEY_ID);
    expect(f.column).toBe(19);
  });

  it('finds a secret that was added and later deleted (a staged scan of the deletion does not)', () => {
    const dir = tempRepo();
    commitFiles(dir, { 'README.md': 'hello\n' }, 'init');
    const added = commitFiles(dir, { 'deploy.sh': `export GH=${GITHUB_PAT}\n` }, 'add');
    git(dir, 'rm', '-q', 'deploy.sh');
    expect(scanJson(['--staged'], { cwd: dir }).status).toBe(0);
    git(dir, 'commit', '-q', '-m', 'remove');
    const r = history(dir);
    expect(brief(r.report!)).toEqual([{ rule: 'github-pat-classic', file: 'deploy.sh', line: 1, commit: added, source: 'history' }]);
    expect(r.report!.findings[0]).toMatchObject({ laterCommits: 0 });
  });

  it('reports a secret kept through 40 commits once, at the first, counting the later ones', () => {
    const dir = tempRepo();
    const first = commitFiles(dir, { 'settings.py': `KEY = "${AWS_KEY_ID}"\ncounter = 0\n` }, 'c0');
    for (let i = 1; i < 40; i++) commitFiles(dir, { 'settings.py': `KEY = "${AWS_KEY_ID}"\ncounter = ${i}\n` }, `c${i}`);
    git(dir, 'mv', 'settings.py', 'conf.py');
    git(dir, 'commit', '-q', '-m', 'rename');
    const r = history(dir);
    expect(brief(r.report!)).toEqual([{ rule: 'aws-access-key-id', file: 'settings.py', line: 1, commit: first, source: 'history' }]);
    expect(r.report!.findings[0]).toMatchObject({ laterCommits: 40 });
  });

  it('handles renames, CRLF files and odd paths', () => {
    const dir = tempRepo();
    const body = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    commitFiles(dir, { 'a.txt': `${body}\n` }, 'base');
    git(dir, 'mv', 'a.txt', 'b [renamed] ü.txt');
    writeFiles(dir, { 'b [renamed] ü.txt': `${body}\nk = ${AWS_KEY_ID}\n`, 'new\nline.ini': `[x]\r\ntoken=${GITHUB_PAT}\r\n` });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'rename and add');
    const r = history(dir);
    expect(r.report!.findings.map((f) => `${f.file}:${f.line}:${f.column}:${f.ruleId}`).sort()).toEqual([
      'b [renamed] ü.txt:21:5:aws-access-key-id',
      'new\nline.ini:2:7:github-pat-classic',
    ]);
  });

  it('finds a secret only in a commit message', () => {
    const dir = tempRepo();
    commitFiles(dir, { 'a.txt': 'x\n' }, 'init');
    const c = commitFiles(dir, { 'a.txt': 'y\n' }, `fix deploy\n\nused token ${SLACK_BOT_TOKEN} to test`);
    const r = history(dir);
    expect(brief(r.report!)).toEqual([{ rule: 'slack-bot-token', file: null, line: 3, commit: c, source: 'message' }]);
  });

  it('walks every ref: a branch never merged, and a commit reachable only from a tag', () => {
    const dir = tempRepo();
    commitFiles(dir, { 'a.txt': 'x\n' }, 'init');
    git(dir, 'checkout', '-q', '-b', 'experiment');
    const onBranch = commitFiles(dir, { 'exp.txt': `k=${AWS_KEY_ID}\n` }, 'experiment');
    git(dir, 'checkout', '-q', '--detach', 'main');
    const tagged = commitFiles(dir, { 'rel.txt': `t=${GITHUB_PAT}\n` }, 'release build');
    git(dir, 'tag', 'v1.0', tagged);
    git(dir, 'checkout', '-q', 'main');
    const r = history(dir);
    expect(brief(r.report!).map((f) => [f.file, f.commit]).sort()).toEqual([['exp.txt', onBranch], ['rel.txt', tagged]].sort());
    // narrowed to one branch, the others are not walked
    expect(brief(history(dir, '--branch', 'main').report!)).toEqual([]);
    expect(brief(history(dir, '--branch', 'experiment').report!).map((f) => f.commit)).toEqual([onBranch]);
  });

  it('finds secrets through fast-forward and --no-ff merges, at the commit that added them', () => {
    const dir = tempRepo();
    commitFiles(dir, { 'a.txt': 'x\n' }, 'init');
    git(dir, 'checkout', '-q', '-b', 'ff');
    const ff = commitFiles(dir, { 'ff.txt': `k=${AWS_KEY_ID}\n` }, 'ff work');
    git(dir, 'checkout', '-q', 'main');
    git(dir, 'merge', '-q', '--ff-only', 'ff');
    git(dir, 'checkout', '-q', '-b', 'noff');
    const noff = commitFiles(dir, { 'noff.txt': `t=${GITHUB_PAT}\n` }, 'noff work');
    git(dir, 'checkout', '-q', 'main');
    git(dir, 'merge', '-q', '--no-ff', '-m', 'merge noff', 'noff');
    git(dir, 'branch', '-q', '-D', 'ff', 'noff');
    const r = history(dir);
    expect(brief(r.report!).map((f) => [f.file, f.commit])).toEqual([['ff.txt', ff], ['noff.txt', noff]]);
  });

  it('finds a secret that exists only in a conflict resolution, at the merge commit', () => {
    const dir = tempRepo();
    commitFiles(dir, { 'conf.ini': 'a\nvalue = base\nc\n' }, 'init');
    git(dir, 'checkout', '-q', '-b', 'feature');
    commitFiles(dir, { 'conf.ini': 'a\nvalue = feature\nc\n' }, 'feature');
    git(dir, 'checkout', '-q', 'main');
    commitFiles(dir, { 'conf.ini': 'a\nvalue = main\nc\n' }, 'main');
    const merge = spawnMerge(dir, 'feature');
    expect(merge).not.toBe(0);
    writeFiles(dir, { 'conf.ini': `a\nvalue = ${AWS_KEY_ID}\nc\n` });
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '--no-verify', '-m', 'merge feature');
    const mergeCommit = git(dir, 'rev-parse', 'HEAD').trim();
    const r = history(dir);
    expect(brief(r.report!)).toEqual([{ rule: 'aws-access-key-id', file: 'conf.ini', line: 2, commit: mergeCommit, source: 'history' }]);
  });

  it('--since REV and --max-count narrow the walk', () => {
    const dir = tempRepo();
    const old = commitFiles(dir, { 'a.txt': `k=${AWS_KEY_ID}\n` }, 'old');
    const newer = commitFiles(dir, { 'b.txt': `t=${GITHUB_PAT}\n` }, 'new');
    commitFiles(dir, { 'c.txt': 'clean\n' }, 'newest');
    expect(brief(history(dir, '--since', old).report!).map((f) => f.commit)).toEqual([newer]);
    expect(brief(history(dir, '--max-count', '1').report!)).toEqual([]);
    expect(brief(history(dir, '--max-count', '2').report!).map((f) => f.commit)).toEqual([newer]);
    expect(brief(history(dir, '--since', '2000-01-01').report!)).toHaveLength(2);
  });

  it('scans the commits a shallow clone has, and says the history before the cut was not scanned', () => {
    const origin = tempRepo();
    commitFiles(origin, { 'a.txt': `k=${AWS_KEY_ID}\n` }, 'one');
    const two = commitFiles(origin, { 'b.txt': 'two\n' }, 'two');
    const clone = tempDir();
    git(clone, 'clone', '-q', '--depth', '1', `file://${origin}`, '.');
    const r = history(clone);
    expect(r.status).toBe(1);
    expect(brief(r.report!)).toEqual([{ rule: 'aws-access-key-id', file: 'a.txt', line: 1, commit: two, source: 'history' }]);
    expect(r.report!.stats.skipped).toEqual([{ path: `history before commit ${two.slice(0, 12)}`, reason: 'shallow clone: those commits were never fetched, not scanned' }]);
    expect(r.stderr).toMatch(/^leakguard: note: this is a shallow clone: only the commits it has were scanned; history before commit [0-9a-f]{12} is not in it/);
  });

  it('works in a bare repository', () => {
    const origin = tempRepo();
    const c = commitFiles(origin, { 'a.txt': `k=${AWS_KEY_ID}\n` }, 'one');
    const bare = tempDir();
    git(bare, 'clone', '-q', '--bare', origin, '.');
    expect(brief(history(bare).report!).map((f) => f.commit)).toEqual([c]);
  });

  it('works without a loopback interface (a network-less sandbox): git writes into a pipe instead', () => {
    const dir = tempRepo();
    const c = commitFiles(dir, { 'a.txt': `k=${AWS_KEY_ID}\n` }, 'one');
    // a new network namespace, whose loopback is down
    const sandboxed = (...args: string[]) => spawnSync('unshare', ['--user', '--map-root-user', '--net', process.execPath, ...args], { cwd: dir, encoding: 'utf8' });
    const probe = sandboxed('-e', `require('net').createServer().listen(0, '127.0.0.1', function () { require('net').connect(this.address().port, '127.0.0.1').on('error', (e) => { console.log(e.code); process.exit(0); }).on('connect', () => process.exit(3)); });`);
    expect(probe.error, 'this test needs unshare (util-linux) and user namespaces').toBeUndefined();
    expect(probe.stdout).toBe('ENETUNREACH\n');
    const r = sandboxed(CLI, 'scan', '--history', '--format', 'json', '--no-redact');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { commit: string }) => f.commit)).toEqual([c]);
  });

  it('exits 2 for a bad revision', () => {
    const dir = tempRepo();
    commitFiles(dir, { 'a.txt': 'x\n' }, 'init');
    const r = runCli(['scan', '--history', '--branch', 'nope'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('leakguard: --branch "nope" is not a commit in this repository\n');
  });
});

function spawnMerge(dir: string, branch: string): number | null {
  return spawnSync('git', ['merge', '-q', branch], { cwd: dir }).status;
}

describe('progress', () => {
  it('draws a progress bar on a terminal, and nothing on stderr otherwise', () => {
    const dir = tempRepo();
    for (let i = 0; i < 5; i++) commitFiles(dir, { 'a.txt': `${i}\n` }, `c${i}`);
    const plain = runCli(['scan', '--history'], { cwd: dir });
    expect(plain.status).toBe(0);
    expect(plain.stderr).toBe('');
    // `script` gives the CLI a real terminal; stdout and stderr both reach its output
    const tty = spawnSync('script', ['-qec', `${process.execPath} ${CLI} scan --history`, '/dev/null'], { cwd: dir, encoding: 'utf8' });
    expect(tty.stdout).toMatch(/commits · .*\/s · 0 found/);
  });
});
