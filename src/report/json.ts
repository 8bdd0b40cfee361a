import type { Finding, ScanStats } from '../types.js';

/** `--format json`: exactly the contract in DESIGN.md, plus `stats.skipped`. */
export function jsonReport(findings: Finding[], stats: ScanStats): string {
  const out = {
    version: 1,
    findings: findings.map(({ lineText: _lineText, lineSpan: _lineSpan, ...f }) => f),
    stats: {
      bytesScanned: stats.bytesScanned,
      fragments: stats.fragments,
      durationMs: stats.durationMs,
      skipped: stats.skipped,
      ...(stats.commits !== undefined ? { commits: stats.commits } : {}),
      ...(stats.shard ? { shard: stats.shard } : {}),
      ...(stats.baseline ? { baseline: stats.baseline } : {}),
    },
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
