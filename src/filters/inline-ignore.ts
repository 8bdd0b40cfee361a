/**
 * Inline ignores: a comment on the secret's line, or on the line before it, silences a finding.
 * leakguard's own forms take an optional rule id and an optional `-- reason`:
 *   leakguard:allow [rule-id] [-- reason]            (same line)
 *   leakguard:allow-next-line [rule-id] [-- reason]  (line before)
 * Other scanners' forms are honoured so that teams can migrate.
 */
const SAME_LINE = /(?:leakguard:allow(?!-)|gitleaks:allow|pragma:\s*allowlist\s+secret|secretlint-disable-line)(?:[ \t]+([a-z0-9]+(?:-[a-z0-9]+)*)(?![\w@/-]))?/i;
const NEXT_LINE = /(?:leakguard:allow-next-line|pragma:\s*allowlist\s+nextline\s+secret|secretlint-disable-next-line)(?:[ \t]+([a-z0-9]+(?:-[a-z0-9]+)*)(?![\w@/-]))?/i;

/**
 * True when `line` carries an ignore for `ruleId` or for every rule. A word after the marker
 * names a rule only if it is a known rule id: `gitleaks:allow because…` still ignores all.
 */
function ignores(pattern: RegExp, line: string | undefined, ruleId: string, ruleIds: ReadonlySet<string>): boolean {
  if (line === undefined) return false;
  const m = pattern.exec(line);
  if (!m) return false;
  const named = m[1]?.toLowerCase();
  return named === undefined || !ruleIds.has(named) || named === ruleId;
}

export function isInlineIgnored(
  ruleId: string,
  line: string,
  previousLine: string | undefined,
  ruleIds: ReadonlySet<string>,
): boolean {
  return ignores(SAME_LINE, line, ruleId, ruleIds) || ignores(NEXT_LINE, previousLine, ruleId, ruleIds);
}
