import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageFile } from '../package-files.js';
import { DEFAULT_HOOKS, MARKER, RUNNER, type HookLocation, type HookName } from './hook-location.js';

const TEMPLATES = packageFile('hooks/');
const CLI = fileURLToPath(packageFile('dist/cli.cjs'));

export interface InstallOptions {
  prePush?: boolean;
  /** Replace foreign hooks instead of chaining them (they are kept aside, and put back by uninstall). */
  force?: boolean;
}

/** What install did, for its one-line report. */
export interface InstallReport {
  installed: HookName[];
  unchanged: HookName[];
  chained: HookName[];
  replaced: HookName[];
}

/** Suffixes of a foreign hook moved aside: chained still runs first; a backup (--force) does not. */
export const CHAINED = '.leakguard-chained';
export const BACKUP = '.leakguard-backup';

/** Installs leakguard's hooks where `location` says: idempotent, and never loses a foreign hook. */
export function installHooks(location: HookLocation, options: InstallOptions = {}): InstallReport {
  const hooks: HookName[] = [...DEFAULT_HOOKS, ...(options.prePush ? (['pre-push'] as const) : [])];
  const report: InstallReport = { installed: [], unchanged: [], chained: [], replaced: [] };
  mkdirSync(location.dir, { recursive: true });
  writeIfChanged(join(location.dir, RUNNER), runnerScript(location), 0o755);
  for (const hook of hooks) {
    const changed = location.mode === 'husky' ? addHuskyLine(location.dir, hook) : writeGitHook(location.dir, hook, options, report);
    (changed ? report.installed : report.unchanged).push(hook);
  }
  return report;
}

/** The runner, with the fallbacks for finding the CLI filled in. */
function runnerScript(location: HookLocation): string {
  const fromTop = relative(location.top, CLI);
  // A CLI inside the work tree is named relative to it, so the file is the same on every clone.
  const cli = fromTop.startsWith('..') ? CLI : fromTop.split(sep).join('/');
  // husky has its own way to set PATH for GUI clients (~/.config/husky/init.sh); its files are committed.
  const node = location.mode === 'git' ? process.execPath : '';
  return template('leakguard-hook.sh').replace('@NODE@', shellQuoteInner(node)).replace('@CLI@', shellQuoteInner(cli));
}

function writeGitHook(dir: string, hook: HookName, options: InstallOptions, report: InstallReport): boolean {
  const path = join(dir, hook);
  if (existsSync(path) && !readFileSync(path, 'utf8').includes(MARKER)) {
    if (options.force) {
      renameSync(path, path + BACKUP);
      report.replaced.push(hook);
    } else {
      renameSync(path, path + CHAINED);
      report.chained.push(hook);
    }
  }
  return writeIfChanged(path, template('git-hook.sh').replace('@HOOK@', hook), 0o755);
}

/**
 * husky: one marked line appended to .husky/<hook>. The marker says how to take it out exactly:
 * `+new` the file was created for it, `+nl` a newline was added before it.
 */
function addHuskyLine(dir: string, hook: HookName): boolean {
  const path = join(dir, hook);
  const line = `sh "$(dirname "$0")/${RUNNER}" ${hook} "$@"`;
  if (!existsSync(path)) {
    writeFileSync(path, `${line} ${MARKER}+new\n`, { mode: 0o755 });
    return true;
  }
  const content = readFileSync(path, 'utf8');
  if (content.includes(MARKER)) return false;
  const needsNewline = content.length > 0 && !content.endsWith('\n');
  writeFileSync(path, `${content}${needsNewline ? '\n' : ''}${line} ${MARKER}${needsNewline ? '+nl' : ''}\n`);
  return true;
}

function writeIfChanged(path: string, content: string, mode: number): boolean {
  if (existsSync(path) && readFileSync(path, 'utf8') === content) return false;
  writeFileSync(path, content, { mode });
  chmodSync(path, mode);
  return true;
}

function template(name: string): string {
  return readFileSync(new URL(name, TEMPLATES), 'utf8');
}

/** Inside single quotes in sh, only a single quote needs care. */
function shellQuoteInner(text: string): string {
  return text.replace(/'/g, `'\\''`);
}
