import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_KEY_ID, GITHUB_PAT } from '../fixtures/secrets.js';
import { initRepo, runCli, scanJson, tempDir, writeFiles } from '../helpers.js';

const where = (r: ReturnType<typeof scanJson>) =>
  r.report!.findings.map((f) => `${f.file}:${f.line}:${f.column}:${f.ruleId}`).sort();

describe('scan [PATH...]', () => {
  it('walks folders and reports exact rule, file, line and column', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'src/config.ts': `// settings\nconst key = "${AWS_KEY_ID}";\n`,
      'deploy/env.sh': `export GH=${GITHUB_PAT}\n`,
      'clean.txt': 'nothing to see\n',
    });
    const r = scanJson(['.'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(where(r)).toEqual(['deploy/env.sh:1:11:github-pat-classic', 'src/config.ts:2:14:aws-access-key-id']);
    expect(r.report!.findings[0].endColumn - r.report!.findings[0].column).toBe(GITHUB_PAT.length);
    expect(r.report!.stats.fragments).toBe(3);
  });

  it('accepts --no-git and several paths, and exits 0 when nothing is found', () => {
    const dir = tempDir();
    writeFiles(dir, { 'a/x.txt': 'hello\n', 'b/y.txt': 'world\n' });
    const r = scanJson(['--no-git', 'a', 'b'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.report!.findings).toEqual([]);
    expect(r.report!.stats.fragments).toBe(2);
  });

  it('skips .git and honours .gitignore inside a repository, listing what it skipped', () => {
    const dir = tempDir();
    initRepo(dir);
    writeFiles(dir, {
      '.gitignore': 'build/\n*.log\n',
      'build/out.js': `k="${AWS_KEY_ID}"\n`,
      'debug.log': `k="${AWS_KEY_ID}"\n`,
      'kept.txt': `k="${AWS_KEY_ID}"\n`,
      '.git/leak.txt': `k="${AWS_KEY_ID}"\n`,
    });
    const r = scanJson(['.'], { cwd: dir });
    expect(where(r)).toEqual(['kept.txt:1:4:aws-access-key-id']);
    expect(r.report!.stats.skipped).toEqual(
      expect.arrayContaining([
        { path: 'build/', reason: 'ignored by .gitignore' },
        { path: 'debug.log', reason: 'ignored by .gitignore' },
      ]),
    );
  });

  it('with --no-git, consults no git at all: ignored files are scanned too', () => {
    const dir = tempDir();
    initRepo(dir);
    writeFiles(dir, { '.gitignore': '*.env\n', 'prod.env': `k="${AWS_KEY_ID}"\n` });
    expect(where(scanJson(['.'], { cwd: dir }))).toEqual([]);
    expect(where(scanJson(['--no-git', '.'], { cwd: dir }))).toEqual(['prod.env:1:4:aws-access-key-id']);
  });

  it('scans a gitignored file when it is named outright', () => {
    const dir = tempDir();
    initRepo(dir);
    writeFiles(dir, { '.gitignore': '*.log\n', 'debug.log': `k="${AWS_KEY_ID}"\n` });
    expect(where(scanJson(['debug.log'], { cwd: dir }))).toEqual(['debug.log:1:4:aws-access-key-id']);
  });

  it('never follows a symlink out of the tree or round a loop', () => {
    const outside = tempDir();
    writeFiles(outside, { 'secret.txt': `k="${AWS_KEY_ID}"\n` });
    const dir = tempDir();
    writeFiles(dir, { 'sub/file.txt': 'plain\n' });
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'escape.txt'));
    symlinkSync(outside, join(dir, 'escape-dir'));
    symlinkSync('..', join(dir, 'sub', 'loop'));
    const r = scanJson(['.'], { cwd: dir });
    expect(r.status).toBe(0);
    const reasons = Object.fromEntries(r.report!.stats.skipped.map((s) => [s.path, s.reason]));
    expect(reasons['escape.txt']).toBe('symlink points outside the scanned tree');
    expect(reasons['escape-dir']).toBe('symlink points outside the scanned tree');
    expect(reasons['sub/loop']).toBe('symlink loop or folder already scanned');
  });

  it('skips binary files and files over the size limit, and says so', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'image.bin': Buffer.concat([Buffer.from([0x89, 0x50, 0x00, 0x01]), Buffer.from(`k="${AWS_KEY_ID}"`)]),
      'big.txt': `${'x'.repeat(2000)}\nk="${AWS_KEY_ID}"\n`,
    });
    const r = scanJson(['.', '--max-file-size', '1KB'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.report!.stats.skipped).toEqual([
      { path: 'big.txt', reason: 'larger than the size limit (2.0 KB > 1.0 KB)' },
      { path: 'image.bin', reason: 'binary (NUL byte in the first 8 KB)' },
    ]);
    const text = runCli(['scan', '.', '--max-file-size', '1KB'], { cwd: dir });
    expect(text.stdout).toContain('skipped big.txt: larger than the size limit');
    expect(text.stdout).toContain('skipped image.bin: binary');
  });

  it('decodes UTF-16 with a BOM (LE and BE) and finds the secret on the right line', () => {
    const dir = tempDir();
    const body = `first line\nkey = ${AWS_KEY_ID}\n`;
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(body, 'utf16le').swap16()]);
    writeFiles(dir, { 'le.txt': le, 'be.txt': be });
    expect(where(scanJson(['.'], { cwd: dir }))).toEqual(['be.txt:2:7:aws-access-key-id', 'le.txt:2:7:aws-access-key-id']);
  });

  it('scans invalid UTF-8 as bytes: a secret beside broken sequences is still found', () => {
    const dir = tempDir();
    const bytes = Buffer.concat([Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x80]), Buffer.from(` k=${AWS_KEY_ID} `), Buffer.from([0xe2, 0x82])]);
    writeFiles(dir, { 'broken.txt': bytes });
    const r = scanJson(['broken.txt'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.report!.findings[0].ruleId).toBe('aws-access-key-id');
    expect(r.report!.findings[0].column).toBe(9); // each broken sequence shows as one U+FFFD
  });

  it('reports an unreadable file, goes on scanning, and does not end clean', () => {
    if (process.getuid?.() === 0) {
      // root reads everything: make the file unreadable by making it a dangling path instead
      const dir = tempDir();
      writeFiles(dir, { 'ok.txt': 'fine\n' });
      const r = scanJson(['ok.txt', 'missing.txt'], { cwd: dir });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('cannot read missing.txt: no such file or folder');
      expect(r.report!.stats.fragments).toBe(1);
      return;
    }
    const dir = tempDir();
    writeFiles(dir, { 'ok.txt': 'fine\n', 'locked.txt': 'x\n' });
    chmodSync(join(dir, 'locked.txt'), 0o000);
    const r = scanJson(['.'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('locked.txt');
  });

  it('lists a FIFO as skipped rather than hanging on it', () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.txt': 'fine\n' });
    mkdirSync(join(dir, 'd'));
    const mkfifo = spawnSync('mkfifo', [join(dir, 'd', 'pipe')]);
    expect(mkfifo.status).toBe(0);
    const r = scanJson(['.'], { cwd: dir });
    expect(r.report!.stats.skipped).toContainEqual({ path: 'd/pipe', reason: 'not a regular file' });
  });
});

describe('scan --stdin', () => {
  it('scans standard input', () => {
    const r = scanJson(['--stdin'], { input: `line one\ntoken: ${GITHUB_PAT}\n` });
    expect(r.status).toBe(1);
    expect(r.report!.findings.map((f) => [f.file, f.line, f.column, f.source, f.ruleId])).toEqual([[null, 2, 8, 'stdin', 'github-pat-classic']]);
  });

  it('exits 0 on clean input', () => {
    const r = scanJson(['--stdin'], { input: 'all good\n' });
    expect(r.status).toBe(0);
  });
});
