import type { CliValues } from '../cli.js';
import { LeakguardError } from '../errors.js';
import { locateHooks } from '../hooks/hook-location.js';
import { installHooks } from '../hooks/install.js';
import { uninstallHooks } from '../hooks/uninstall.js';

/** leakguard install [--husky|--git] [--pre-push] [--force] */
export async function installCommand(args: string[], values: CliValues): Promise<number> {
  if (args.length > 0) throw new LeakguardError(`install takes no arguments ("${args[0]}")`);
  const location = await locateHooks(process.cwd(), forcedMode(values));
  const report = installHooks(location, { prePush: values['pre-push'], force: values.force });
  const where = location.mode === 'husky' ? `husky (${location.dir})` : location.dir;
  const notes = [
    report.chained.length ? `; chained the existing ${report.chained.join(', ')} (it still runs first)` : '',
    report.replaced.length ? `; replaced the existing ${report.replaced.join(', ')} (kept aside; uninstall puts it back)` : '',
  ].join('');
  const what = report.installed.length ? `installed ${report.installed.join(', ')}` : 'already installed';
  process.stdout.write(`leakguard: ${what} in ${where}${notes}\n`);
  if (location.mode === 'git' && location.hooksPath.effective && !location.hooksPath.local) {
    process.stdout.write(`leakguard: note: core.hooksPath is set outside this repository (${location.hooksPath.effective}): these hooks serve every repository that uses it\n`);
  }
  return 0;
}

/** leakguard uninstall [--husky|--git] */
export async function uninstallCommand(args: string[], values: CliValues): Promise<number> {
  if (args.length > 0) throw new LeakguardError(`uninstall takes no arguments ("${args[0]}")`);
  const location = await locateHooks(process.cwd(), forcedMode(values));
  const report = uninstallHooks(location);
  const restored = report.restored.length ? `; restored the original ${report.restored.join(', ')}` : '';
  const what = report.removed.length ? `removed ${report.removed.join(', ')}` : 'no leakguard hooks were installed';
  process.stdout.write(`leakguard: ${what} from ${location.dir}${restored}\n`);
  return 0;
}

function forcedMode(values: CliValues): 'husky' | 'git' | undefined {
  if (values.husky && values.git) throw new LeakguardError('--husky and --git contradict each other');
  return values.husky ? 'husky' : values.git ? 'git' : undefined;
}
