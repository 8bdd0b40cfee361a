import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { findWorkTree, ignoredPaths } from '../git/ignored-paths.js';
import { isLfsPointer, LFS_POINTER } from '../git/lfs-pointer.js';
import type { Fragment, Skipped } from '../types.js';
import { decode } from './decode.js';
import { formatBytes } from '../format-bytes.js';

export interface FileSourceOptions {
  /** Where relative paths start from. */
  cwd: string;
  maxFileSize: number;
  /** Every file or folder not scanned, with the reason. */
  onSkip: (skipped: Skipped) => void;
  /** A file that could not be read: the scan goes on, but cannot end clean. */
  onError: (message: string, path: string) => void;
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
  for (const path of paths.length > 0 ? paths : ['.']) {
    const root = await openRoot(path, options);
    if (!root) continue;
    // Synchronous file system calls: for many small files they cost far less than promises.
    for (const file of walk(root, root.display, root.real, seen, options)) {
      const fragment = readFragment(file, options);
      if (fragment) yield fragment;
    }
  }
}

async function openRoot(path: string, options: FileSourceOptions): Promise<Root | null> {
  let real: string;
  try {
    real = realpathSync(resolve(options.cwd, path));
  } catch (err) {
    options.onError(`cannot read ${path}: ${describe(err)}`, path);
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
      const target = realpathOrNull(real);
      if (target === null) return options.onSkip({ path: display, reason: 'broken symlink' });
      if (!isInside(root.real, target)) return options.onSkip({ path: display, reason: 'symlink points outside the scanned tree' });
      stats = statSync(target);
      real = target;
    }
  } catch (err) {
    return options.onError(`cannot read ${display}: ${describe(err)}`, display);
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
      return options.onError(`cannot read folder ${display}: ${describe(err)}`, display);
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

function readFragment({ display: path, real, stats }: FileEntry, options: FileSourceOptions): Fragment | null {
  if (stats.size > options.maxFileSize) {
    options.onSkip({ path, reason: `larger than the size limit (${formatBytes(stats.size)} > ${formatBytes(options.maxFileSize)})` });
    return null;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(real);
  } catch (err) {
    options.onError(`cannot read ${path}: ${describe(err)}`, path);
    return null;
  }
  const decoded = decode(bytes);
  if (decoded.binary) {
    options.onSkip({ path, reason: 'binary (NUL byte in the first 8 KB)' });
    return null;
  }
  if (isLfsPointer(decoded.content)) {
    options.onSkip({ path, reason: LFS_POINTER });
    return null;
  }
  return { kind: 'file', path, content: decoded.content };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function realpathOrNull(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
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
  return e.message ?? String(err);
}

