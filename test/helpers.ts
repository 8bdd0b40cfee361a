import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

export const CLI = new URL('../dist/cli.cjs', import.meta.url).pathname;
export const REPO_ROOT = new URL('..', import.meta.url).pathname;

const made: string[] = [];
afterEach(() => {
  while (made.length) rmSync(made.pop()!, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'leakguard-test-'));
  made.push(dir);
  return dir;
}

/** Writes files (path → content) under `root`, making folders as needed. */
export function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a real process. */
export function runCli(args: string[], options: SpawnSyncOptions = {}): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    ...options,
  });
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** `scan --format json` over `args`, parsed. */
export function scanJson(args: string[], options: SpawnSyncOptions = {}) {
  const run = runCli(['scan', ...args, '--format', 'json'], options);
  let report: JsonReport | null = null;
  try {
    report = JSON.parse(run.stdout) as JsonReport;
  } catch {
    // left null: the test asserts on status and stderr
  }
  return { ...run, report };
}

export interface JsonReport {
  version: number;
  findings: Array<{
    ruleId: string; description: string; severity: string; source: string; file: string | null;
    line: number; column: number; endLine: number; endColumn: number; commit: string | null;
    author: string | null; date: string | null; secret: string; entropy: number; fingerprint: string; remediation: string;
  }>;
  stats: { bytesScanned: number; fragments: number; durationMs: number; skipped: Array<{ path: string; reason: string }> };
}

/** Runs git in `cwd`, failing the test on error. */
export function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

export function initRepo(dir: string): void {
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Test');
  git(dir, 'config', 'user.email', 'test@example.com');
}

/** Writes files and commits them all; returns the new commit's id. */
export function commitFiles(dir: string, files: Record<string, string | Buffer>, message: string): string {
  writeFiles(dir, files);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--no-verify', '-m', message);
  return git(dir, 'rev-parse', 'HEAD').trim();
}

/** A temporary repository with an identity set and `main` checked out. */
export function tempRepo(): string {
  const dir = tempDir();
  initRepo(dir);
  return dir;
}
