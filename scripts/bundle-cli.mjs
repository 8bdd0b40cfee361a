// Bundles the CLI (tsc's dist/cli.js and every module it reaches) into two CommonJS files:
// dist/cli.cjs, the bin, which parses the arguments, and dist/cli-commands.cjs, every command,
// loaded when one runs. node then loads two modules instead of about sixty (most of a pre-commit
// hook's start-up), and --version or --help load no dependency. CommonJS because node starts it
// without its ESM loader, and requires built-in modules without building ESM namespaces for
// them (an ESM import of node:fs or node:crypto loads every lazy part of them): about 40 ms of a
// hook's start-up here. Dependencies stay external (re2 is native); dist/index.js and the other
// modules stay as tsc wrote them, for the library API (and dist/cli.js, unbundled, still runs).
import { chmodSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { rolldown } from 'rolldown';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const dependencies = Object.keys(pkg.dependencies ?? {});
const external = (id) =>
  id.startsWith('node:') || builtinModules.includes(id) || dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`));

// What cli.js itself needs; everything else is a command's.
const ARGUMENTS_ONLY = /\/dist\/(?:cli|errors|output|printable|version|package-files)\.js$/;

const dist = join(root, 'dist');
const out = mkdtempSync(join(dist, '.bundle-'));
try {
  const bundle = await rolldown({ input: join(dist, 'cli.js'), platform: 'node', external, preserveEntrySignatures: false, logLevel: 'warn' });
  await bundle.write({
    dir: out,
    format: 'cjs',
    entryFileNames: 'cli.cjs',
    chunkFileNames: 'cli-[name].cjs',
    codeSplitting: { includeDependenciesRecursively: false, groups: [{ name: 'commands', test: (id) => id.startsWith(dist) && !ARGUMENTS_ONLY.test(id) }] },
  });
  await bundle.close();
  for (const file of ['cli.cjs', 'cli-commands.cjs']) renameSync(join(out, file), join(dist, file));
  chmodSync(join(dist, 'cli.cjs'), 0o755);
} catch (err) {
  console.error(`bundle-cli: ${err.message}`);
  process.exit(2);
} finally {
  rmSync(out, { recursive: true, force: true });
}
