// Bundles the CLI (tsc's dist/cli.js and every module it reaches) into two CommonJS files:
// dist/cli.cjs, the bin, which parses the arguments, and dist/cli-commands.cjs, every command,
// loaded when one runs. node then loads two modules instead of about sixty (most of a pre-commit
// hook's start-up), and --version or --help load no dependency. CommonJS because node starts it
// without its ESM loader, and requires built-in modules without building ESM namespaces for
// them (an ESM import of node:fs or node:crypto loads every lazy part of them): about 40 ms of a
// hook's start-up here. Dependencies stay external (re2 is native); dist/index.js and the other
// modules stay as tsc wrote them, for the library API (and dist/cli.js, unbundled, still runs).
// dist/cli.cjs loads the commands with a V8 code cache (scripts/load-with-code-cache.cjs).
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
const COMMANDS = 'cli-commands.cjs';
const loader = readFileSync(join(root, 'scripts/load-with-code-cache.cjs'), 'utf8');
/** In the bin, the commands are required through the code-cache loader, which is appended to it. */
const codeCache = {
  name: 'code-cache',
  renderChunk(code, chunk) {
    if (chunk.fileName !== 'cli.cjs') return null;
    const call = `require("./${COMMANDS}")`;
    if (!code.includes(call)) throw new Error(`dist/cli.cjs does not ${call}: the code-cache loader cannot replace it`);
    return `${code.replaceAll(call, `loadWithCodeCache("./${COMMANDS}")`)}\n${loader}`;
  },
};
const out = mkdtempSync(join(dist, '.bundle-'));
try {
  const bundle = await rolldown({ input: join(dist, 'cli.js'), platform: 'node', external, preserveEntrySignatures: false, logLevel: 'warn', plugins: [codeCache] });
  await bundle.write({
    dir: out,
    format: 'cjs',
    entryFileNames: 'cli.cjs',
    chunkFileNames: 'cli-[name].cjs',
    codeSplitting: { includeDependenciesRecursively: false, groups: [{ name: 'commands', test: (id) => id.startsWith(dist) && !ARGUMENTS_ONLY.test(id) }] },
  });
  await bundle.close();
  // code compiled by the code-cache loader has no module loader for a dynamic import to call
  if (/\bimport\(/.test(readFileSync(join(out, COMMANDS), 'utf8'))) throw new Error(`dist/${COMMANDS} holds a dynamic import(): require the module instead`);
  for (const file of ['cli.cjs', COMMANDS]) renameSync(join(out, file), join(dist, file));
  chmodSync(join(dist, 'cli.cjs'), 0o755);
} catch (err) {
  console.error(`bundle-cli: ${err.message}`);
  process.exit(2);
} finally {
  rmSync(out, { recursive: true, force: true });
}
