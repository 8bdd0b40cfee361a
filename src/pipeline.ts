import type { Engine } from './engine/engine.js';
import { toFindings, type FilterContext } from './filters/findings.js';
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
): Promise<PipelineTotals> {
  const totals: PipelineTotals = { findings: [], bytesScanned: 0, fragments: 0 };
  for await (const fragment of fragments) {
    totals.fragments++;
    totals.bytesScanned += fragment.content.length;
    const matches = engine.scan(fragment);
    if (matches.length > 0) totals.findings.push(...toFindings(fragment, matches, ctx));
  }
  totals.findings.sort(byPlace);
  return totals;
}

function byPlace(a: Finding, b: Finding): number {
  return (a.file ?? '').localeCompare(b.file ?? '') || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
}
