import { cosmiconfig, type Loader } from 'cosmiconfig';
import { parseDocument } from 'yaml';
import { dirname, resolve } from 'node:path';
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
 */
export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig> {
  const stopDir = findWorkTree(cwd) ?? cwd;
  const explorer = cosmiconfig('leakguard', {
    searchPlaces: SEARCH_PLACES,
    searchStrategy: 'global',
    stopDir,
    cache: false,
    loaders: { '.json': loadJson },
  });
  let result;
  try {
    result = explicit ? await explorer.load(resolve(cwd, explicit)) : await explorer.search(cwd);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new LeakguardError(`config file not found: ${explicit}`);
    const message = (e.message ?? String(err)).replace(/^(YAML|JSON|JS) Error in /, '').split('\n').filter(Boolean).slice(0, 2).join(' ');
    throw new LeakguardError(`cannot parse config ${explicit ?? ''}${explicit ? ': ' : ''}${message}`);
  }
  if (!result || result.isEmpty) {
    if (result?.filepath) return { config: validateConfig({}, result.filepath), file: result.filepath, root: dirname(result.filepath) };
    return { config: validateConfig({}, '(defaults)'), file: null, root: stopDir };
  }
  return { config: validateConfig(result.config, result.filepath), file: result.filepath, root: dirname(result.filepath) };
}

/** JSON with the line and column of a syntax error, which JSON.parse does not give on Node 20. */
const loadJson: Loader = (filepath, content) => {
  try {
    return JSON.parse(content);
  } catch (err) {
    const where = parseDocument(content).errors[0]?.linePos?.[0];
    const at = where ? ` at line ${where.line}, column ${where.col}` : '';
    throw new Error(`${filepath}: invalid JSON${at}: ${(err as Error).message.split('\n')[0]}`);
  }
};

export { DEFAULT_MAX_FILE_SIZE };
