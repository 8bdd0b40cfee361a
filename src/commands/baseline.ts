import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CliValues } from '../cli.js';
import { loadConfig } from '../config/load-config.js';
import { DEFAULT_BASELINE, entryOf, parseBaseline, serializeBaseline } from '../filters/baseline.js';
import { writeOutput } from '../output.js';
import { scan } from '../scan.js';
import { scanOptions } from './scan.js';

/**
 * leakguard baseline [scan options] [--prune]: accepts what a scan finds now. Existing entries are
 * kept and new findings added; --prune also drops entries the scan looked at and did not find.
 */
export async function baselineCommand(paths: string[], values: CliValues): Promise<number> {
  const options = scanOptions(paths, values);
  const file = values.baseline ?? join((await loadConfig(process.cwd(), values.config)).root, DEFAULT_BASELINE);
  const path = resolve(file);
  const existing = existsSync(path) ? parseBaseline(readFileSync(path, 'utf8'), file) : [];

  // Scan against the old baseline: what it hides is still found; what it lists and nothing matched is stale.
  const result = await scan({ ...options, baseline: { file, entries: existing } });
  if (result.errors.length > 0) {
    for (const message of result.errors) process.stderr.write(`leakguard: ${message}\n`);
    process.stderr.write('leakguard: the scan is incomplete, so the baseline was not written\n');
    return 2;
  }
  const stale = new Set((values.prune ? result.stats.baseline?.stale ?? [] : []).map((e) => e.fingerprint));
  const kept = existing.filter((e) => !stale.has(e.fingerprint));
  const added = result.findings.map(entryOf);
  const entries = [...kept, ...added];
  writeOutput(serializeBaseline(entries), path, 'the baseline');
  const pruned = stale.size ? `, ${stale.size} stale pruned` : '';
  const total = new Set(entries.map((e) => e.fingerprint)).size;
  process.stdout.write(`leakguard: baseline ${file}: ${total} entries (${total - kept.length} new${pruned})\n`);
  return 0;
}
