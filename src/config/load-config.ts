import { existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { LeakguardError } from '../errors.js';
import { findWorkTree } from '../git/ignored-paths.js';
import { requireCjs } from '../require-cjs.js';
import { jsonErrorPosition } from './json-position.js';
import { DEFAULT_MAX_FILE_SIZE, validateConfig, type Config } from './validate-config.js';

export const SEARCH_PLACES = [
  'package.json',
  '.leakguardrc',
  '.leakguardrc.json',
  '.leakguardrc.yaml',
  '.leakguardrc.yml',
  'leakguard.config.json',
  'leakguard.config.yaml',
  'leakguard.config.yml',
  'leakguard.config.js',
  'leakguard.config.mjs',
];

export interface LoadedConfig {
  config: Config;
  /** The file it came from, or null when none was found (defaults). */
  file: string | null;
  /** The folder the file sits in: path allowlists are relative to it. */
  root: string;
}

/**
 * Finds the configuration from `cwd` upwards to the top of the work tree (or loads `explicit`),
 * and validates it. A broken file is an error, never silently replaced by defaults: every
 * complaint is one line naming the file (and, for a syntax error, the line and column).
 * JSON files are read here; YAML and JavaScript through cosmiconfig, loaded only when needed
 * (it is most of a hook's start-up time otherwise).
 */
export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig> {
  const stopDir = findWorkTree(cwd) ?? cwd;
  const file = explicit ? resolve(cwd, explicit) : findConfigFile(cwd, stopDir);
  if (file === null) return { config: validateConfig({}, '(defaults)'), file: null, root: stopDir };
  if (explicit && !existsSync(file)) throw new LeakguardError(`config file not found: ${explicit}`);
  const where = explicit ?? file;
  const text = readText(file, where);
  let raw: unknown;
  if (/\.(?:c|m)?js$/.test(file)) {
    raw = await loadWithCosmiconfig(file, where);
  } else {
    const data = await parseConfigText(text, file, where);
    raw = basename(file) === 'package.json' ? (data as { leakguard?: unknown } | null)?.leakguard : data;
  }
  return { config: validateConfig(raw ?? {}, file), file, root: dirname(file) };
}

/**
 * A JSON or YAML config's text, parsed as its name says (a name without an extension is YAML).
 * Used for files on disk and for the base commit's config in CI, so both read a config alike.
 */
export async function parseConfigText(text: string, name: string, where: string): Promise<unknown> {
  text = stripBom(text);
  // An empty file is more likely a mistake (a truncated write, a botched merge) than a wish for the defaults.
  if (text.trim() === '') throw new LeakguardError(`config ${where} is empty: write {} to use the defaults, or delete it`);
  if (name.endsWith('.json')) return parseJson(text, where);
  const { defaultLoaders } = cosmiconfigModule();
  try {
    return await defaultLoaders['.yaml'](name, text);
  } catch (err) {
    throw configError(err, where);
  }
}

/** The first search place that exists, folder by folder upwards; package.json only with a `leakguard` key. */
function findConfigFile(cwd: string, stopDir: string): string | null {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const place of SEARCH_PLACES) {
      const path = join(dir, place);
      // lstat, not exists: a broken or looping symlink is a config that cannot be read, not none
      if (!lstatSync(path, { throwIfNoEntry: false })) continue;
      if (place !== 'package.json' || hasLeakguardKey(path)) return path;
    }
    if (dir === stopDir || dirname(dir) === dir) return null;
  }
}

function hasLeakguardKey(packageJson: string): boolean {
  try {
    const data = JSON.parse(stripBom(readFileSync(packageJson, 'utf8'))) as Record<string, unknown> | null;
    return data !== null && typeof data === 'object' && 'leakguard' in data;
  } catch {
    return false; // not ours to judge: a broken package.json is not a leakguard config
  }
}

async function loadWithCosmiconfig(file: string, where: string): Promise<unknown> {
  const { cosmiconfig } = cosmiconfigModule();
  try {
    return (await cosmiconfig('leakguard', { cache: false }).load(file))?.config;
  } catch (err) {
    throw configError(err, where);
  }
}

function configError(err: unknown, where: string): LeakguardError {
  // js-yaml's error carries the position (0-based) and the bare reason
  const { mark, reason } = err as { mark?: { line: number; column: number }; reason?: string };
  if (mark && reason) return new LeakguardError(`cannot parse config ${where}: invalid YAML at line ${mark.line + 1}, column ${mark.column + 1}: ${reason}`);
  const message = ((err as Error).message ?? String(err)).replace(/^(YAML|JSON|JS) Error in [^\n]*\n?/, '').split('\n').filter(Boolean)[0] ?? '';
  return new LeakguardError(`cannot load config ${where}: ${message}`);
}

/** The file's text, or a one-line reason it is no config: unreadable, a folder, empty. */
function readText(file: string, where: string): string {
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw new LeakguardError(`config ${where} is a folder, not a file`);
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof LeakguardError) throw err;
    throw new LeakguardError(`cannot read config ${where}: ${(err as Error).message.replace(/^[A-Z]+: /, '')}`);
  }
  if (stripBom(text).trim() === '') throw new LeakguardError(`config ${where} is empty: write {} to use the defaults, or delete it`);
  return text;
}

/** Editors on Windows start UTF-8 files with a byte order mark; JSON.parse refuses it. */
function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const at = jsonErrorPosition(text);
    // V8's reason without its position (ours is in lines and columns) or its quote of the text
    const reason = (err as Error).message.replace(/, (?:\.\.\.)?"[\s\S]*" is not valid JSON$/, '').replace(/ at position \d+[\s\S]*$/, '').replace(/ in JSON$/, '').split('\n')[0];
    throw new LeakguardError(`cannot parse config ${where}: invalid JSON${at ? ` at line ${at.line}, column ${at.column}` : ''}: ${reason}`);
  }
}

export { DEFAULT_MAX_FILE_SIZE };

/**
 * cosmiconfig, loaded when a config is not JSON. Required, not imported: the bin's commands are
 * compiled with a V8 code cache (scripts/load-with-code-cache.cjs), where a dynamic import has
 * no loader to call.
 */
function cosmiconfigModule(): typeof import('cosmiconfig') {
  return requireCjs('cosmiconfig') as typeof import('cosmiconfig');
}
