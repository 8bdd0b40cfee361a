import type { Finding } from '../types.js';

const MAX_STARS = 32;

/** Keeps the first and last few characters of a secret: enough to recognise it, not to use it. */
export function redactSecret(secret: string): string {
  const chars = [...secret];
  const keep = chars.length >= 16 ? 4 : chars.length >= 8 ? 2 : 0;
  const stars = Math.min(chars.length - 2 * keep, MAX_STARS);
  return chars.slice(0, keep).join('') + '*'.repeat(stars) + (keep ? chars.slice(-keep).join('') : '');
}

/**
 * The line of source with the secret masked: the matched span (which, for a secret found in
 * base64 or hex, is the encoded text: decoding it would give the secret away), and every copy
 * of `secrets` on the line — the finding's own secret (a multi-line one by its first line) and
 * those of the other findings on the same line, which the line shows too.
 */
export function redactLine(finding: Finding, secrets: readonly string[] = secretsOf(finding)): { lineText: string; lineSpan?: [number, number] } {
  const maskCopies = (text: string) => secrets.reduce((t, s) => (s && t.includes(s) ? t.split(s).join(redactSecret(s)) : t), text);
  const text = finding.lineText;
  if (!finding.lineSpan) return { lineText: maskCopies(text) };
  const start = Math.min(finding.lineSpan[0], text.length);
  const end = Math.min(Math.max(finding.lineSpan[1], start), text.length);
  const before = maskCopies(text.slice(0, start));
  const masked = redactSecret(text.slice(start, end));
  return { lineText: before + masked + maskCopies(text.slice(end)), lineSpan: [before.length, before.length + masked.length] };
}

/** What of a finding may show up on its line: its secret's first line, and the text it was matched in. */
function secretsOf(f: Finding): string[] {
  const matched = f.lineSpan ? f.lineText.slice(f.lineSpan[0], f.lineSpan[1]) : '';
  return [f.secret.split(/\r?\n/)[0], matched].filter((s) => s.length > 0);
}

/** A copy of the findings as they may be shown: secrets masked unless `redact` is false. */
export function presentable(findings: Finding[], redact: boolean): Finding[] {
  if (!redact) return findings;
  const place = (f: Finding) => `${f.source}\0${f.commit ?? ''}\0${f.file ?? ''}\0${f.line}`;
  const onLine = new Map<string, Set<string>>();
  for (const f of findings) {
    const key = place(f);
    const set = onLine.get(key) ?? onLine.set(key, new Set()).get(key)!;
    for (const s of secretsOf(f)) set.add(s);
  }
  // Longest first: a secret that contains another is masked whole.
  const masks = new Map([...onLine].map(([key, set]) => [key, [...set].sort((a, b) => b.length - a.length)]));
  return findings.map((f) => ({ ...f, secret: redactSecret(f.secret), ...redactLine(f, masks.get(place(f))) }));
}
