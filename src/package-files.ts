/**
 * The package's own files (catalog, hook templates, package.json), found from this module's place.
 * It sits one level below the package root both as dist/package-files.js and inside the bundled
 * CLI (dist/cli.cjs), and as src/package-files.ts under vitest.
 */
const PACKAGE_ROOT = new URL('../', import.meta.url);

export function packageFile(path: string): URL {
  return new URL(path, PACKAGE_ROOT);
}
