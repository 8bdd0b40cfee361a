// Hostile git, part 7: 100 MB blobs in a history — many lines, and one single line.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_KEY_ID, fakePrivateKey, GITHUB_PAT, SLACK_BOT_TOKEN } from '../fixtures/secrets.js';
import { CLI, git, scanJson, tempDir, tempRepo, writeFiles } from '../helpers.js';
import { at, brief, commit, fastImport } from './git-helpers.js';

const MB = 1024 * 1024;
const LINE = 'an ordinary line of generated text, long enough to look like source code;\n'; // 75 bytes

/**
 * One repository, four commits: a 110 MB text file of 1.5 million lines with a secret on its
 * last-but-two line; a 110 MB file that is one single line with a secret near its end; a small
 * file; and the 110 MB text file replaced by three lines, one a secret (git diffs that as binary:
 * the old side is too large).
 */
function bigHistory() {
  const dir = tempRepo();
  const lines = Math.ceil((110 * MB) / LINE.length);
  const manyTail = `key = ${AWS_KEY_ID}\nthe end\n`;
  const manySize = (lines - 2) * LINE.length + Buffer.byteLength(manyTail);
  const oneHead = Buffer.alloc(MB, 'x');
  const oneTail = ` slack=${SLACK_BOT_TOKEN} end`;
  const oneSize = 110 * MB + Buffer.byteLength(oneTail);
  fastImport(dir, (out) => {
    out(`blob\nmark :1\ndata ${manySize}\n`);
    const block = Buffer.from(LINE.repeat(10_000));
    let written = 0;
    for (; written + 10_000 <= lines - 2; written += 10_000) out(block);
    out(LINE.repeat(lines - 2 - written));
    out(`${manyTail}\n`);
    out(`blob\nmark :2\ndata ${oneSize}\n`);
    for (let i = 0; i < 110; i++) out(oneHead);
    out(`${oneTail}\n`);
    out(commit('refs/heads/main', 10, 1_700_000_001, 'many lines', { 'data/many.txt': ':1' }));
    out(commit('refs/heads/main', 11, 1_700_000_002, 'one line', { 'data/one.txt': ':2' }, ':10'));
    out(commit('refs/heads/main', 12, 1_700_000_003, 'small', { 'small.env': `GH=${GITHUB_PAT}\n` }, ':11'));
    out(commit('refs/heads/main', 13, 1_700_000_004, 'shrink', { 'data/many.txt': `short now\nkey = ${AWS_KEY_ID}\nbye\n` }, ':12'));
  });
  const shas = git(dir, 'rev-list', '--reverse', 'main').trim().split('\n');
  return { dir, shas, manySize, oneSize };
}

/** Runs the CLI under /usr/bin/time when there is one: the report, and the peak RSS (KB) of the whole process tree. */
function measured(dir: string, args: string[]) {
  const time = '/usr/bin/time';
  const rssFile = join(tempDir(), 'rss');
  const hasTime = existsSync(time);
  const command = hasTime ? [time, '-f', '%M', '-o', rssFile, process.execPath, CLI] : [process.execPath, CLI];
  const r = spawnSync(command[0], [...command.slice(1), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * MB });
  const rssKb = hasTime ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : null;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, rssKb };
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

describe('100 MB blobs in history', () => {
  it('--history finishes with bounded memory, lists both big files with their size, and finds every other secret', { timeout: 120_000 }, () => {
    const { dir, shas, manySize, oneSize } = bigHistory();
    const r = measured(dir, ['scan', '--history', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(brief(report)).toEqual([
      at('github-pat-classic', 'small.env', 1, 4, shas[2], 'history'),
      // the small file that replaced the 110 MB one is read whole: its secret is not lost
      at('aws-access-key-id', 'data/many.txt', 2, 7, shas[3], 'history'),
    ]);
    const limit = /larger than the size limit \(([\d.]+ MB) > ([\d.]+ MB)\): not scanned/;
    expect(report.stats.skipped).toEqual([
      { path: `data/many.txt (commit ${shas[0].slice(0, 12)})`, reason: expect.stringMatching(limit) },
      { path: `data/one.txt (commit ${shas[1].slice(0, 12)})`, reason: expect.stringMatching(limit) },
    ]);
    expect(limit.exec(report.stats.skipped[0].reason)![1]).toBe(mb(manySize));
    expect(limit.exec(report.stats.skipped[1].reason)![1]).toBe(mb(oneSize));
    if (r.rssKb !== null) expect(r.rssKb).toBeLessThan(300 * 1024);

    // with the size limit raised past them they are still not diffed (git would need ~6× their size): listed as too large
    const raised = measured(dir, ['scan', '--history', '--format', 'json', '--max-file-size', '200MB']);
    expect(raised.status).toBe(1);
    const again = JSON.parse(raised.stdout);
    expect(brief(again)).toEqual(brief(report));
    expect(again.stats.skipped.map((s: { path: string }) => s.path)).toEqual(report.stats.skipped.map((s: { path: string }) => s.path));
    for (const s of again.stats.skipped) expect(s.reason).toMatch(/^too large to diff in a history scan \(110\.0 MB > 32\.0 MB\): not scanned; scan the file itself$/);
    if (raised.rssKb !== null) expect(raised.rssKb).toBeLessThan(300 * 1024);

    // --staged: the 110 MB blob staged under a new name, and the 110 MB one-line file replaced
    // by two small lines (git diffs that as binary: the old side is too large; every line counts)
    git(dir, 'read-tree', 'HEAD');
    const big = git(dir, 'rev-parse', `${shas[0]}:data/many.txt`).trim();
    git(dir, 'update-index', '--add', '--cacheinfo', `100644,${big},staged/many.txt`);
    writeFiles(dir, { 'data/one.txt': `one line no more\ntoken ${GITHUB_PAT}\n` });
    git(dir, 'add', 'data/one.txt');
    const staged = measured(dir, ['scan', '--staged', '--format', 'json']);
    expect(staged.stderr).toBe('');
    expect(staged.status).toBe(1);
    expect(brief(JSON.parse(staged.stdout))).toEqual([at('github-pat-classic', 'data/one.txt', 2, 7, null, 'staged')]);
    expect(JSON.parse(staged.stdout).stats.skipped).toEqual([{ path: 'staged/many.txt', reason: expect.stringMatching(new RegExp(`^larger than the size limit \\(${mb(manySize)} > [\\d.]+ MB\\)$`)) }]);
    if (staged.rssKb !== null) expect(staged.rssKb).toBeLessThan(300 * 1024);
  });

  it('a 9 MB patch read in bounded pieces: 120 private keys around the cuts, each found once at its line', () => {
    const dir = tempRepo();
    // keys every 50 lines within 1,500 lines of 4 MiB and of 8 MiB: with 4 MiB pieces (and their
    // 64 KiB overlap) keys straddle both cuts — without the overlap one of them is lost
    const around = (mib: number) => Math.floor((mib * MB) / LINE.length);
    const starts = [4, 8].flatMap((mib) => Array.from({ length: 60 }, (_, k) => around(mib) - 1500 + k * 50));
    const keys = starts.map((_, i) => fakePrivateKey(`key number ${i}`));
    const body: string[] = [];
    let line = 1;
    for (const [i, start] of starts.entries()) {
      while (line < start) body.push(LINE), line++;
      body.push(`${keys[i]}\n`);
      line += keys[i].split('\n').length;
    }
    while (line < around(9)) body.push(LINE), line++;
    fastImport(dir, (out) => {
      const text = body.join('');
      out(`blob\nmark :1\ndata ${Buffer.byteLength(text)}\n${text}\n`);
      out(commit('refs/heads/main', 2, 1_700_000_000, 'keys', { 'keys.txt': ':1' }));
    });
    const sha = git(dir, 'rev-parse', 'main').trim();
    const r = scanJson(['--history'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(brief(r.report)).toEqual(starts.map((start) => at('private-key-pem', 'keys.txt', start, 1, sha, 'history')));
    expect(r.report!.stats.skipped).toEqual([]);
    expect(r.report!.findings.map((f) => f.endLine - f.line + 1)).toEqual(keys.map((key) => key.split('\n').length));
  });

  it('a 5 MB text file under the limit is diffed as always: its secret found at its exact line', () => {
    const dir = tempRepo();
    const lines = 70_000; // 5.25 million bytes
    fastImport(dir, (out) => {
      const body = `${LINE.repeat(lines - 1)}token: ${GITHUB_PAT}\n`;
      out(`blob\nmark :1\ndata ${Buffer.byteLength(body)}\n${body}\n`);
      out(commit('refs/heads/main', 2, 1_700_000_000, 'five MB', { 'gen/five.txt': ':1' }));
    });
    const sha = git(dir, 'rev-parse', 'main').trim();
    const r = scanJson(['--history'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(brief(r.report)).toEqual([at('github-pat-classic', 'gen/five.txt', lines, 8, sha, 'history')]);
    expect(r.report!.stats.skipped).toEqual([]);
    // with the limit below its size it is listed, not silently dropped
    const small = scanJson(['--history', '--max-file-size', '1MB'], { cwd: dir });
    expect(small.status).toBe(0);
    expect(small.report!.stats.skipped).toEqual([{ path: `gen/five.txt (commit ${sha.slice(0, 12)})`, reason: 'larger than the size limit (4.9 MB > 1.0 MB): not scanned' }]);
  });
});
