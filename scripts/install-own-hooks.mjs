// npm prepare: leakguard guards its own repository, through husky. Skipped where there is no
// .git (an installed package) or with HUSKY=0, as husky itself does.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import husky from 'husky';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
if (!existsSync('.git') || process.env.HUSKY === '0') process.exit(0);

const problem = husky();
if (problem) {
  console.log(`leakguard: own hooks not installed (husky: ${problem})`);
  process.exit(0);
}
const install = spawnSync(process.execPath, ['dist/cli.cjs', 'install', '--husky'], { stdio: 'inherit' });
process.exit(install.status ?? 1);
