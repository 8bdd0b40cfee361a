// Hostile inputs, issue #8: files and standard input far larger than memory should hold at once.
// Files larger than a chunk are scanned window by window (src/sources/chunks.ts); tiny chunks
// (LEAKGUARD_CHUNK_BYTES / LEAKGUARD_CHUNK_OVERLAP) put many boundaries where the secrets are.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_KEY_ID, GENERIC_PASSWORD, GITHUB_PAT, fakePrivateKey } from '../fixtures/secrets.js';
import { runCli, tempDir, writeFiles } from '../helpers.js';
import { chunkEnv, offsetsOf, place, positionOf, runMeasured, scanChunked, writeRepeated } from './inputs-helpers.js';

const MB = 1024 * 1024;

/** What a planted secret must be reported as: its rule at its exact start and end. */
function expectedPlace(file: string | null, text: Buffer, start: number, secret: string, ruleId: string): string {
  const from = positionOf(text, start);
  const to = positionOf(text, start + Buffer.byteLength(secret));
  return `${file}:${from.line}:${from.column}-${to.line}:${to.column} ${ruleId}`;
}

/** A reproducible mess: multi-byte and broken UTF-8, every line ending, long lines, and secrets. */
function messyText(seed: number, parts: number): { text: Buffer; planted: string[] } {
  let state = seed;
  const random = (n: number) => {
    // mulberry32: small, and good enough to mix the pieces
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
  const fillers = ['let a = 1; ', 'é', '日本語', '🎉', '\r\n', '\n', '\r', '  ', 'x'.repeat(300), '\t'];
  const secrets: [string, string][] = [[AWS_KEY_ID, 'aws-access-key-id'], [GITHUB_PAT, 'github-pat-classic']];
  const pieces: Buffer[] = [];
  const planted: [number, string, string][] = [];
  let length = 0;
  const push = (b: Buffer) => {
    pieces.push(b);
    length += b.length;
  };
  for (let i = 0; i < parts; i++) {
    const r = random(16);
    if (r === 0) {
      const [secret, rule] = secrets[random(secrets.length)];
      push(Buffer.from(' k="'));
      planted.push([length, secret, rule]);
      push(Buffer.from(`${secret}" `));
    } else if (r === 1) {
      push(Buffer.from([0xff, 0xc3, 0x20])); // a stray byte and a truncated sequence
    } else {
      push(Buffer.from(fillers[random(fillers.length)].repeat(1 + random(20))));
    }
  }
  const text = Buffer.concat(pieces);
  return { text, planted: planted.map(([start, secret, rule]) => expectedPlace('mess.txt', text, start, secret, rule)) };
}

describe('a file larger than a chunk is scanned in bounded memory', () => {
  it('finds the secret at the very end of a 50 MB single-line minified file, on line 1 at its exact column', () => {
    const dir = tempDir();
    const unit = 'var s="é→🎉",n=1;'; // 2-, 3- and 4-byte characters: columns count characters, not bytes
    const unitBytes = Buffer.byteLength(unit);
    const size = Math.floor((50 * MB) / unitBytes) * unitBytes;
    const tail = `k="${AWS_KEY_ID}";`;
    writeRepeated(join(dir, 'bundle.min.js'), unit, size, tail);

    const r = runMeasured(['scan', 'bundle.min.js', '--format', 'json'], { cwd: dir, env: chunkEnv() });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    const column = (size / unitBytes) * [...unit].length + 4;
    expect(report.findings.map(place)).toEqual([`bundle.min.js:1:${column}-1:${column + AWS_KEY_ID.length} aws-access-key-id`]);
    // one file, counted once, each byte counted once (the windows' overlaps are not)
    expect(report.stats).toMatchObject({ fragments: 1, bytesScanned: size + tail.length, skipped: [] });
    expect(r.peakKb).toBeLessThan(250 * 1024);
  });

  it('finds every secret that crosses a chunk boundary once, at its exact place, on a single line of multi-byte text', () => {
    const dir = tempDir();
    const chunk = 4096;
    // A secret every chunk, starting a little before, on, or after the boundary, so some straddle it
    // and some end exactly on it; 'é' fillers put boundaries inside characters too.
    const pieces: Buffer[] = [];
    const planted: number[] = [];
    let length = 0;
    for (let k = 1; k <= 30; k++) {
      const start = k * chunk - 25 + k; // from 24 bytes before the boundary to 5 after
      const filler = Buffer.from('é;'.repeat(Math.ceil((start - length) / 3)));
      const gap = filler.subarray(0, start - length - 1);
      pieces.push(gap, Buffer.from('"'), Buffer.from(AWS_KEY_ID), Buffer.from('"'));
      planted.push(length + gap.length + 1);
      length += gap.length + AWS_KEY_ID.length + 2;
    }
    const text = Buffer.concat(pieces);
    writeFiles(dir, { 'line.txt': text });
    const expected = planted.map((start) => expectedPlace('line.txt', text, start, AWS_KEY_ID, 'aws-access-key-id'));

    for (const [size, overlap] of [[chunk, 1024], [1000, 64], [777, 2048]]) {
      const r = scanChunked(['line.txt'], size, overlap, { cwd: dir });
      expect(r.status).toBe(1);
      expect(r.report!.findings.map(place)).toEqual(expected);
      expect(r.report!.stats.fragments).toBe(1);
      expect(r.report!.stats.bytesScanned).toBe(text.length);
    }
  });

  it('gives the same findings window by window as whole, on a mess of encodings and line endings', () => {
    const dir = tempDir();
    const { text, planted } = messyText(7, 4000);
    writeFiles(dir, { 'mess.txt': text });
    const whole = scanChunked(['mess.txt'], 64 * MB, undefined, { cwd: dir });
    expect(whole.status).toBe(1);
    const found = whole.report!.findings.map(place);
    expect(found).toEqual(expect.arrayContaining(planted)); // every planted secret, exactly where it is
    expect(planted.length).toBeGreaterThan(100);
    for (const [size, overlap] of [[4096, 512], [1500, 2048], [65536, 100]]) {
      const r = scanChunked(['mess.txt'], size, overlap, { cwd: dir });
      expect(r.report!.findings.map(place)).toEqual(found);
    }
  });

  it('finds a multi-line private key that crosses boundaries once, with its exact start and end', () => {
    const dir = tempDir();
    const key = fakePrivateKey();
    const lines = Array.from({ length: 400 }, (_, i) => `line ${i} ${'-'.repeat(i % 50)}`);
    const text = Buffer.from(`${lines.slice(0, 150).join('\n')}\n${key}\n${lines.slice(150).join('\n')}\n${key}\n`);
    writeFiles(dir, { 'keys.pem.txt': text });
    const [first, second] = offsetsOf(text, '-----BEGIN');
    const expected = [first, second].map((start) => expectedPlace('keys.pem.txt', text, start, key, 'private-key-pem'));
    for (const [size, overlap] of [[64 * MB, undefined], [600, 2048], [2048, 1500]]) {
      const r = scanChunked(['keys.pem.txt'], size, overlap, { cwd: dir });
      expect(r.report!.findings.map(place)).toEqual(expected);
    }
  });

  it('honours inline ignores, false-alarm context and shows the line in a chunk', () => {
    const dir = tempDir();
    // 64-byte lines: a 4096-byte chunk ends after line 64, so line 64's marker and line 65's
    // secret fall in different chunks.
    const row = (text: string) => `${text}${' '.repeat(63 - Buffer.byteLength(text))}\n`;
    const rows = Array.from({ length: 200 }, (_, i) => row(`// filler ${i + 1}`));
    rows[63] = row('# leakguard:allow-next-line -- test fixture');
    rows[64] = row(`k="${AWS_KEY_ID}"`);
    rows[127] = row(`gh="${GITHUB_PAT}" # leakguard:allow`);
    rows[130] = row(`password = "${GENERIC_PASSWORD}"`); // reported: a short line
    rows[191] = row(`k2="${AWS_KEY_ID}"`); // reported: nothing silences it
    const longLine = `${'w'.repeat(3000)} password = "${GENERIC_PASSWORD}" ${'w'.repeat(3000)}\n`; // a minified line: generic rules pass
    const text = Buffer.from(rows.slice(0, 150).join('') + longLine + rows.slice(150).join(''));
    writeFiles(dir, { 'app.conf': text });

    const expected = [
      expectedPlace('app.conf', text, text.indexOf(GENERIC_PASSWORD), GENERIC_PASSWORD, 'generic-secret-assignment'),
      expectedPlace('app.conf', text, text.lastIndexOf(AWS_KEY_ID), AWS_KEY_ID, 'aws-access-key-id'),
    ];
    for (const [size, overlap] of [[64 * MB, undefined], [4096, 1024], [4096, 4096], [3000, 2048]]) {
      const r = scanChunked(['app.conf'], size, overlap, { cwd: dir });
      expect(r.report!.findings.map(place)).toEqual(expected);
    }
    const shown = runCli(['scan', 'app.conf'], { cwd: dir, env: chunkEnv(4096, 1024) });
    expect(shown.stdout).toContain(`\n  193 | k2="AKIA************LQRW"\n`);
    expect(shown.stdout).toContain(`\n  131 | password = "fAkE************t4Zv"\n`);
  });

  it('decodes a large UTF-16 file (LE and BE) window by window, with exact lines and columns', () => {
    const dir = tempDir();
    const { text: utf8 } = messyText(11, 3000);
    const decoded = utf8.toString('utf8'); // what a UTF-16 file can hold: broken bytes are U+FFFD already
    const text = Buffer.from(decoded);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(decoded, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(decoded, 'utf16le').swap16()]);
    writeFiles(dir, { 'le.txt': le, 'be.txt': be });
    const expected = (file: string) =>
      offsetsOf(text, AWS_KEY_ID).map((start) => expectedPlace(file, text, start, AWS_KEY_ID, 'aws-access-key-id'));
    for (const file of ['le.txt', 'be.txt']) {
      for (const [size, overlap] of [[64 * MB, undefined], [4096, 1024], [999, 333]]) {
        const r = scanChunked([file], size, overlap, { cwd: dir });
        const aws = r.report!.findings.filter((f) => f.ruleId === 'aws-access-key-id').map(place);
        expect(aws).toEqual(expected(file));
        expect(aws.length).toBeGreaterThan(30);
      }
    }
  });
});

describe('standard input larger than a chunk', () => {
  it('finds the secret at the end of 20 MB of input with its exact line and column', () => {
    const unit = 'log: request handled in 12 ms\n';
    const lines = Math.floor((20 * MB) / unit.length);
    const input = Buffer.concat([Buffer.alloc(lines * unit.length, unit), Buffer.from(`é🎉 k="${AWS_KEY_ID}"\n`)]);
    const r = scanChunked(['--stdin'], undefined, undefined, { input });
    expect(r.status).toBe(1);
    expect(r.report!.findings.map(place)).toEqual([`null:${lines + 1}:7-${lines + 1}:27 aws-access-key-id`]);
    expect(r.report!.stats).toMatchObject({ fragments: 1, bytesScanned: input.length });
  });

  it('gives the same findings with tiny chunks as whole, UTF-16 included', () => {
    const { text, planted } = messyText(3, 3000);
    const asStdin = planted.map((p) => p.replace(/^mess\.txt:/, 'null:'));
    for (const [size, overlap] of [[64 * MB, undefined], [4096, 512], [1234, 2048]]) {
      const r = scanChunked(['--stdin'], size, overlap, { input: text });
      expect(r.report!.findings.map(place)).toEqual(expect.arrayContaining(asStdin));
      expect(r.report!.findings.filter((f) => f.ruleId === 'aws-access-key-id' || f.ruleId === 'github-pat-classic')).toHaveLength(asStdin.length);
    }
    const decoded = text.toString('utf8');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(decoded, 'utf16le')]);
    const r = scanChunked(['--stdin'], 4096, 512, { input: utf16 });
    const aws = offsetsOf(Buffer.from(decoded), AWS_KEY_ID).map((start) => expectedPlace(null, Buffer.from(decoded), start, AWS_KEY_ID, 'aws-access-key-id'));
    expect(r.report!.findings.filter((f) => f.ruleId === 'aws-access-key-id').map(place)).toEqual(aws);
  });
});

describe('a 200 MB file', () => {
  it('is skipped and listed under the default limit, and scanned in bounded memory with --max-file-size 300MB', () => {
    const dir = tempDir();
    const unit = 'const value = compute(input, 42);\n';
    const size = Math.floor((200 * MB) / unit.length) * unit.length;
    const lines = size / unit.length;
    writeRepeated(join(dir, 'huge.log'), unit, size, `k="${AWS_KEY_ID}"\n`);

    const skipped = scanChunked(['.'], undefined, undefined, { cwd: dir });
    expect(skipped.status).toBe(0); // nothing else is wrong: a listed skip is not an error
    expect(skipped.report!.findings).toEqual([]);
    expect(skipped.report!.stats.skipped).toEqual([{ path: 'huge.log', reason: 'larger than the size limit (200.0 MB > 100.0 MB)' }]);
    const text = runCli(['scan', '.'], { cwd: dir });
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('· 1 skipped\n  skipped huge.log: larger than the size limit (200.0 MB > 100.0 MB)\n');

    writeFiles(dir, { 'small.env': `TOKEN=${GITHUB_PAT}\n` });
    const withFinding = scanChunked(['.'], undefined, undefined, { cwd: dir });
    expect(withFinding.status).toBe(1);
    expect(withFinding.report!.findings.map(place)).toEqual(['small.env:1:7-1:47 github-pat-classic']);
    expect(withFinding.report!.stats.skipped.map((s) => s.path)).toEqual(['huge.log']);

    const r = runMeasured(['scan', 'huge.log', '--max-file-size', '300MB', '--format', 'json'], { cwd: dir, env: chunkEnv() });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.findings.map(place)).toEqual([`huge.log:${lines + 1}:4-${lines + 1}:24 aws-access-key-id`]);
    expect(report.stats.skipped).toEqual([]);
    expect(r.peakKb).toBeLessThan(250 * 1024);
  });
});
