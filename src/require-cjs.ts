import { createRequire } from 'node:module';

/**
 * Loads a CommonJS dependency with require. Importing one from ESM makes node first parse its
 * source for export names: about 12 ms for re2, picomatch and picocolors together, paid by
 * every pre-commit hook.
 */
export const requireCjs = createRequire(import.meta.url);
