import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CliValues } from '../cli.js';
import { runGit } from '../git/run-git.js';
import { ALL_HOOKS, locateHooks, MARKER } from '../hooks/hook-location.js';
import { BACKUP, CHAINED } from '../hooks/install.js';

/** leakguard doctor: where hooks run from, who installed them, and what may get in the way. */
export async function doctorCommand(_args: string[], _values: CliValues): Promise<number> {
  const cwd = process.cwd();
  const out: string[] = [];
  const gitVersion = (await runGit(['--version'], cwd)).toString('utf8').trim();
  out.push(`git:   ${gitVersion}`);
  out.push(`node:  ${process.version} (${process.execPath})`);

  const location = await locateHooks(cwd);
  const shallow = (await runGit(['rev-parse', '--is-shallow-repository'], cwd)).toString('utf8').trim() === 'true';
  out.push(`repository: ${location.top}${shallow ? ' (shallow clone: history scans cover only the commits it has; ranges that reach past the cut are refused)' : ''}`);
  const globalPath = (await runGit(['config', '--global', 'core.hooksPath'], cwd).catch(() => Buffer.from(''))).toString('utf8').trim();
  out.push(`hooks run from: ${location.dir} (${location.mode === 'husky' ? 'husky' : 'plain git hooks'})`);
  out.push(`core.hooksPath: local ${location.hooksPath.local ?? '(unset)'}, global ${globalPath || '(unset)'}`);
  if (globalPath && location.hooksPath.local && globalPath !== location.hooksPath.local) {
    out.push(`  note: the local core.hooksPath shadows the global one (${globalPath}): hooks there do not run in this repository`);
  } else if (globalPath && !location.hooksPath.local) {
    out.push(`  note: the global core.hooksPath makes git ignore this repository's own .git/hooks`);
  }
  for (const hook of ALL_HOOKS) out.push(`  ${hook.padEnd(17)} ${describeHook(location.dir, hook)}`);
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

function describeHook(dir: string, hook: string): string {
  const path = join(dir, hook);
  if (!existsSync(path)) return 'not installed';
  const content = readFileSync(path, 'utf8');
  const executable = (statSync(path).mode & 0o111) !== 0;
  const aside = existsSync(path + CHAINED) ? ', chaining the hook that was there before' : existsSync(path + BACKUP) ? ', the previous hook kept aside' : '';
  if (content.includes(MARKER)) return `leakguard${aside}`;
  const who = /husky/.test(content) ? 'husky' : /pre-commit\.com|INSTALL_PYTHON/.test(content) ? 'the pre-commit framework' : 'another tool or by hand';
  return `installed by ${who}${executable ? '' : ' (not executable: git will not run it)'}`;
}
