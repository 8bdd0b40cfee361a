// Shared by the hostile git tests: repositories built fast, and reports read briefly.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { tempDir, type JsonReport } from '../helpers.js';

/** Findings as `rule file:line commit source`, commit shortened to 12 characters. */
export function brief(report: JsonReport | null): string[] {
  expect(report, 'a JSON report on stdout').not.toBeNull();
  return report!.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column} ${f.commit?.slice(0, 12) ?? '-'} ${f.source}`);
}

export const at = (rule: string, file: string, line: number, column: number, commit: string | null, source: string) =>
  `${rule} ${file}:${line}:${column} ${commit?.slice(0, 12) ?? '-'} ${source}`;

/**
 * Feeds `git fast-import` a stream written piece by piece (so a 100 MB blob never sits in this
 * process's memory): `write` receives a function taking strings or buffers.
 */
export function fastImport(repo: string, write: (out: (data: string | Buffer) => void) => void): void {
  const file = join(tempDir(), 'import.stream');
  const fd = openSync(file, 'w');
  try {
    write((data) => {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    });
  } finally {
    closeSync(fd);
  }
  const input = openSync(file, 'r');
  try {
    const r = spawnSync('git', ['-c', 'fastimport.unpackLimit=0', 'fast-import', '--quiet'], { cwd: repo, stdio: [input, 'pipe', 'pipe'], encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git fast-import failed: ${r.stderr}`);
  } finally {
    closeSync(input);
  }
}

/** `data` of a fast-import command: the byte count, then the bytes. */
export function data(content: string | Buffer): Buffer {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  return Buffer.concat([Buffer.from(`data ${bytes.length}\n`), bytes, Buffer.from('\n')]);
}

/** A commit command for fast-import; `files` maps paths to blob marks (`:1`) or inline content. */
export function commit(ref: string, mark: number, time: number, message: string, files: Record<string, string>, from?: string): string {
  const lines = [`commit ${ref}`, `mark :${mark}`, `author Test <test@example.com> ${time} +0000`, `committer Test <test@example.com> ${time} +0000`];
  const msg = Buffer.from(message);
  lines.push(`data ${msg.length}`, message);
  if (from) lines.push(`from ${from}`);
  for (const [path, content] of Object.entries(files)) {
    if (content.startsWith(':')) lines.push(`M 100644 ${content} ${path}`);
    else lines.push(`M 100644 inline ${path}`, `data ${Buffer.byteLength(content)}`, content);
  }
  return `${lines.join('\n')}\n\n`;
}

/** The real git's full path, for wrapper scripts that stand in for it. */
export function realGit(): string {
  const r = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' });
  return r.stdout.trim();
}
