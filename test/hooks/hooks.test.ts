import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_KEY_ID, GITHUB_PAT, SLACK_BOT_TOKEN } from '../fixtures/secrets.js';
import { commitFiles, git, REPO_ROOT, runCli, tempDir, tempRepo, writeFiles } from '../helpers.js';

/** Runs git as a person would, hooks and all. */
function gitRun(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
}
const output = (r: SpawnSyncReturns<string>) => r.stdout + r.stderr;
const install = (dir: string, ...args: string[]) => runCli(['install', ...args], { cwd: dir });

/** Every file under `dir` with its mode and bytes, to compare states exactly. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      const stat = lstatSync(path);
      if (stat.isDirectory()) walk(path, `${rel}${name}/`);
      else out[`${rel}${name}`] = `${(stat.mode & 0o777).toString(8)} ${readFileSync(path).toString('base64')}`;
    }
  };
  walk(dir, '');
  return out;
}

function expectRefusal(r: SpawnSyncReturns<string>, ...mentions: string[]) {
  expect(r.status).not.toBe(0);
  const text = output(r);
  for (const m of mentions) expect(text).toContain(m);
  expect(text).toContain('--no-verify');
  expect(text).toContain('leakguard:allow');
}

describe.each(['git', 'husky'] as const)('%s mode', (mode) => {
  function setup(): string {
    const dir = tempRepo();
    if (mode === 'husky') {
      writeFiles(dir, { 'package.json': JSON.stringify({ name: 'demo', devDependencies: { husky: '^9.1.7' } }) });
      // husky from this project's own node_modules, run as `npx husky` would
      const husky = spawnSync(process.execPath, ['--input-type=module', '-e', `import h from ${JSON.stringify(join(REPO_ROOT, 'node_modules/husky/index.js'))}; console.log(h())`], { cwd: dir, encoding: 'utf8' });
      expect(husky.status).toBe(0);
      expect(git(dir, 'config', 'core.hooksPath').trim()).toBe('.husky/_');
    }
    commitFiles(dir, { 'README.md': '# demo\n' }, 'init');
    const r = install(dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(mode === 'husky' ? 'in husky' : '.git/hooks');
    return dir;
  }

  it('refuses a commit adding an AWS key, naming file, line and rule; a clean commit passes', () => {
    const dir = setup();
    writeFiles(dir, { 'src/config.ts': `// config\nexport const key = "${AWS_KEY_ID}";\n` });
    git(dir, 'add', '.');
    expectRefusal(gitRun(dir, ['commit', '-m', 'add config']), 'src/config.ts:2:21', 'aws-access-key-id');
    expect(git(dir, 'rev-list', '--count', 'HEAD').trim()).toBe('1');
    writeFiles(dir, { 'src/config.ts': '// config\nexport const key = process.env.KEY;\n' });
    git(dir, 'add', '.');
    const ok = gitRun(dir, ['commit', '-m', 'add config']);
    expect(ok.status, output(ok)).toBe(0);
    expect(output(ok)).not.toContain('leakguard:'); // quiet when clean
  });

  it('refuses a commit message holding a token', () => {
    const dir = setup();
    writeFiles(dir, { 'a.txt': 'x\n' });
    git(dir, 'add', '.');
    expectRefusal(gitRun(dir, ['commit', '-m', `deploy\n\nwith ${SLACK_BOT_TOKEN}`]), 'slack-bot-token');
  });

  it('refuses a merge that brings a secret in', () => {
    const dir = setup();
    git(dir, 'checkout', '-q', '-b', 'topic');
    commitFiles(dir, { 'topic.txt': `t=${GITHUB_PAT}\n` }, 'topic'); // --no-verify: it got in another way
    git(dir, 'checkout', '-q', 'main');
    commitFiles(dir, { 'main.txt': 'moving on\n' }, 'main');
    expectRefusal(gitRun(dir, ['merge', '--no-ff', '-m', 'merge topic', 'topic']), 'topic.txt', 'github-pat-classic', 'git merge --no-verify');
  });

  it('install twice changes nothing; uninstall restores the original state byte for byte', () => {
    const dir = tempRepo();
    if (mode === 'husky') {
      writeFiles(dir, { 'package.json': '{"devDependencies":{"husky":"9"}}', '.husky/pre-commit': 'npm test' /* no final newline */ });
    }
    const hooksDir = mode === 'husky' ? join(dir, '.husky') : join(dir, '.git', 'hooks');
    const before = snapshot(hooksDir);
    expect(install(dir, `--${mode}`).status).toBe(0);
    const once = snapshot(hooksDir);
    expect(once).not.toEqual(before);
    const again = install(dir, `--${mode}`);
    expect(again.stdout).toContain('already installed');
    expect(snapshot(hooksDir)).toEqual(once);
    const removed = runCli(['uninstall', `--${mode}`], { cwd: dir });
    expect(removed.status).toBe(0);
    expect(snapshot(hooksDir)).toEqual(before);
  });

  it('LEAKGUARD_SKIP=1 and SKIP=leakguard skip with a visible warning', () => {
    const dir = setup();
    writeFiles(dir, { 'a.txt': `k=${AWS_KEY_ID}\n` });
    git(dir, 'add', '.');
    const skipped = gitRun(dir, ['commit', '-m', 'skip'], { LEAKGUARD_SKIP: '1' });
    expect(skipped.status).toBe(0);
    expect(output(skipped)).toContain('LEAKGUARD_SKIP=1 is set, so this commit was NOT scanned');
    writeFiles(dir, { 'b.txt': `k=${AWS_KEY_ID}\n` });
    git(dir, 'add', '.');
    const framework = gitRun(dir, ['commit', '-m', 'skip too'], { SKIP: 'eslint,leakguard' });
    expect(framework.status).toBe(0);
    expect(output(framework)).toContain('SKIP=leakguard is set');
  });
});

describe('plain hooks', () => {
  it('chain a foreign hook: it still runs, and its failure still counts', () => {
    const dir = tempRepo();
    commitFiles(dir, { 'a.txt': 'x\n' }, 'init');
    const foreign = join(dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(foreign, '#!/bin/sh\necho "foreign hook ran"\n[ -f block ] && exit 3\nexit 0\n');
    chmodSync(foreign, 0o755);
    const r = install(dir);
    expect(r.stdout).toContain('chained the existing pre-commit');
    writeFiles(dir, { 'b.txt': 'clean\n' });
    git(dir, 'add', '.');
    const ok = gitRun(dir, ['commit', '-m', 'clean']);
    expect(ok.status).toBe(0);
    expect(output(ok)).toContain('foreign hook ran');
    writeFiles(dir, { block: '', 'c.txt': 'clean\n' });
    git(dir, 'add', '.');
    const blocked = gitRun(dir, ['commit', '-m', 'blocked by the foreign hook']);
    expect(blocked.status).not.toBe(0);
    expect(output(blocked)).toContain('foreign hook ran');
  });

  it('--force replaces a foreign hook (kept aside, and put back by uninstall)', () => {
    const dir = tempRepo();
    const foreign = join(dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(foreign, '#!/bin/sh\necho "foreign"\n');
    chmodSync(foreign, 0o700);
    const before = snapshot(join(dir, '.git', 'hooks'));
    expect(install(dir, '--force').stdout).toContain('replaced the existing pre-commit');
    commitFiles(dir, { 'a.txt': 'x\n' }, 'init');
    writeFiles(dir, { 'b.txt': 'y\n' });
    git(dir, 'add', '.');
    expect(output(gitRun(dir, ['commit', '-m', 'x']))).not.toContain('foreign');
    runCli(['uninstall'], { cwd: dir });
    expect(snapshot(join(dir, '.git', 'hooks'))).toEqual(before);
  });

  it('fail closed: a scanner error refuses the commit with the way out', () => {
    const dir = tempRepo();
    commitFiles(dir, { 'a.txt': 'x\n' }, 'init');
    install(dir);
    writeFiles(dir, { '.leakguardrc.json': '{ "nonsense": true }', 'b.txt': 'clean\n' });
    git(dir, 'add', '.');
    const r = gitRun(dir, ['commit', '-m', 'x']);
    expectRefusal(r, 'nonsense is not a known key', 'could not finish');
  });

  it('finds the CLI from a hook whose PATH lacks node_modules/.bin (a GUI client)', () => {
    const dir = tempRepo();
    commitFiles(dir, { 'a.txt': 'x\n' }, 'init');
    install(dir);
    writeFiles(dir, { 'b.txt': `k=${AWS_KEY_ID}\n` });
    git(dir, 'add', '.');
    expectRefusal(gitRun(dir, ['commit', '-m', 'x'], { PATH: '/usr/bin:/bin' }), 'aws-access-key-id');
  });

  it('a worktree and a core.hooksPath repository both work', () => {
    const dir = tempRepo();
    commitFiles(dir, { 'a.txt': 'x\n' }, 'init');
    const wt = join(tempDir(), 'wt');
    git(dir, 'worktree', 'add', '-q', '-b', 'side', wt);
    expect(install(wt).stdout).toContain(join(dir, '.git', 'hooks'));
    writeFiles(wt, { 'b.txt': `k=${AWS_KEY_ID}\n` });
    git(wt, 'add', '.');
    expectRefusal(gitRun(wt, ['commit', '-m', 'x']), 'b.txt:1:3');

    const shared = tempRepo();
    git(shared, 'config', 'core.hooksPath', '.githooks');
    commitFiles(shared, { 'a.txt': 'x\n' }, 'init');
    expect(install(shared).stdout).toContain(join(shared, '.githooks'));
    expect(existsSync(join(shared, '.githooks', 'pre-commit'))).toBe(true);
    writeFiles(shared, { 'b.txt': `k=${AWS_KEY_ID}\n` });
    git(shared, 'add', 'b.txt');
    expectRefusal(gitRun(shared, ['commit', '-m', 'x']), 'b.txt:1:3');
  });

  it('pre-push: refuses pushed commits with secrets, scans new branches against what the remote has, skips deletions', () => {
    const remote = tempDir();
    git(remote, 'init', '-q', '--bare', '-b', 'main');
    const dir = tempRepo();
    git(dir, 'remote', 'add', 'origin', remote);
    commitFiles(dir, { 'old.txt': `k=${AWS_KEY_ID}\n` }, 'an old secret, already on the remote');
    expect(gitRun(dir, ['push', '-q', 'origin', 'main']).status).toBe(0);
    expect(install(dir, '--pre-push').stdout).toContain('pre-push');

    git(dir, 'checkout', '-q', '-b', 'feature');
    commitFiles(dir, { 'f.txt': 'clean feature\n' }, 'feature');
    const fresh = gitRun(dir, ['push', '-q', 'origin', 'feature']);
    expect(fresh.status, output(fresh)).toBe(0); // the old secret is already on the remote

    commitFiles(dir, { 'g.txt': `t=${GITHUB_PAT}\n` }, 'leak');
    expectRefusal(gitRun(dir, ['push', '-q', 'origin', 'feature']), 'g.txt', 'github-pat-classic', 'git push --no-verify');
    expect(gitRun(dir, ['push', '-q', 'origin', '--delete', 'feature']).status).toBe(0);
  });

  it('doctor says where hooks run from and who installed them', () => {
    const dir = tempRepo();
    const foreign = join(dir, '.git', 'hooks', 'pre-push');
    writeFileSync(foreign, '#!/bin/sh\nexit 0\n');
    chmodSync(foreign, 0o755);
    install(dir);
    const r = runCli(['doctor'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`hooks run from: ${join(dir, '.git', 'hooks')} (plain git hooks)`);
    expect(r.stdout).toMatch(/pre-commit\s+leakguard/);
    expect(r.stdout).toMatch(/pre-push\s+installed by another tool or by hand/);
    expect(r.stdout).toMatch(/^git: +git version/m);
    expect(r.stdout).toMatch(/^node: +v\d+/m);
  });

  it('outside a repository install is a clear error', () => {
    const r = runCli(['install'], { cwd: tempDir() });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is not in a git work tree/);
  });
});

describe('the pre-commit framework manifest', () => {
  it('declares the three hooks as node hooks that take no file names', async () => {
    const { parse } = await import('yaml');
    const hooks = parse(readFileSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
    expect(hooks.map((h) => [h.id, h.language, h.pass_filenames, h.stages])).toEqual([
      ['leakguard', 'node', false, ['pre-commit']],
      ['leakguard-commit-msg', 'node', false, ['commit-msg']],
      ['leakguard-pre-push', 'node', false, ['pre-push']],
    ]);
    expect(hooks.every((h) => String(h.entry).startsWith('leakguard hook '))).toBe(true);
  });
});
