import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_KEY_ID, GITHUB_PAT } from '../fixtures/secrets.js';
import { commitFiles, git, REPO_ROOT, runCli, tempDir, tempRepo, writeFiles } from '../helpers.js';

// Hooks under hostile conditions, with real `git commit`s: a scanner that crashes, or is killed,
// must refuse the commit (fail closed) and say how to bypass deliberately; a hook run with a bare
// PATH (a GUI client) must still find and run the scanner.

const GIT = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
const SH = spawnSync('sh', ['-c', 'command -v sh'], { encoding: 'utf8' }).stdout.trim();
const NODE_DIR = dirname(process.execPath);

/** Runs git as a person would, hooks and all, in exactly the environment given (plus HOME). */
function gitRun(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(GIT, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
}
const commits = (dir: string) => Number(git(dir, 'rev-list', '--count', 'HEAD').trim());

/**
 * A repository with leakguard in node_modules as `npm install` leaves it (the package folder and a
 * `.bin/leakguard` link; here the folder is a link to this checkout), installed from there with
 * `npx leakguard install`. Node is told to keep the symlinked path, as it would see a real copy.
 */
function userRepo(mode: 'git' | 'husky'): string {
  const dir = tempRepo();
  writeFiles(dir, { 'package.json': JSON.stringify({ name: 'demo', devDependencies: { leakguard: '*', ...(mode === 'husky' ? { husky: '^9.1.7' } : {}) } }) });
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(REPO_ROOT, join(dir, 'node_modules', 'leakguard'));
  symlinkSync('../leakguard/dist/cli.cjs', join(dir, 'node_modules', '.bin', 'leakguard'));
  if (mode === 'husky') {
    const husky = spawnSync(process.execPath, ['--input-type=module', '-e', `import h from ${JSON.stringify(join(REPO_ROOT, 'node_modules/husky/index.js'))}; console.log(h())`], { cwd: dir, encoding: 'utf8' });
    expect(husky.status, husky.stderr).toBe(0);
  }
  writeFiles(dir, { '.gitignore': 'node_modules\n' });
  commitFiles(dir, { 'README.md': '# demo\n' }, 'init');
  const cli = join(dir, 'node_modules', 'leakguard', 'dist', 'cli.cjs');
  const install = spawnSync(process.execPath, ['--preserve-symlinks', '--preserve-symlinks-main', cli, 'install'], { cwd: dir, encoding: 'utf8' });
  expect(install.status, install.stderr).toBe(0);
  expect(install.stdout).toContain(mode === 'husky' ? 'in husky' : '.git/hooks');
  return dir;
}

/** A folder holding only links to the named programs: a PATH with nothing else on it. */
function barePath(...programs: string[]): string {
  const bin = tempDir();
  for (const program of programs) {
    const found = spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' }).stdout.trim();
    expect(found, program).not.toBe('');
    symlinkSync(found, join(bin, program));
  }
  return bin;
}

/** The commit was refused, none was made, and the way out was shown. */
function expectRefused(dir: string, r: SpawnSyncReturns<string>, before: number, ...mentions: string[]): void {
  const text = r.stdout + r.stderr;
  expect(r.status, text).not.toBe(0);
  expect(commits(dir)).toBe(before);
  for (const m of mentions) expect(text).toContain(m);
  expect(text).toContain('git commit --no-verify');
  expect(text).toContain('LEAKGUARD_SKIP=1 git commit');
}

describe.each(['git', 'husky'] as const)('%s hooks: a scanner that crashes refuses the commit', (mode) => {
  /** Stages a clean file and a config that breaks the scanner in the way given; tries to commit. */
  function commitWith(config: string, env: NodeJS.ProcessEnv = {}) {
    const dir = userRepo(mode);
    writeFiles(dir, { 'leakguard.config.js': config, 'clean.txt': 'nothing secret here\n' });
    git(dir, 'add', 'clean.txt', 'leakguard.config.js');
    const before = commits(dir);
    return { dir, before, r: gitRun(dir, ['commit', '-m', 'clean change'], env) };
  }

  it('an exception thrown outside the scan’s own error handling (a timer in the config’s code)', () => {
    const { dir, before, r } = commitWith('setImmediate(() => { throw new Error("boom in a timer"); });\nmodule.exports = {};\n');
    expectRefused(dir, r, before, 'leakguard: internal error: boom in a timer', 'the scan could not finish (exit 2)');
  });

  // husky runs the same runner script: the cases that differ only inside node are defined in git mode alone
  const gitOnly = (name: string, test: () => void) => (mode === 'git' ? it(name, test) : undefined);

  gitOnly('an exception while the config is read', () => {
    const { dir, before, r } = commitWith('module.exports = { get rules() { throw new Error("boom in a getter"); } };\n');
    expectRefused(dir, r, before, 'boom in a getter', 'the scan could not finish (exit 2)');
  });

  it('killed by a signal mid-scan', () => {
    const { dir, before, r } = commitWith('process.kill(process.pid, "SIGKILL");\nmodule.exports = {};\n');
    expectRefused(dir, r, before, 'the scan could not finish (exit 137)');
  });

  gitOnly('node itself failing to start (a NODE_OPTIONS preload that throws)', () => {
    const preload = join(tempDir(), 'throws.cjs');
    writeFileSync(preload, 'throw new Error("boom before leakguard started");\n');
    const { dir, before, r } = commitWith('module.exports = {};\n', { NODE_OPTIONS: `--require ${preload}` });
    expectRefused(dir, r, before, 'boom before leakguard started');
  });

  it('a broken leakguard where the hook looks for it first (node_modules/.bin) that aborts', () => {
    const dir = userRepo(mode);
    rmSync(join(dir, 'node_modules', '.bin', 'leakguard'));
    writeFileSync(join(dir, 'node_modules', '.bin', 'leakguard'), '#!/bin/sh\necho "half-installed leakguard" >&2\nkill -ABRT $$\n', { mode: 0o755 });
    writeFiles(dir, { 'clean.txt': 'nothing secret here\n' });
    git(dir, 'add', 'clean.txt');
    const before = commits(dir);
    expectRefused(dir, gitRun(dir, ['commit', '-m', 'x']), before, 'half-installed leakguard', 'the scan could not finish (exit 134)');
  });

  it('leakguard gone from node_modules altogether: refused, and says it could not scan', () => {
    const dir = userRepo(mode);
    rmSync(join(dir, 'node_modules'), { recursive: true });
    writeFiles(dir, { 'clean.txt': 'nothing secret here\n' });
    git(dir, 'add', 'clean.txt');
    const before = commits(dir);
    const r = gitRun(dir, ['commit', '-m', 'x'], { PATH: `${NODE_DIR}:/usr/bin:/bin` });
    expectRefused(dir, r, before, 'cannot find the leakguard CLI', 'nothing was scanned (fail closed)');
  });
});

describe('a hook run with a bare PATH still finds and runs the scanner', () => {
  function stageSecret(dir: string): number {
    writeFiles(dir, { 'src/settings.py': `# settings\nAWS_ACCESS_KEY_ID = "${AWS_KEY_ID}"\n` });
    git(dir, 'add', 'src/settings.py');
    return commits(dir);
  }

  it.each(['git', 'husky'] as const)('%s: PATH holds only the folders of git, sh and node (no node_modules/.bin, no leakguard)', (mode) => {
    const dir = userRepo(mode);
    const before = stageSecret(dir);
    const PATH = [...new Set([dirname(GIT), dirname(SH), NODE_DIR])].join(':');
    expect(spawnSync(SH, ['-c', 'command -v leakguard'], { env: { PATH } }).status).not.toBe(0);
    const r = gitRun(dir, ['commit', '-m', 'x'], { PATH });
    // the finding's place and rule: only the scanner itself could have said that
    expectRefused(dir, r, before, 'src/settings.py:2:22', 'aws-access-key-id');
  });

  it('git: PATH holds git, sh and dirname but no node at all (node is found where install saw it)', () => {
    const dir = userRepo('git');
    const before = stageSecret(dir);
    const PATH = barePath('git', 'sh', 'dirname');
    expect(existsSync(join(PATH, 'node'))).toBe(false);
    const r = gitRun(dir, ['commit', '-m', 'x'], { PATH });
    expectRefused(dir, r, before, 'src/settings.py:2:22', 'aws-access-key-id');
  });

  it('husky: no node on PATH cannot scan, so it refuses (husky’s init.sh is where PATH is set)', () => {
    const dir = userRepo('husky');
    const before = stageSecret(dir);
    const PATH = barePath('git', 'sh', 'dirname', 'basename', 'env');
    const r = gitRun(dir, ['commit', '-m', 'x'], { PATH });
    expectRefused(dir, r, before, 'the scan could not finish');
  });

  it('and a clean commit under the same bare PATH goes through, quietly', () => {
    const dir = userRepo('git');
    writeFiles(dir, { 'clean.txt': 'nothing secret here\n' });
    git(dir, 'add', 'clean.txt');
    const r = gitRun(dir, ['commit', '-m', 'clean'], { PATH: barePath('git', 'sh', 'dirname') });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(commits(dir)).toBe(2);
    expect(r.stderr).not.toContain('leakguard');
  });
});

describe('the user’s git config does not change what the pre-commit hook sees', () => {
  // diff.mnemonicPrefix made the staged diff say `i/app.env` for `app.env`: its added lines were
  // not found, and the whole file was reported, secrets committed long ago included.
  for (const [key, value] of [['diff.mnemonicPrefix', 'true'], ['diff.noprefix', 'true'], ['diff.relative', 'true']]) {
    it(`${key}=${value}: only the added lines count`, () => {
      const dir = tempRepo();
      commitFiles(dir, { 'cfg/app.env': `OLD_KEY=${AWS_KEY_ID}\n\nB=2\n` }, 'an old secret, accepted long ago'); // --no-verify
      expect(runCli(['install'], { cwd: dir }).status).toBe(0);
      git(dir, 'config', key, value);
      writeFiles(dir, { 'cfg/app.env': `OLD_KEY=${AWS_KEY_ID}\n\nB=2\nC=3\n` });
      git(dir, 'add', '.');
      const clean = gitRun(join(dir, 'cfg'), ['commit', '-m', 'a clean line next to an old secret']);
      expect(clean.status, clean.stdout + clean.stderr).toBe(0);
      writeFiles(dir, { 'cfg/app.env': `OLD_KEY=${AWS_KEY_ID}\n\nB=2\nC=3\nTOKEN=${GITHUB_PAT}\n` });
      git(dir, 'add', '.');
      const before = commits(dir);
      expectRefused(dir, gitRun(join(dir, 'cfg'), ['commit', '-m', 'a new secret']), before, 'cfg/app.env:5:7', 'github-pat-classic');
    });
  }
});
