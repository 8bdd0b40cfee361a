import type { createColors as CreateColors } from 'picocolors';
import { requireCjs } from '../require-cjs.js';
import { formatBytes } from '../format-bytes.js';
import type { Finding, ScanStats, Severity } from '../types.js';
import { GENERAL_ADVICE } from './advice.js';
import { printableLine, printablePath } from '../printable.js';

/** picocolors, loaded when a report is drawn: a quiet hook that finds nothing draws none. */
let colors: typeof CreateColors | undefined;
function createColors(enabled: boolean): ReturnType<typeof CreateColors> {
  colors ??= (requireCjs('picocolors') as { createColors: typeof CreateColors }).createColors;
  return colors(enabled);
}

export interface TextOptions {
  color: boolean;
  quiet: boolean;
  verbose: boolean;
}

/** `--format text`: where, what, the line with the secret masked, and what to do. */
export function textReport(findings: Finding[], stats: ScanStats, options: TextOptions): string {
  if (options.quiet && findings.length === 0 && stats.skipped.length === 0) return '';
  const c = createColors(options.color);
  const paint: Record<Severity, (s: string) => string> = { high: c.red, medium: c.yellow, low: c.cyan };
  const out: string[] = [];

  for (const f of findings) {
    const where = `${f.file !== null ? printablePath(f.file) : f.source === 'message' ? '(commit message)' : '<stdin>'}:${f.line}:${f.column}`;
    out.push(`${c.bold(where)}  ${paint[f.severity](`${f.severity} ${f.ruleId}`)}  ${f.description}`);
    if (f.commit) {
      const later = f.laterCommits ? `; still in ${f.laterCommits} later commit${f.laterCommits === 1 ? '' : 's'}` : '';
      out.push(c.dim(`  commit ${f.commit.slice(0, 12)}${f.author ? ` by ${printableLine(f.author)}` : ''}${f.date ? ` on ${f.date}` : ''}${later}`));
    }
    if (f.branch) out.push(c.dim(`  merged in from ${printableLine(f.branch)}`));
    out.push(`  ${f.line} | ${shownLine(f)}`);
    out.push(`  ${c.green('fix:')} ${f.remediation}`);
    out.push('');
  }

  if (!options.quiet || findings.length > 0 || stats.skipped.length > 0) {
    const files = new Set(findings.map((f) => f.file)).size;
    const found = findings.length === 0
      ? c.green('no secrets found')
      : c.red(`${findings.length} secret${findings.length === 1 ? '' : 's'} found in ${files} ${files === 1 ? 'file' : 'files'}`);
    out.push(`leakguard: ${found} · ${stats.fragments} scanned (${formatBytes(stats.bytesScanned)}) in ${stats.durationMs} ms · ${stats.skipped.length} skipped`);
    for (const s of stats.skipped) out.push(c.dim(`  skipped ${printablePath(s.path)}: ${printableLine(s.reason)}`));
    const b = stats.baseline;
    if (b && (b.hidden > 0 || b.stale.length > 0)) {
      out.push(`baseline ${printablePath(b.file)}: ${b.hidden} accepted finding${b.hidden === 1 ? '' : 's'} hidden`);
      for (const e of b.stale) out.push(c.yellow(`  stale baseline entry: ${e.ruleId} in ${e.path === null ? '(commit message)' : printablePath(e.path)} matches nothing now`));
      if (b.stale.length > 0) out.push('  `leakguard baseline --prune` removes stale entries.');
    }
    if (findings.length > 0) {
      out.push('');
      out.push(GENERAL_ADVICE);
      out.push('A false alarm? Add `leakguard:allow <rule-id> -- <reason>` on the line, or an allowlist entry in the config.');
    }
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

/** The secret's line, masked as presentable() left it; on a long line, the stretch around the secret. */
function shownLine(f: Finding): string {
  const span = f.lineSpan;
  const text = span && span[0] > 120 ? `…${f.lineText.slice(span[0] - 60)}` : f.lineText;
  return printableLine(text.trim()).slice(0, 200);
}
