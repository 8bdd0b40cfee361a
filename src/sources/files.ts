import { closeSync, constants, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { findWorkTree, ignoredPaths } from '../git/ignored-paths.js';
import { isLfsPointer, LFS_POINTER } from '../git/lfs-pointer.js';
import type { Fragment, Skipped } from '../types.js';
import { chunkSizes, windows, type ChunkSizes } from './chunks.js';
import { decode, loneCrAsLf, loneCrToLf, sniffPieces, utf8Pieces } from './decode.js';
import { formatBytes } from '../format-bytes.js';
import { printablePath } from '../printable.js';

export interface FileSourceOptions {
  /** Where relative paths start from. */
  cwd: string;
  maxFileSize: number;
  /** Every file or folder not scanned, with the reason. */
  onSkip: (skipped: Skipped) => void;
  /** A file that could not be read: the scan goes on, but cannot end clean. `reason` is for the skipped list. */
  onError: (message: string, path: string, reason: string) => void;
  /** Consult .gitignore when a path lies in a git work tree (default true). */
  gitignore?: boolean;
}

interface Root {
  display: string;
  real: string;
  ignored: Set<string> | null;
  workTree: string | null;
}

interface FileEntry {
  display: string;
  real: string;
  stats: Stats;
}

/**
 * Files and folders as they are on disk. Walks folders (sorted, so output is stable), skips `.git`,
 * honours .gitignore inside a work tree, never follows a symlink out of the tree or round a loop,
 * and reports every file it does not scan.
 */
export async function* fileFragments(paths: string[], options: FileSourceOptions): AsyncGenerator<Fragment> {
  const seen = new Set<string>(); // dev:ino of every folder and file visited, against loops and repeats
  const sizes = chunkSizes();
  for (const path of paths.length > 0 ? paths : ['.']) {
    const root = await openRoot(path, options);
    if (!root) continue;
    // Synchronous file system calls: for many small files they cost far less than promises.
    for (const file of walk(root, root.display, root.real, seen, options)) {
      const read = readFile(file, sizes, options);
      if (read === null) continue;
      if ('kind' in read) yield read;
      else yield* read;
    }
  }
}

async function openRoot(path: string, options: FileSourceOptions): Promise<Root | null> {
  let real: string;
  try {
    real = realpathSync(resolve(options.cwd, path));
  } catch (err) {
    unreadable(options, path, err);
    return null;
  }
  const display = displayPath(path);
  let ignored: Set<string> | null = null;
  let workTree: string | null = null;
  if (options.gitignore !== false && isFolder(real)) { // a file named outright is scanned whatever .gitignore says
    workTree = findWorkTree(real);
    if (workTree) {
      try {
        ignored = await ignoredPaths(workTree);
      } catch (err) {
        options.onSkip({ path: display, reason: `.gitignore not applied: ${describe(err)}` });
      }
    }
  }
  return { display, real, ignored, workTree };
}

function* walk(
  root: Root,
  display: string,
  real: string,
  seen: Set<string>,
  options: FileSourceOptions,
): Generator<FileEntry> {
  let stats: Stats;
  try {
    stats = lstatSync(real);
    if (stats.isSymbolicLink()) {
      const target = realpathOrProblem(real);
      if (typeof target !== 'string') return options.onSkip({ path: display, reason: target.problem });
      if (!isInside(root.real, target)) return options.onSkip({ path: display, reason: 'symlink points outside the scanned tree' });
      stats = statSync(target);
      real = target;
    }
  } catch (err) {
    return unreadable(options, display, err);
  }

  const identity = `${stats.dev}:${stats.ino}`;
  if (stats.isDirectory()) {
    if (seen.has(identity)) return options.onSkip({ path: display, reason: 'symlink loop or folder already scanned' });
    seen.add(identity);
    if (isIgnored(root, real, true)) return options.onSkip({ path: `${display}/`, reason: 'ignored by .gitignore' });
    let entries: string[];
    try {
      entries = readdirSync(real).sort();
    } catch (err) {
      return unreadable(options, display, err, 'folder ');
    }
    if (root.workTree && real !== root.real && entries.includes('.git')) {
      // A submodule (or a repository cloned inside this one) has its own .gitignore, which this
      // work tree's does not apply: scanned from here its ignored files would be read as ours.
      return options.onSkip({ path: `${display}/`, reason: `submodule or nested repository: not descended into (scan it separately: leakguard scan ${display})` });
    }
    for (const name of entries) {
      if (name === '.git') continue;
      yield* walk(root, display === '.' ? name : `${display}/${name}`, join(real, name), seen, options);
    }
    return;
  }
  if (!stats.isFile()) return options.onSkip({ path: display, reason: 'not a regular file' });
  if (seen.has(identity)) return; // the same file reached again through a symlink or hard link
  seen.add(identity);
  if (isIgnored(root, real, false)) return options.onSkip({ path: display, reason: 'ignored by .gitignore' });
  yield { display, real, stats };
}

/**
 * A file as fragments: the whole file in one, or, when it is larger than a chunk, one per window,
 * read as it is scanned so that memory stays bounded. What was read before a read error is still
 * scanned; the error is reported. Small files, nearly all of them, take a synchronous path.
 */
function readFile({ display: path, real, stats }: FileEntry, sizes: ChunkSizes, options: FileSourceOptions): Fragment | AsyncIterable<Fragment> | null {
  if (stats.size > options.maxFileSize) {
    options.onSkip({ path, reason: `larger than the size limit (${formatBytes(stats.size)} > ${formatBytes(options.maxFileSize)})` });
    return null;
  }
  let fd: number;
  try {
    // Non-blocking: a file swapped for a FIFO since it was listed must not hang the scan.
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    unreadable(options, path, err);
    return null;
  }
  let head: Buffer;
  const whole = Math.min(options.maxFileSize, sizes.chunk); // the most one fragment holds
  try {
    head = readAtMost(fd, Math.min(stats.size, whole) + 1); // one byte more than expected tells whether there is more
  } catch (err) {
    closeSync(fd);
    unreadable(options, path, err);
    return null;
  }
  if (head.length <= Math.min(stats.size, whole)) {
    closeSync(fd);
    const decoded = decode(head);
    if (decoded.binary) {
      options.onSkip({ path, reason: BINARY });
      return null;
    }
    if (isLfsPointer(decoded.content)) {
      options.onSkip({ path, reason: LFS_POINTER });
      return null;
    }
    return { kind: 'file', path, content: loneCrToLf(decoded.content) };
  }
  return largeFile(fd, path, head, sizes, options);
}

async function* largeFile(fd: number, path: string, head: Buffer, sizes: ChunkSizes, options: FileSourceOptions): AsyncGenerator<Fragment> {
  try {
    const limit = options.maxFileSize;
    const grew = () => options.onSkip({ path, reason: `grew past the size limit while it was read: only the first ${formatBytes(limit)} scanned` });
    if (head.length > limit) grew();
    const rest = head.length > limit ? [] : readPieces(fd, limit - head.length, grew);
    const { sniffed, pieces } = await sniffPieces(prepend(head.subarray(0, limit), rest));
    if (sniffed.binary) return options.onSkip({ path, reason: BINARY });
    for await (const { content, chunk } of windows(loneCrAsLf(utf8Pieces(pieces, sniffed)), sizes)) {
      yield { kind: 'file', path, content, ...(chunk ? { chunk } : {}) };
    }
  } catch (err) {
    unreadable(options, path, err);
  } finally {
    closeSync(fd);
  }
}

const BINARY = 'binary (NUL byte in the first 8 KB)';

/** Large files are read this much at a time. */
const PIECE_BYTES = 1024 * 1024;

/** Up to `n` bytes from the file's current position: fewer only at its end. */
function readAtMost(fd: number, n: number): Buffer {
  const bytes = Buffer.allocUnsafe(n);
  let got = 0;
  for (let r = -1; got < n && r !== 0; got += r) r = readSync(fd, bytes, got, n - got, null);
  return bytes.subarray(0, got);
}

/** The rest of a file, a piece at a time, up to `budget` bytes (a file that grows past it is cut, and said so). */
function* readPieces(fd: number, budget: number, onGrew: () => void): Generator<Buffer> {
  for (;;) {
    if (budget <= 0) {
      if (readSync(fd, Buffer.alloc(1), 0, 1, null) > 0) onGrew();
      return;
    }
    const piece = readAtMost(fd, Math.min(PIECE_BYTES, budget));
    if (piece.length === 0) return;
    budget -= piece.length;
    yield piece;
  }
}

function* prepend(first: Buffer, rest: Iterable<Buffer>): Generator<Buffer> {
  yield first;
  yield* rest;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function realpathOrProblem(path: string): string | { problem: string } {
  try {
    return realpathSync(path);
  } catch (err) {
    return { problem: (err as NodeJS.ErrnoException).code === 'ELOOP' ? 'symlink loop' : 'broken symlink' };
  }
}

function unreadable(options: FileSourceOptions, path: string, err: unknown, what = ''): void {
  const problem = describe(err);
  options.onError(`cannot read ${what}${printablePath(path)}: ${problem}`, path, `unreadable: ${problem}`);
}

function isIgnored(root: Root, real: string, isDir: boolean): boolean {
  if (!root.ignored || !root.workTree || real === root.real) return false; // a path named outright is scanned
  const rel = relative(root.workTree, real).split(sep).join('/');
  if (rel === '' || rel.startsWith('..')) return false;
  return root.ignored.has(isDir ? `${rel}/` : rel);
}

function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The path as the user gave it, with forward slashes and without a leading `./`. */
function displayPath(path: string): string {
  const slashed = path.split(sep).join('/').replace(/\/+$/, '');
  if (slashed === '' ) return '/';
  const trimmed = slashed.replace(/^(\.\/)+/, '');
  return trimmed === '' ? '.' : trimmed;
}

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
  if (e.code === 'ENOENT') return 'no such file or folder';
  if (e.code === 'ENAMETOOLONG') return 'path too long';
  // "EIO: i/o error, read" → "i/o error": the path is already in the message
  return (e.message ?? String(err)).replace(/^[A-Z]+: /, '').replace(/, \w+(?: '.*)?$/s, '');
}
