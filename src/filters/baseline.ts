import { LeakguardError } from '../errors.js';
import type { Finding } from '../types.js';

/** An accepted finding: no secret, no line, no date — so the file merges cleanly. */
export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  path: string | null;
}

export const DEFAULT_BASELINE = '.leakguard-baseline.json';

/** Reads a baseline file's text; `where` names it in errors. */
export function parseBaseline(text: string, where: string): BaselineEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new LeakguardError(`${where}: not valid JSON (${(err as Error).message.split('\n')[0]})`);
  }
  const entries = (data as { entries?: unknown })?.entries;
  if (!Array.isArray(entries)) throw new LeakguardError(`${where}: entries must be a list`);
  return entries.map((e, i) => {
    const entry = e as Record<string, unknown>;
    if (typeof entry?.fingerprint !== 'string' || !entry.fingerprint.startsWith('sha256:')) throw new LeakguardError(`${where}: entries[${i}].fingerprint must be a sha256: fingerprint`);
    if (typeof entry.ruleId !== 'string') throw new LeakguardError(`${where}: entries[${i}].ruleId must be a string`);
    if (entry.path !== null && typeof entry.path !== 'string') throw new LeakguardError(`${where}: entries[${i}].path must be a string or null`);
    return { fingerprint: entry.fingerprint, ruleId: entry.ruleId, path: entry.path as string | null };
  });
}

/** Sorted, one entry per fingerprint, stable text: two branches adding entries merge cleanly. */
export function serializeBaseline(entries: BaselineEntry[]): string {
  const unique = new Map(entries.map((e) => [e.fingerprint, { fingerprint: e.fingerprint, ruleId: e.ruleId, path: e.path }]));
  const sorted = [...unique.values()].sort(
    (a, b) => (a.path ?? '').localeCompare(b.path ?? '') || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint),
  );
  const lines = sorted.map((e) => `    ${JSON.stringify(e)}`);
  return `{\n  "version": 1,\n  "entries": [\n${lines.join(',\n')}${lines.length ? '\n' : ''}  ]\n}\n`;
}

export function entryOf(finding: Finding): BaselineEntry {
  return { fingerprint: finding.fingerprint, ruleId: finding.ruleId, path: finding.file };
}

/** Hides the findings a baseline lists, and remembers which entries matched nothing. */
export class BaselineFilter {
  private readonly unmatched: Map<string, BaselineEntry>;
  private readonly fingerprints: Set<string>;
  hidden = 0;

  constructor(readonly entries: BaselineEntry[]) {
    this.fingerprints = new Set(entries.map((e) => e.fingerprint));
    this.unmatched = new Map(entries.map((e) => [e.fingerprint, e]));
  }

  hides(finding: Finding): boolean {
    if (!this.fingerprints.has(finding.fingerprint)) return false;
    this.unmatched.delete(finding.fingerprint);
    this.hidden++;
    return true;
  }

  /** Entries no finding matched, among those whose path `covers` says the scan looked at. */
  stale(covers: (path: string | null) => boolean): BaselineEntry[] {
    return [...this.unmatched.values()].filter((e) => covers(e.path));
  }
}
