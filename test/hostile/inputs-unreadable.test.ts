// Hostile inputs, issue #8: what cannot be read, and what changes while it is read. Nothing may
// pass as clean without a word: an unreadable path is named, the scan goes on, and it ends with
// exit 2 unless there are findings (then 1, with the unreadable path still named).
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_KEY_ID, GITHUB_PAT } from '../fixtures/secrets.js';
import { CLI, tempDir, writeFiles, type JsonReport } from '../helpers.js';
import { chunkEnv, place, scanChunked } from './inputs-helpers.js';

const isRoot = process.getuid?.() === 0;

/** A folder nested so deep that its path is longer than PATH_MAX: unreadable even for root. */
function tooDeep(root: string): string {
  const made = spawnSync(process.execPath, ['-e', `
    const fs = require('fs');
    process.chdir(process.argv[1]);
    fs.mkdirSync('deep'); process.chdir('deep');
    for (let i = 0; i < 24; i++) { const name = 'd'.repeat(200); fs.mkdirSync(name); process.chdir(name); }
    fs.writeFileSync('leaf.env', 'TOKEN=' + process.argv[2] + '\\n');
  `, root, GITHUB_PAT]);
  expect(made.status).toBe(0);
  return join(root, 'deep');
}

/** rm -rf: it walks a tree deeper than PATH_MAX, which Node's rmSync cannot. */
function removeDeep(path: string): void {
  spawnSync('rm', ['-rf', path]);
}

/** Splits stderr into its lines: every message must be one line. */
const stderrLines = (stderr: string) => stderr.split('\n').filter((l) => l !== '');

describe('an unreadable input', () => {
  it('a folder too deep to open: named, the scan goes on, exit 2 when nothing is found and 1 when something is', () => {
    const dir = tempDir();
    const deep = tooDeep(dir);
    try {
      writeFiles(dir, { 'clean.txt': 'nothing here\n' });
      const clean = scanChunked(['.'], undefined, undefined, { cwd: dir });
      expect(clean.status).toBe(2);
      expect(clean.report!.findings).toEqual([]);
      const lines = stderrLines(clean.stderr);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^leakguard: cannot read deep\/(d{200}\/)+d{200}: path too long$/);
      expect(lines[1]).toBe('leakguard: 1 path could not be read: the scan is incomplete');
      const skipped = clean.report!.stats.skipped;
      expect(skipped).toHaveLength(1);
      expect(skipped[0].path).toMatch(/^deep\/(d{200}\/)+d{200}$/);
      expect(skipped[0].reason).toBe('unreadable: path too long');
      expect(clean.report!.stats.fragments).toBe(1); // clean.txt was still scanned

      writeFiles(dir, { 'leak.env': `AWS=${AWS_KEY_ID}\n` });
      const leak = scanChunked(['.'], undefined, undefined, { cwd: dir });
      expect(leak.status).toBe(1);
      expect(leak.report!.findings.map(place)).toEqual(['leak.env:1:5-1:25 aws-access-key-id']);
      expect(stderrLines(leak.stderr)[0]).toMatch(/^leakguard: cannot read deep\/.*: path too long$/);
    } finally {
      removeDeep(deep);
    }
  });

  it('a file without read permission: named, and the scan goes on (as root, the scan runs as nobody)', () => {
    const dir = tempDir();
    writeFiles(dir, { 'locked.env': `AWS=${AWS_KEY_ID}\n`, 'open.env': `TOKEN=${GITHUB_PAT}\n`, 'clean.txt': 'fine\n' });
    chmodSync(join(dir, 'locked.env'), 0o000);
    // root reads everything: drop to an unprivileged user, who may enter the folder but not read the file
    const asUser = isRoot ? { uid: 65534, gid: 65534 } : {};
    if (isRoot) chmodSync(dir, 0o755);
    const r = scanChunked(['.'], undefined, undefined, { cwd: dir, ...asUser });
    expect(r.status).toBe(1);
    expect(r.report!.findings.map(place)).toEqual(['open.env:1:7-1:47 github-pat-classic']);
    expect(stderrLines(r.stderr)).toEqual(['leakguard: cannot read locked.env: permission denied', 'leakguard: 1 path could not be read: the scan is incomplete']);
    expect(r.report!.stats.skipped).toEqual([{ path: 'locked.env', reason: 'unreadable: permission denied' }]);
    chmodSync(join(dir, 'open.env'), 0o000);
    expect(scanChunked(['.'], undefined, undefined, { cwd: dir, ...asUser }).status).toBe(2);
  });

  it('a file that fails as it is read (EIO), and one named that does not exist: both named, exit 2', () => {
    const dir = tempDir();
    writeFiles(dir, { 'ok.txt': 'fine\n' });
    const paths = ['ok.txt', 'missing.txt', ...(existsSync('/proc/self/mem') ? ['/proc/self/mem'] : [])];
    const r = scanChunked(paths, undefined, undefined, { cwd: dir });
    expect(r.status).toBe(2);
    const lines = stderrLines(r.stderr);
    expect(lines).toContain('leakguard: cannot read missing.txt: no such file or folder');
    if (paths.length === 3) expect(lines).toContain('leakguard: cannot read /proc/self/mem: i/o error');
    expect(lines.at(-1)).toBe(`leakguard: ${paths.length - 1} paths could not be read: the scan is incomplete`);
    expect(r.report!.stats.fragments).toBe(1);
  });
});

/** Runs the CLI while `mutate` (a Node script) rewrites files in a loop; stops it when the scan ends. */
async function scanWhile(dir: string, args: string[], mutate: string, env: NodeJS.ProcessEnv) {
  const mutator = spawn(process.execPath, ['-e', mutate], { cwd: dir, stdio: 'ignore' });
  const mutatorClosed = new Promise((resolve) => mutator.on('close', resolve));
  await new Promise((resolve) => setTimeout(resolve, 100)); // let it start changing things
  const scan = spawn(process.execPath, [CLI, 'scan', ...args, '--format', 'json'], { cwd: dir, env });
  let stdout = '';
  let stderr = '';
  scan.stdout.on('data', (d) => (stdout += d));
  scan.stderr.on('data', (d) => (stderr += d));
  const status = await new Promise<number | null>((resolve) => scan.on('close', resolve));
  mutator.kill();
  await mutatorClosed;
  return { status, stdout, stderr, report: JSON.parse(stdout) as JsonReport };
}

describe('a file that changes during the scan', () => {
  it('rewritten, truncated and grown in a loop: either scanned or named, never a crash', async () => {
    const dir = tempDir();
    const stable: Record<string, string> = {};
    for (let i = 0; i < 1500; i++) stable[`files/f${String(i).padStart(4, '0')}.txt`] = `const n = ${i};\n`;
    stable['files/zz-leak.env'] = `TOKEN=${GITHUB_PAT}\n`;
    writeFiles(dir, { ...stable, 'files/m-changing.log': 'start\n' });
    const mutate = `
      const fs = require('fs'); const p = 'files/m-changing.log';
      const big = Buffer.alloc(3 << 20, 'line of log text\\n');
      for (let i = 0; ; i++) {
        if (i % 3 === 0) fs.writeFileSync(p, big);
        else if (i % 3 === 1) fs.truncateSync(p, 1000);
        else fs.appendFileSync(p, big.subarray(0, 1 << 20));
      }`;
    // small chunks and a 2 MB limit: the file is read window by window, and crosses the limit as it grows
    for (let round = 0; round < 2; round++) {
      const r = await scanWhile(dir, ['files', '--max-file-size', '2MB'], mutate, chunkEnv(64 * 1024, 4096));
      expect(r.stderr).toBe('');
      expect(r.status).toBe(1);
      expect(r.report.findings.map(place)).toEqual(['files/zz-leak.env:1:7-1:47 github-pat-classic']);
      const notes = r.report.stats.skipped.filter((s) => s.path === 'files/m-changing.log').map((s) => s.reason);
      const notScanned = notes.filter((n) => n.startsWith('larger than the size limit')).length;
      expect(notes.every((n) => /^larger than the size limit|^grew past the size limit while it was read/.test(n))).toBe(true);
      expect(notScanned).toBeLessThanOrEqual(1);
      // every stable file, and the changing one unless it was listed as too large
      expect(r.report.stats.fragments).toBe(Object.keys(stable).length + 1 - notScanned);
    }
  });

  it('deleted while the scan runs: each vanished file is named, and the rest is still scanned', async () => {
    const dir = tempDir();
    const doomed: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) doomed[`doomed/f${String(i).padStart(4, '0')}.txt`] = `const n = ${i};\n`;
    writeFiles(dir, { ...doomed, 'keep/leak.env': `AWS=${AWS_KEY_ID}\n` });
    writeFileSync(join(dir, 'list.json'), JSON.stringify(Object.keys(doomed).reverse()));
    // deletes from the end of the walk backwards, so that the scan and the deletions meet
    const mutate = `
      const fs = require('fs');
      for (const p of JSON.parse(fs.readFileSync('list.json', 'utf8'))) fs.rmSync(p, { force: true });`;
    const r = await scanWhile(dir, ['doomed', 'keep'], mutate, chunkEnv());
    expect(r.status).toBe(1);
    expect(r.report.findings.map(place)).toEqual(['keep/leak.env:1:5-1:25 aws-access-key-id']);
    const vanished = r.report.stats.skipped;
    expect(vanished.every((s) => s.path.startsWith('doomed/') && s.reason === 'unreadable: no such file or folder')).toBe(true);
    const lines = stderrLines(r.stderr);
    if (vanished.length > 0) {
      expect(lines).toEqual([
        ...vanished.map((s) => `leakguard: cannot read ${s.path}: no such file or folder`),
        `leakguard: ${vanished.length} path${vanished.length === 1 ? '' : 's'} could not be read: the scan is incomplete`,
      ]);
    } else {
      expect(lines).toEqual([]);
    }
    // what was listed was either scanned or named: scanned + named never exceeds what existed
    expect(r.report.stats.fragments + vanished.length).toBeLessThanOrEqual(3001);
    expect(r.report.stats.fragments).toBeGreaterThanOrEqual(1);
  });
});
