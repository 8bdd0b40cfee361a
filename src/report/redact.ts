import type { Finding } from '../types.js';

const MAX_STARS = 32;

/** Keeps the first and last few characters of a secret: enough to recognise it, not to use it. */
export function redactSecret(secret: string): string {
  const chars = [...secret];
  const keep = chars.length >= 16 ? 4 : chars.length >= 8 ? 2 : 0;
  const stars = Math.min(chars.length - 2 * keep, MAX_STARS);
  return chars.slice(0, keep).join('') + '*'.repeat(stars) + (keep ? chars.slice(-keep).join('') : '');
}

/** The line of source with the secret (or, for a multi-line secret, its first line) masked. */
export function redactLine(finding: Finding): string {
  const firstLine = finding.secret.split(/\r?\n/)[0];
  return firstLine ? finding.lineText.split(firstLine).join(redactSecret(firstLine)) : finding.lineText;
}

/** A copy of the findings as they may be shown: secrets masked unless `redact` is false. */
export function presentable(findings: Finding[], redact: boolean): Finding[] {
  if (!redact) return findings;
  return findings.map((f) => ({ ...f, secret: redactSecret(f.secret), lineText: redactLine(f) }));
}
