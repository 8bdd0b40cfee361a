// Shared by the hostile input and output tests: positions as an editor shows them, runs with
// tiny chunks, and peak memory of a real CLI process.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, scanJson, tempDir, type JsonReport } from '../helpers.js';

/**
 * Where byte `offset` of a text is, as the report promises: 1-based line (LF, CRLF and a lone CR
 * each end a line, as an editor shows them) and 1-based column counted in characters (a broken
 * UTF-8 sequence is one U+FFFD). Computed from the text alone, not from leakguard.
 */
export function positionOf(text: Buffer, offset: number): { line: number; column: number } {
  const lines = text.toString('utf8', 0, offset).split(/\r\n|\r|\n/);
  return { line: lines.length, column: [...lines[lines.length - 1]].length + 1 };
}

/** Every occurrence of `needle` in `haystack`, as byte offsets. */
export function offsetsOf(haystack: Buffer, needle: string): number[] {
  const found: number[] = [];
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) found.push(i);
  return found;
}

/** The environment for a run with tiny chunks (or the defaults when `chunk` is undefined). */
export function chunkEnv(chunk?: number, overlap?: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.LEAKGUARD_CHUNK_BYTES;
  delete env.LEAKGUARD_CHUNK_OVERLAP;
  if (chunk !== undefined) env.LEAKGUARD_CHUNK_BYTES = String(chunk);
  if (overlap !== undefined) env.LEAKGUARD_CHUNK_OVERLAP = String(overlap);
  return env;
}

/** scan --format json with chunk sizes set. */
export function scanChunked(args: string[], chunk: number | undefined, overlap: number | undefined, options: SpawnSyncOptions = {}) {
  return scanJson(args, { ...options, env: chunkEnv(chunk, overlap), maxBuffer: 256 * 1024 * 1024 });
}

export type Finding = JsonReport['findings'][number];

/** A finding as `file:line:column-endLine:endColumn rule`, for exact comparisons. */
export const place = (f: Finding) => `${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.ruleId}`;

/**
 * Writes `size` bytes of `unit` repeated (size must be a multiple of the unit's length) and then
 * `tail`, a block at a time: large files are made in a moment and never held whole.
 */
export function writeRepeated(path: string, unit: string | Buffer, size: number, tail: string | Buffer = ''): void {
  const unitBytes = Buffer.from(unit);
  if (size % unitBytes.length !== 0) throw new Error('size must be a multiple of the unit length');
  const perBlock = Math.max(1, Math.floor((16 * 1024 * 1024) / unitBytes.length)) * unitBytes.length;
  const block = Buffer.alloc(Math.min(perBlock, size), unitBytes);
  const fd = openSync(path, 'w');
  try {
    for (let left = size; left > 0; left -= block.length) writeSync(fd, block, 0, Math.min(block.length, left));
    writeSync(fd, Buffer.from(tail));
  } finally {
    closeSync(fd);
  }
}

/**
 * Runs the CLI as a real process and measures its peak resident memory in KB (getrusage's
 * ru_maxrss, what /usr/bin/time -f %M prints), read by the process itself on its way out.
 */
export function runMeasured(args: string[], options: SpawnSyncOptions = {}): { status: number | null; stdout: string; stderr: string; peakKb: number } {
  const dir = tempDir();
  const rssFile = join(dir, 'rss');
  const wrapper = join(dir, 'measure.mjs');
  writeFileSync(
    wrapper,
    `import { writeFileSync } from 'node:fs';\n` +
      `process.on('exit', () => writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n` +
      `process.argv.splice(1, 1, ${JSON.stringify(CLI)});\n` +
      `await import(${JSON.stringify(CLI)});\n`,
  );
  const run = spawnSync(process.execPath, [wrapper, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  return { status: run.status, stdout: String(run.stdout), stderr: String(run.stderr), peakKb: Number(readFileSync(rssFile, 'utf8')) };
}
