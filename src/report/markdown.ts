import type { Finding, ScanStats } from '../types.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
const ORDER = { high: 0, medium: 1, low: 2 } as const;

/** A Markdown table of the findings, for the GitHub job summary ($GITHUB_STEP_SUMMARY). */
export function markdownReport(findings: Finding[], stats: ScanStats, title: string): string {
  const lines = [`### leakguard: ${title}`, ''];
  if (findings.length === 0) {
    lines.push(`No secrets found (${stats.commits ?? stats.fragments} ${stats.commits !== undefined ? 'commits' : 'fragments'} scanned).`);
  } else {
    lines.push(`**${findings.length} secret${findings.length === 1 ? '' : 's'} found.** Rotate each one first: removing it from the code does not undo the leak.`, '');
    lines.push('| Severity | Rule | Where | Commit | Secret |', '|---|---|---|---|---|');
    for (const f of [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity])) {
      const where = `${f.file ?? '(commit message)'}:${f.line}`;
      lines.push(`| ${f.severity} | ${cell(f.ruleId)} | \`${cell(where)}\` | ${f.commit ? f.commit.slice(0, 12) : ''} | \`${cell(f.secret)}\` |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
