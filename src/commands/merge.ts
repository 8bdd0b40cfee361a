import { readFileSync } from 'node:fs';
import type { CliValues } from '../cli.js';
import { LeakguardError } from '../errors.js';
import type { Finding, ScanStats } from '../types.js';
import { finish, parseFormat } from './scan.js';

interface JsonReport {
  version: number;
  findings: Omit<Finding, 'lineText'>[];
  stats: ScanStats;
}

/**
 * leakguard merge REPORT...: the JSON reports of several scans (the shards of a history) as one.
 * A secret found by more than one keeps its earliest finding (by commit date, then report order).
 */
export async function mergeCommand(files: string[], values: CliValues): Promise<number> {
  if (files.length === 0) throw new LeakguardError('merge needs the JSON reports to combine');
  const reports = files.map(read);
  checkShards(reports, files);
  const byFingerprint = new Map<string, Finding>();
  const stats: ScanStats = { bytesScanned: 0, fragments: 0, durationMs: 0, skipped: [] };
  let commits: number | undefined;
  for (const report of reports) {
    stats.bytesScanned += report.stats.bytesScanned;
    stats.fragments += report.stats.fragments;
    stats.durationMs = Math.max(stats.durationMs, report.stats.durationMs); // shards run side by side
    stats.skipped.push(...(report.stats.skipped ?? []));
    if (report.stats.commits !== undefined) commits = (commits ?? 0) + report.stats.commits;
    for (const f of report.findings) {
      const kept = byFingerprint.get(f.fingerprint);
      if (!kept || (f.date && kept.date && f.date < kept.date)) byFingerprint.set(f.fingerprint, { ...f, lineText: '' });
    }
  }
  if (commits !== undefined) stats.commits = commits;
  const findings = [...byFingerprint.values()];
  // Redacting again is harmless: a masked secret masks to itself.
  return finish({ findings, stats, errors: [], notices: [] }, parseFormat(values.format ?? 'json'), values);
}

/**
 * Shards must all be there, once each: a shard job that crashed before writing its report
 * would otherwise leave its part of the history unscanned and the merge clean.
 */
function checkShards(reports: JsonReport[], files: string[]): void {
  const shards = reports.map((r) => r.stats.shard);
  if (shards.every((s) => s === undefined)) return;
  const count = shards.find((s) => s !== undefined)!.count;
  const seen = new Map<number, string>();
  shards.forEach((shard, i) => {
    if (!shard) throw new LeakguardError(`${files[i]} is not a shard report, but the others are shards of ${count}`);
    if (shard.count !== count) throw new LeakguardError(`${files[i]} is shard ${shard.index}/${shard.count}, but the others are shards of ${count}`);
    const twice = seen.get(shard.index);
    if (twice) throw new LeakguardError(`${files[i]} and ${twice} are both shard ${shard.index}/${count}`);
    seen.set(shard.index, files[i]);
  });
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((k) => !seen.has(k));
  if (missing.length > 0) {
    throw new LeakguardError(`shard ${missing.map((k) => `${k}/${count}`).join(', ')} missing: that part of the history was not scanned`);
  }
}

function read(file: string): JsonReport {
  let data: JsonReport;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as JsonReport;
  } catch (err) {
    throw new LeakguardError(`cannot read the report ${file}: ${(err as Error).message.split('\n')[0]}`);
  }
  if (data?.version !== 1 || !Array.isArray(data.findings) || typeof data.stats !== 'object') {
    throw new LeakguardError(`${file} is not a leakguard JSON report (version 1)`);
  }
  return data;
}
