// Hostile inputs, issue #8: very many files, and bytes that are not tidy UTF-8 with LF endings.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_KEY_ID, GENERIC_PASSWORD, GITHUB_PAT } from '../fixtures/secrets.js';
import { CLI, runCli, scanJson, tempDir, writeFiles, type JsonReport } from '../helpers.js';
import { place, positionOf, scanChunked } from './inputs-helpers.js';

describe('100,000 small files', () => {
  it('are all scanned, with every secret found, and never more than a few files open at once', () => {
    const dir = tempDir();
    const secretAt = new Map([[7, AWS_KEY_ID], [31_337, GITHUB_PAT], [64_000, AWS_KEY_ID], [99_999, GITHUB_PAT]]);
    const pathOf = (i: number) => `d${Math.floor(i / 10_000)}/e${Math.floor(i / 1000) % 10}/f${i}.ts`;
    for (let i = 0; i < 100_000; i++) {
      if (i % 1000 === 0) mkdirSync(join(dir, pathOf(i), '..'), { recursive: true });
      const secret = secretAt.get(i);
      writeFileSync(join(dir, pathOf(i)), secret ? `// file ${i}\nexport const key = "${secret}";\n` : `export const n${i} = ${i};\n`);
    }
    // 64 descriptors in all: a scanner that opened files faster than it closed them would hit EMFILE.
    const run = spawnSync('sh', ['-c', `ulimit -n 64 && exec "${process.execPath}" "${CLI}" scan . --format json`], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    const expected = [...secretAt].map(([i, secret]) => `${pathOf(i)}:2:21-2:${21 + secret.length} ${secret === AWS_KEY_ID ? 'aws-access-key-id' : 'github-pat-classic'}`);
    expect(report.findings.map(place).sort()).toEqual(expected.sort());
    expect(report.stats.fragments).toBe(100_000);
    expect(report.stats.skipped).toEqual([]);
  });
});

describe('bytes that are not tidy text', () => {
  it('finds a secret wrapped in invalid UTF-8 on both sides, at the column an editor shows', () => {
    const dir = tempDir();
    // a stray byte, truncated 2-, 3- and 4-byte sequences, a stray continuation byte, an encoded
    // surrogate, an overlong form, a code point past U+10FFFF
    const broken = [[0xff], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0x80], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80]];
    const files = Object.fromEntries(
      broken.map((bytes, i) => [`b${i}.txt`, Buffer.concat([Buffer.from('é x'), Buffer.from(bytes), Buffer.from(AWS_KEY_ID), Buffer.from(bytes), Buffer.from(' y\n')])]),
    );
    writeFiles(dir, files);
    const expected = Object.entries(files).map(([name, bytes]) => {
      const at = positionOf(bytes, bytes.indexOf(AWS_KEY_ID));
      return `${name}:1:${at.column}-1:${at.column + AWS_KEY_ID.length} aws-access-key-id`;
    });
    for (const [chunk, overlap] of [[undefined, undefined], [5, 64]]) {
      // tiny chunks put boundaries inside the broken sequences, on both sides of the secret
      const r = scanChunked(['.'], chunk, overlap, { cwd: dir });
      expect(r.status).toBe(1);
      expect(r.report!.findings.map(place)).toEqual(expected);
    }
    expect(expected[5]).toBe('b5.txt:1:7-1:27 aws-access-key-id'); // three bytes, three U+FFFD
  });

  it('decodes UTF-16 LE and BE, with and without a BOM, at the exact line and column', () => {
    const dir = tempDir();
    const body = `first line\r\nsecond: é\r\n\tkey = "${AWS_KEY_ID}"\r\n`;
    const le = Buffer.from(body, 'utf16le');
    const be = Buffer.from(body, 'utf16le').swap16();
    writeFiles(dir, {
      'le-bom.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), le]),
      'be-bom.txt': Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
      'le.txt': le,
      'be.txt': be,
    });
    const r = scanJson(['.'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.report!.findings.map(place)).toEqual(
      ['be-bom.txt', 'be.txt', 'le-bom.txt', 'le.txt'].map((f) => `${f}:3:9-3:29 aws-access-key-id`),
    );
  });

  it('skips a file with a NUL in its first 8 KB as binary and says so; a NUL later on is text', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'early.bin': Buffer.concat([Buffer.from('header\0\n'), Buffer.from(`k="${AWS_KEY_ID}"\n`)]),
      'late.txt': Buffer.concat([Buffer.from(`${'text line\n'.repeat(900)}nul:\0 k="`), Buffer.from(`${GITHUB_PAT}"\n`)]),
    });
    const r = scanJson(['.'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.report!.findings.map(place)).toEqual(['late.txt:901:10-901:50 github-pat-classic']);
    expect(r.report!.stats.skipped).toEqual([{ path: 'early.bin', reason: 'binary (NUL byte in the first 8 KB)' }]);
    const text = runCli(['scan', '.'], { cwd: dir });
    expect(text.stdout).toContain('  skipped early.bin: binary (NUL byte in the first 8 KB)\n');
    expect(text.stdout).toContain('  901 | nul:\\x00 k="ghp_'); // the NUL is shown, not printed
    expect(text.stdout).not.toContain('\0');
    // the same, read in chunks
    const chunked = scanChunked(['.'], 2048, 512, { cwd: dir });
    expect(chunked.report!.findings.map(place)).toEqual(['late.txt:901:10-901:50 github-pat-classic']);
    expect(chunked.report!.stats.skipped).toEqual(r.report!.stats.skipped);
  });

  it('counts CRLF lines exactly and shows the line without its CR', () => {
    const dir = tempDir();
    writeFiles(dir, { 'win.ini': `[default]\r\nregion = eu-west-1\r\naws_access_key_id = ${AWS_KEY_ID}\r\n\r\ntoken = ${GITHUB_PAT}\r\n` });
    const r = scanJson(['win.ini'], { cwd: dir });
    expect(r.report!.findings.map(place)).toEqual(['win.ini:3:21-3:41 aws-access-key-id', 'win.ini:5:9-5:49 github-pat-classic']);
    const text = runCli(['scan', 'win.ini'], { cwd: dir });
    expect(text.stdout).toContain('\n  3 | aws_access_key_id = AKIA************LQRW\n');
    expect(text.stdout).not.toContain('\r');
  });

  it('takes a lone CR (old Mac endings) as a line break, as an editor does, and never glues a secret to its neighbour', () => {
    const dir = tempDir();
    const mac = `a = 1\rpassword = ${GENERIC_PASSWORD}\rk="${AWS_KEY_ID}"\rb = 2\r`;
    const mixed = `x\r\ny\rtoken: ${GITHUB_PAT}\rafter\n\rk=${AWS_KEY_ID}\r`;
    writeFiles(dir, { 'mac.txt': mac, 'mixed.txt': mixed });
    const expected = [
      'mac.txt:2:12-2:32 generic-secret-assignment',
      'mac.txt:3:4-3:24 aws-access-key-id',
      'mixed.txt:3:8-3:48 github-pat-classic',
      'mixed.txt:6:3-6:23 aws-access-key-id',
    ];
    for (const [chunk, overlap] of [[undefined, undefined], [7, 64]]) {
      const r = scanChunked(['.', '--no-redact'], chunk, overlap, { cwd: dir });
      expect(r.report!.findings.map(place)).toEqual(expected);
      expect(r.report!.findings.map((f) => f.secret)).toEqual([GENERIC_PASSWORD, AWS_KEY_ID, GITHUB_PAT, AWS_KEY_ID]);
    }
    // what the report promises is what an editor shows: LF, CRLF and a lone CR each end a line
    const at = positionOf(Buffer.from(mixed), mixed.indexOf(AWS_KEY_ID));
    expect(at).toEqual({ line: 6, column: 3 });
    const stdin = scanJson(['--stdin'], { input: mac });
    expect(stdin.report!.findings.map(place)).toEqual(['null:2:12-2:32 generic-secret-assignment', 'null:3:4-3:24 aws-access-key-id']);
    const text = runCli(['scan', 'mac.txt'], { cwd: dir });
    expect(text.stdout).toContain('\n  3 | k="AKIA************LQRW"\n');
    expect(text.stdout).not.toContain('\r');
  });
});
