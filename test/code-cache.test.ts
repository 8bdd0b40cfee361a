import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_KEY_ID } from './fixtures/secrets.js';
import { git, REPO_ROOT, tempDir, tempRepo, writeFiles } from './helpers.js';

const DIST_FILES = ['cli.cjs', 'cli-commands.cjs', 'catalog.json', 'catalog-examples.json', 'keyword-tables.json', 'keyword-automaton.bin'];

/** A copy of the built package (its dependencies linked), without a code cache. */
function packageCopy(): { bin: string; cache: string; commands: string } {
  const root = tempDir();
  mkdirSync(join(root, 'dist'));
  for (const file of DIST_FILES) copyFileSync(join(REPO_ROOT, 'dist', file), join(root, 'dist', file));
  copyFileSync(join(REPO_ROOT, 'package.json'), join(root, 'package.json'));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
  const commands = join(root, 'dist', 'cli-commands.cjs');
  return { bin: join(root, 'dist', 'cli.cjs'), cache: `${commands}.v8-cache`, commands };
}

function stagedSecret(): string {
  const repo = tempRepo();
  writeFiles(repo, { 'settings.env': `AWS_KEY=${AWS_KEY_ID}\n`, 'app.js': 'export const two = 1 + 1;\n' });
  git(repo, 'add', '.');
  return repo;
}

function hook(bin: string, repo: string) {
  const r = spawnSync(process.execPath, [bin, 'scan', '--staged', '--format', 'json'], { cwd: repo, encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr, findings: JSON.parse(r.stdout || '{"findings":null}').findings as { ruleId: string; line: number }[] | null };
}

describe('the code cache of the commands bundle', () => {
  it('is made by the first run, used by the next, and made again when the bundle or node changes', () => {
    const { bin, cache, commands } = packageCopy();
    const repo = stagedSecret();
    const first = hook(bin, repo);
    expect(first.status).toBe(1);
    expect(first.findings!.map((f) => `${f.ruleId}:${f.line}`)).toEqual(['aws-access-key-id:1']);
    expect(existsSync(cache)).toBe(true);
    const stamp = (file: string) => readFileSync(file, 'latin1').split('\n', 1)[0];
    const size = statSync(commands).size;
    expect(stamp(cache)).toBe(`leakguard ${process.version} ${process.arch} ${size} ${statSync(commands).mtimeMs}`);

    // a cache V8 takes is left as it is, and the scan finds the same
    const made = statSync(cache).mtimeMs;
    expect(hook(bin, repo)).toEqual(first);
    expect(statSync(cache).mtimeMs).toBe(made);

    // the bundle rewritten (another modification time): the old cache is not used but replaced
    utimesSync(commands, new Date(), new Date(Date.now() - 60_000));
    expect(hook(bin, repo)).toEqual(first);
    expect(stamp(cache)).toBe(`leakguard ${process.version} ${process.arch} ${size} ${statSync(commands).mtimeMs}`);

    // a cache cut short, or damaged inside (V8 would crash on it, or run wrong code, unless its
    // checksum is checked): refused, replaced, and the scan finds the same
    const good = readFileSync(cache);
    expect(good.length).toBeGreaterThan(10_000);
    const damaged = Buffer.from(good);
    for (let at = 4096; at < damaged.length; at += 4099) damaged[at] ^= 0xff;
    for (const bad of [good.subarray(0, 200), damaged]) {
      writeFileSync(cache, bad);
      expect(hook(bin, repo)).toEqual(first);
      expect(readFileSync(cache).length).toBeGreaterThan(10_000);
      const remade = statSync(cache).mtimeMs;
      expect(hook(bin, repo)).toEqual(first);
      expect(statSync(cache).mtimeMs).toBe(remade);
    }
  });

  it('a package folder that cannot be written to: the scan runs without a cache, its exit code untouched', () => {
    if (process.getuid?.() === 0) {
      // root writes anywhere: take away the rename's target instead, a folder in the cache's place
      const { bin, cache } = packageCopy();
      mkdirSync(cache);
      writeFileSync(join(cache, 'keep'), '');
      const r = hook(bin, stagedSecret());
      expect(r.status).toBe(1);
      expect(r.stderr).toBe('');
      expect(statSync(cache).isDirectory()).toBe(true);
      return;
    }
    const { bin, cache } = packageCopy();
    chmodSync(join(cache, '..'), 0o555);
    try {
      const r = hook(bin, stagedSecret());
      expect(r.status).toBe(1);
      expect(existsSync(cache)).toBe(false);
    } finally {
      chmodSync(join(cache, '..'), 0o755);
    }
  });
});
