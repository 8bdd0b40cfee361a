import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { LeakguardError } from '../errors.js';
import { findWorkTree } from '../git/ignored-paths.js';
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
 * and validates it. A broken file is an error, never silently replaced by defaults.
 * JSON files are read here; YAML and JavaScript through cosmiconfig, loaded only when needed
 * (it is most of a hook's start-up time otherwise).
 */
export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig> {
  const stopDir = findWorkTree(cwd) ?? cwd;
  const file = explicit ? resolve(cwd, explicit) : findConfigFile(cwd, stopDir);
  if (file === null) return { config: validateConfig({}, '(defaults)'), file: null, root: stopDir };
  if (explicit && !existsSync(file)) throw new LeakguardError(`config file not found: ${explicit}`);
  const where = explicit ?? file;
  let raw: unknown;
  if (file.endsWith('.json')) {
    const data = await loadJson(file, readText(file, where));
    raw = basename(file) === 'package.json' ? (data as { leakguard?: unknown } | null)?.leakguard : data;
  } else {
    raw = await loadWithCosmiconfig(file, where);
  }
  return { config: validateConfig(raw ?? {}, file), file, root: dirname(file) };
}

/** The first search place that exists, folder by folder upwards; package.json only with a `leakguard` key. */
function findConfigFile(cwd: string, stopDir: string): string | null {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const place of SEARCH_PLACES) {
      const path = join(dir, place);
      if (!existsSync(path)) continue;
      if (place !== 'package.json' || hasLeakguardKey(path)) return path;
    }
    if (dir === stopDir || dirname(dir) === dir) return null;
  }
}

function hasLeakguardKey(packageJson: string): boolean {
  try {
    const data = JSON.parse(readFileSync(packageJson, 'utf8')) as Record<string, unknown> | null;
    return data !== null && typeof data === 'object' && 'leakguard' in data;
  } catch {
    return false; // not ours to judge: a broken package.json is not a leakguard config
  }
}

async function loadWithCosmiconfig(file: string, where: string): Promise<unknown> {
  const { cosmiconfig } = await import('cosmiconfig');
  try {
    return (await cosmiconfig('leakguard', { cache: false }).load(file))?.config;
  } catch (err) {
    const message = ((err as Error).message ?? String(err)).replace(/^(YAML|JSON|JS) Error in /, '').split('\n').filter(Boolean).slice(0, 2).join(' ');
    throw new LeakguardError(`cannot parse config ${where}: ${message}`);
  }
}

function readText(file: string, where: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new LeakguardError(`cannot read config ${where}: ${(err as Error).message.replace(/^[A-Z]+: /, '')}`);
  }
}

/** JSON with the line and column of a syntax error, which JSON.parse does not give on Node 20. */
async function loadJson(filepath: string, content: string): Promise<unknown> {
  try {
    return JSON.parse(content);
  } catch (err) {
    const { parseDocument } = await import('yaml'); // only for the position of the error
    const where = parseDocument(content).errors[0]?.linePos?.[0];
    const at = where ? ` at line ${where.line}, column ${where.col}` : '';
    throw new LeakguardError(`cannot parse config ${filepath}: invalid JSON${at}: ${(err as Error).message.split('\n')[0]}`);
  }
}

export { DEFAULT_MAX_FILE_SIZE };
