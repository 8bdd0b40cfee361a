// Makes the commands bundle's V8 code cache (dist/cli-commands.cjs.v8-cache, see
// scripts/load-with-code-cache.cjs) by running what a pre-commit hook runs: `scan --staged` in a
// throwaway repository, on a staged file that holds some of the catalog's own examples, so that
// the cache holds the functions of a scan that finds something. Without git the build goes on
// without a cache: the first run that loads the commands makes one.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const cache = join(root, 'dist/cli-commands.cjs.v8-cache');
rmSync(cache, { force: true });

const examples = JSON.parse(readFileSync(join(root, 'dist/catalog-examples.json'), 'utf8'));
const sample = ['aws-access-key-id', 'github-pat-classic', 'generic-secret-assignment'].map((id) => examples[id]?.examples[0] ?? '');
const dir = mkdtempSync(join(tmpdir(), 'leakguard-code-cache-'));
try {
  const git = (...args) => spawnSync('git', args, { cwd: dir, stdio: 'ignore' }).status;
  if (git('init', '-q') !== 0) {
    console.log('code-cache: git did not run, so no code cache (the first scan will make it)');
  } else {
    writeFileSync(join(dir, 'settings.env'), `${sample.join('\n')}\n`);
    writeFileSync(join(dir, 'app.js'), 'export function add(a, b) {\n  return a + b;\n}\n');
    git('add', '.');
    const scan = spawnSync(process.execPath, [join(root, 'dist/cli.cjs'), 'scan', '--staged'], { cwd: dir, encoding: 'utf8' });
    if (scan.status !== 1 || !existsSync(cache)) {
      console.error(`code-cache: the warm-up scan did not find the catalog examples (exit ${scan.status}): ${scan.stderr.trim()}`);
      process.exit(2);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
