import type { Engine } from './engine/engine.js';
import { isAllowedPath, toFindings, type FilterContext } from './filters/findings.js';
import type { FirstSeen } from './filters/first-seen.js';
import type { Finding, Fragment } from './types.js';

export interface PipelineTotals {
  findings: Finding[];
  bytesScanned: number;
  fragments: number;
}

/** sources → engine → filters: every fragment scanned, every surviving match a finding. */
export async function runPipeline(
  fragments: AsyncIterable<Fragment> | Iterable<Fragment>,
  engine: Engine,
  ctx: FilterContext,
  /** History and ranges: report each secret once, at the commit that introduced it. */
  firstSeen?: FirstSeen,
  onFinding?: (total: number) => void,
): Promise<PipelineTotals> {
  const totals: PipelineTotals = { findings: [], bytesScanned: 0, fragments: 0 };
  for await (const fragment of fragments) {
    // A chunked input counts once, and its windows' overlaps are not counted twice.
    const chunk = fragment.chunk;
    if (!chunk || chunk.index === 0) totals.fragments++;
    totals.bytesScanned += chunk ? chunk.reportTo - chunk.reportFrom : fragment.content.length;
    firstSeen?.noteFragment(fragment);
    // an allowlisted path could only yield findings that are then dropped: not worth reading
    if (fragment.content.length === 0 || isAllowedPath(fragment.path, ctx)) continue;
    const matches = engine.scan(fragment);
    if (matches.length === 0) continue;
    for (const finding of toFindings(fragment, matches, ctx)) {
      if (firstSeen && !firstSeen.keep(finding)) continue;
      totals.findings.push(finding);
      onFinding?.(totals.findings.length);
    }
  }
  firstSeen?.finish();
  // Commits keep their order (oldest first); files and lines are sorted within a source.
  if (!firstSeen) totals.findings.sort(byPlace);
  return totals;
}

function byPlace(a: Finding, b: Finding): number {
  return (a.file ?? '').localeCompare(b.file ?? '') || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
}
