import { nowMs } from './clock.js';
import { loadConfig, type LoadedConfig } from './config/load-config.js';
import { resolveRules } from './config/resolve-rules.js';
import { AllowlistMatcher } from './engine/allowlist-matcher.js';
import { loadCatalog } from './engine/catalog.js';
import { Engine } from './engine/engine.js';
import { FirstSeen } from './filters/first-seen.js';
import { runPipeline } from './pipeline.js';
import type { Progress } from './progress.js';
import type { GitSource } from './sources/git-source.js';
import { fileFragments } from './sources/files.js';
import { stdinFragments } from './sources/stdin.js';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { LeakguardError } from './errors.js';
import { BaselineFilter, DEFAULT_BASELINE, parseBaseline, type BaselineEntry } from './filters/baseline.js';
import type { Fragment, Rule, ScanResult, Skipped } from './types.js';

export type { GitSource };

export interface ScanOptions {
  /** Files and folders to scan (default: the current folder). */
  paths?: string[];
  /** Scan this stream (or process.stdin when `true`) instead of files. */
  stdin?: boolean | NodeJS.ReadableStream;
  /** Scan git instead of files: staged changes, a message, a merge, history or a range. */
  git?: GitSource;
  /** Working folder: where paths are resolved, the config is searched from, the repository found. */
  cwd?: string;
  /** A config file to use instead of searching for one. */
  configFile?: string;
  /** Skip files larger than this many bytes (overrides the config). */
  maxFileSize?: number;
  /** Skip what .gitignore ignores inside a work tree (default true; `--no-git` turns it off). */
  gitignore?: boolean;
  /** Shown while history and ranges are scanned. */
  progress?: Progress | null;
  /**
   * Accepted findings to hide: a baseline file, or entries already read (ci reads them from the
   * base commit). Default: .leakguard-baseline.json beside the config, when there is one. false: none.
   */
  baseline?: string | false | { file: string; entries: BaselineEntry[] };
  /** A configuration already loaded (ci loads it from the base commit) instead of searching. */
  loaded?: LoadedConfig;
}

export interface Scanner {
  loaded: LoadedConfig;
  rules: Rule[];
  engine: Engine;
  allowlist: AllowlistMatcher;
}

/** Loads config and catalog once: the rules a scan will run, and the engine that runs them. */
export async function prepareScanner(cwd: string, configFile?: string, preloaded?: LoadedConfig): Promise<Scanner> {
  return buildScanner(preloaded ?? (await loadConfig(cwd, configFile)));
}

function buildScanner(loaded: LoadedConfig): Scanner {
  const rules = resolveRules(loadCatalog(), loaded.config, loaded.file ?? '(defaults)');
  return { loaded, rules, engine: new Engine(rules), allowlist: new AllowlistMatcher(loaded.config.allow) };
}

/** Scans files, standard input or git, and returns the findings (secrets unredacted). */
export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  const started = nowMs();
  const cwd = options.cwd ?? process.cwd();
  const loaded = options.loaded ?? (await loadConfig(cwd, options.configFile));
  const maxFileSize = options.maxFileSize ?? loaded.config.maxFileSize;
  const skipped: Skipped[] = [];
  const errors: string[] = [];
  const onSkip = (s: Skipped) => skipped.push(s);
  // git is asked first, and answers while the catalog loads (git plumbing is loaded only for git)
  const gitSource = options.git ? await import('./sources/git-source.js') : null;
  const opening = options.git && gitSource ? gitSource.openGitSource(options.git, { cwd, maxFileSize, onSkip, progress: options.progress ?? null }) : null;
  opening?.catch(() => {}); // awaited below
  let scanner: Scanner;
  let baseline: ReturnType<typeof loadBaseline>;
  try {
    scanner = buildScanner(loaded);
    baseline = loadBaseline(options.baseline, scanner.loaded.root, cwd);
  } catch (err) {
    // git was already asked: stop it, or its processes would keep this one alive
    opening?.then((source) => source.cancel?.(), () => {});
    throw err;
  }

  let fragments: AsyncIterable<Fragment> | Fragment[];
  let pathsFrom = cwd; // what fragment paths are relative to
  let firstSeen: FirstSeen | undefined;
  const notices: string[] = [];
  if (opening) {
    const source = await opening;
    fragments = source.fragments;
    pathsFrom = source.root;
    if (source.history) firstSeen = new FirstSeen();
    notices.push(...(source.notices ?? []));
  } else if (options.stdin) {
    fragments = stdinFragments(options.stdin === true ? process.stdin : options.stdin);
  } else {
    fragments = fileFragments(options.paths?.length ? options.paths : ['.'], {
      cwd,
      maxFileSize,
      gitignore: options.gitignore,
      onSkip,
      onError: (message, path, reason) => {
        errors.push(message);
        skipped.push({ path, reason });
      },
    });
  }

  const rulesById = new Map(scanner.rules.map((r) => [r.id, r]));
  const ctx = { rulesById, ruleIds: new Set(rulesById.keys()), allowlist: scanner.allowlist, root: scanner.loaded.root, cwd: pathsFrom };
  const progress = options.progress;
  const totals = await runPipeline(fragments, scanner.engine, ctx, firstSeen, (n) => progress?.found(n));
  progress?.finish();
  const filter = baseline ? new BaselineFilter(baseline.entries) : null;
  const findings = filter ? totals.findings.filter((f) => !filter.hides(f)) : totals.findings;
  return {
    findings,
    stats: {
      bytesScanned: totals.bytesScanned,
      fragments: totals.fragments,
      durationMs: Math.round(nowMs() - started),
      skipped,
      ...(firstSeen ? { commits: firstSeen.commitCount } : {}),
      ...(options.git?.kind === 'history' && options.git.shard ? { shard: options.git.shard } : {}),
      ...(filter && baseline ? { baseline: { file: baseline.file, hidden: filter.hidden, stale: filter.stale(coverage(options)) } } : {}),
    },
    errors,
    notices,
  };
}

function loadBaseline(option: ScanOptions['baseline'], root: string, cwd: string): { file: string; entries: BaselineEntry[] } | null {
  if (option === false) return null;
  if (typeof option === 'object') return option;
  const path = option === undefined ? join(root, DEFAULT_BASELINE) : resolve(cwd, option);
  if (option === undefined && !existsSync(path)) return null;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new LeakguardError(`cannot read the baseline ${option ?? path}: ${(err as Error).message.replace(/^[A-Z]+: /, '')}`);
  }
  return { file: option ?? relative(cwd, path), entries: parseBaseline(text, option ?? path) };
}

/**
 * Which baseline entries a scan looked at, so that only those can be called stale: a whole
 * history looks at all; files at the paths under what was scanned; a diff or a range at none.
 */
function coverage(options: ScanOptions): (path: string | null) => boolean {
  const git = options.git;
  if (git) return git.kind === 'history' && !git.branch && !git.since && git.maxCount === undefined ? () => true : () => false;
  if (options.stdin) return () => false;
  const roots = (options.paths?.length ? options.paths : ['.']).map((p) => p.replace(/^\.(?:\/|$)/, '').replace(/\/+$/, ''));
  return (path) => path !== null && roots.some((r) => r === '' || path === r || path.startsWith(`${r}/`));
}
