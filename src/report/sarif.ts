import type { Finding, Severity } from '../types.js';
import { GENERAL_ADVICE } from './advice.js';

const LEVEL: Record<Severity, string> = { high: 'error', medium: 'warning', low: 'note' };
// GitHub code scanning reads `security-severity` (0.1–10) to rank alerts: 7–8.9 is "high".
const SECURITY_SEVERITY: Record<Severity, string> = { high: '8.5', medium: '5.5', low: '2.5' };

/** A path as a SARIF artifact URI: relative paths stay relative (to %SRCROOT%), each segment encoded. */
function artifactUri(path: string): string {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  return path.startsWith('/') ? `file://${encoded}` : encoded;
}

/** `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it. */
export function sarifReport(findings: Finding[], version: string): string {
  const used = [...new Set(findings.map((f) => f.ruleId))].sort();
  const byId = new Map(findings.map((f) => [f.ruleId, f]));
  const driverRules = used.map((id) => {
    const rule = byId.get(id)!;
    return {
      id,
      name: toPascal(id),
      shortDescription: { text: rule.description },
      fullDescription: { text: `${rule.description}. ${rule.remediation}` },
      help: {
        text: `${rule.remediation}\n\n${GENERAL_ADVICE}`,
        markdown: `**${rule.description}**\n\n${rule.remediation}\n\n${GENERAL_ADVICE}`,
      },
      defaultConfiguration: { level: LEVEL[rule.severity] },
      properties: { tags: ['security', 'secret'], 'security-severity': SECURITY_SEVERITY[rule.severity] },
    };
  });
  const results = findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: used.indexOf(f.ruleId),
    level: LEVEL[f.severity],
    message: { text: `${f.description} found: ${f.secret}${f.commit ? ` (commit ${f.commit.slice(0, 12)})` : ''}. ${f.remediation}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: f.file === null ? { uri: 'stdin' } : { uri: artifactUri(f.file), ...(f.file.startsWith('/') ? {} : { uriBaseId: '%SRCROOT%' }) },
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
        },
      },
    ],
    partialFingerprints: { 'leakguard/v1': f.fingerprint },
    ...(f.commit ? { properties: { commit: f.commit, author: f.author, date: f.date } } : {}),
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'leakguard', informationUri: 'https://www.npmjs.com/package/leakguard', semanticVersion: version, version, rules: driverRules } },
        columnKind: 'unicodeCodePoints',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function toPascal(id: string): string {
  return id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
