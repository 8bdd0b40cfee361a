import type { Finding, Severity } from '../types.js';

const COMMAND: Record<Severity, string> = { high: 'error', medium: 'warning', low: 'notice' };
const ORDER: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/** Workflow-command escaping: message data and property values differ. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * `--format github`: one annotation per finding, most severe first — GitHub shows only ten errors
 * per step — then a summary line with the total.
 */
export function githubReport(findings: Finding[]): string {
  const sorted = [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  const lines = sorted.map((f) => {
    const props = [
      f.file !== null ? `file=${escapeProperty(f.file)}` : null,
      `line=${f.line}`,
      `col=${f.column}`,
      `endLine=${f.endLine}`,
      `endColumn=${f.endColumn}`,
      `title=${escapeProperty(`leakguard: ${f.description} (${f.ruleId})`)}`,
    ].filter(Boolean);
    const where = f.commit ? ` in commit ${f.commit.slice(0, 12)}` : '';
    const message = `${f.description} found${where}: ${f.secret}\n${f.remediation}`;
    return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(message)}`;
  });
  const total = findings.length;
  if (total === 0) {
    lines.push('leakguard: no secrets found');
  } else {
    const counts = (['high', 'medium', 'low'] as const).map((s) => [s, findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
    const more = total > 10 ? ' (GitHub shows the first 10 annotations of each kind: the job summary and SARIF list them all)' : '';
    lines.push(`::notice title=leakguard::${escapeData(`${total} secret${total === 1 ? '' : 's'} found: ${counts.map(([s, n]) => `${n} ${s}`).join(', ')}${more}`)}`);
  }
  return `${lines.join('\n')}\n`;
}
