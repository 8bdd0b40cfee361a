import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_HOOKS, MARKER, RUNNER, type HookLocation, type HookName } from './hook-location.js';
import { BACKUP, CHAINED } from './install.js';

export interface UninstallReport {
  removed: HookName[];
  restored: HookName[];
}

/** Takes out exactly what install put in, and puts chained or replaced hooks back as they were. */
export function uninstallHooks(location: HookLocation): UninstallReport {
  const report: UninstallReport = { removed: [], restored: [] };
  for (const hook of ALL_HOOKS) {
    const path = join(location.dir, hook);
    const removed = location.mode === 'husky' ? removeHuskyLine(path) : removeGitHook(path);
    if (removed) report.removed.push(hook);
    for (const aside of [CHAINED, BACKUP]) {
      if (location.mode === 'git' && existsSync(path + aside) && !existsSync(path)) {
        renameSync(path + aside, path);
        report.restored.push(hook);
      }
    }
  }
  const runner = join(location.dir, RUNNER);
  if (existsSync(runner) && readFileSync(runner, 'utf8').includes('leakguard:runner')) rmSync(runner);
  return report;
}

function removeGitHook(path: string): boolean {
  if (!existsSync(path) || !readFileSync(path, 'utf8').includes(MARKER)) return false;
  rmSync(path);
  return true;
}

function removeHuskyLine(path: string): boolean {
  if (!existsSync(path)) return false;
  const content = readFileSync(path, 'utf8');
  const lines = content.split('\n');
  const at = lines.findIndex((l) => l.includes(MARKER));
  if (at === -1) return false;
  const marker = lines[at].slice(lines[at].indexOf(MARKER) + MARKER.length);
  if (marker.startsWith('+new') && lines.filter((l) => l !== '').length === 1) {
    rmSync(path);
    return true;
  }
  lines.splice(at, 1);
  let restored = lines.join('\n');
  if (marker.startsWith('+nl') && restored.endsWith('\n')) restored = restored.slice(0, -1);
  writeFileSync(path, restored);
  return true;
}
