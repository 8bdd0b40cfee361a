import { Engine } from './engine/engine.js';
import { loadCatalog } from './engine/catalog.js';
import { AllowlistMatcher } from './engine/allowlist-matcher.js';
import { loadConfig, type LoadedConfig } from './config/load-config.js';
import { resolveRules } from './config/resolve-rules.js';
import { runPipeline } from './pipeline.js';
import { fileFragments } from './sources/files.js';
import { stdinFragment } from './sources/stdin.js';
import type { Fragment, Rule, ScanResult, Skipped } from './types.js';

export interface ScanOptions {
  /** Files and folders to scan (default: the current folder). */
  paths?: string[];
  /** Scan this stream (or process.stdin when `true`) instead of files. */
  stdin?: boolean | NodeJS.ReadableStream;
  /** Working folder: where paths are resolved and the config is searched from. */
  cwd?: string;
  /** A config file to use instead of searching for one. */
  configFile?: string;
  /** Skip files larger than this many bytes (overrides the config). */
  maxFileSize?: number;
  /** Skip what .gitignore ignores inside a work tree (default true; `--no-git` turns it off). */
  gitignore?: boolean;
}

export interface Scanner {
  loaded: LoadedConfig;
  rules: Rule[];
  engine: Engine;
  allowlist: AllowlistMatcher;
}

/** Loads config and catalog once: the rules a scan will run, and the engine that runs them. */
export async function prepareScanner(cwd: string, configFile?: string): Promise<Scanner> {
  const loaded = await loadConfig(cwd, configFile);
  const rules = resolveRules(loadCatalog(), loaded.config, loaded.file ?? '(defaults)');
  return { loaded, rules, engine: new Engine(rules), allowlist: new AllowlistMatcher(loaded.config.allow) };
}

/** Scans files, folders or standard input and returns the findings (secrets unredacted). */
export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const scanner = await prepareScanner(cwd, options.configFile);
  const skipped: Skipped[] = [];
  const errors: string[] = [];

  let fragments: AsyncIterable<Fragment> | Fragment[];
  if (options.stdin) {
    fragments = [await stdinFragment(options.stdin === true ? process.stdin : options.stdin)];
  } else {
    const paths = options.paths?.length ? options.paths : ['.'];
    fragments = fileFragments(paths, {
      cwd,
      maxFileSize: options.maxFileSize ?? scanner.loaded.config.maxFileSize,
      gitignore: options.gitignore,
      onSkip: (s) => skipped.push(s),
      onError: (message, path) => {
        errors.push(message);
        skipped.push({ path, reason: message.replace(/^cannot read (folder )?\S+: /, 'unreadable: ') });
      },
    });
  }
  const rulesById = new Map(scanner.rules.map((r) => [r.id, r]));
  const totals = await runPipeline(fragments, scanner.engine, { rulesById, allowlist: scanner.allowlist, root: scanner.loaded.root, cwd });
  return {
    findings: totals.findings,
    stats: {
      bytesScanned: totals.bytesScanned,
      fragments: totals.fragments,
      durationMs: Math.round(performance.now() - started),
      skipped,
    },
    errors,
  };
}
