// The contracts between pipeline stages: sources → engine → filters → report.

export type SourceKind = 'file' | 'staged' | 'message' | 'merge' | 'history' | 'range' | 'stdin';

export type Severity = 'high' | 'medium' | 'low';

/** Bytes to scan plus where they came from. */
export interface Fragment {
  kind: SourceKind;
  /** Path relative to the scan root (forward slashes), or null for stdin. */
  path: string | null;
  /** UTF-8 bytes as git or the disk gave them (UTF-16 already decoded). */
  content: Buffer;
  commit?: string | null;
  author?: string | null;
  date?: string | null;
  /** For diffs: fragment line index (0-based) → file line number (1-based). Absent: line i is line i+1. */
  lineMap?: number[];
  /** For diffs: fragment line indexes whose findings count (added lines), ascending. Absent: every line counts. */
  addedLines?: readonly number[];
  /** For diffs: the removed lines, joined (history notices when a known secret is deleted). */
  removed?: Buffer;
  /** For merges: the branch (or commit) being merged in. */
  branch?: string;
  /** Files and stdin larger than a chunk: this fragment is one window of the input (see FragmentChunk). */
  chunk?: FragmentChunk;
}

/**
 * One window of an input read in chunks (src/sources/chunks.ts). Windows overlap; each reports
 * only the matches whose secret starts in its core, [reportFrom, reportTo) in content's byte
 * offsets, so a secret on a boundary is found once. Lines and columns in the window are offset by
 * where it starts in the input.
 */
export interface FragmentChunk {
  /** 0 for the first window of an input: stats count an input once. */
  index: number;
  /** The input's line (1-based) holding content's first byte. */
  line: number;
  /** Characters on that line before content's first byte (0 when the window starts a line). */
  column: number;
  reportFrom: number;
  reportTo: number;
}

export interface Allowlist {
  regexes?: string[];
  stopwords?: string[];
  paths?: string[];
}

/** A rule as written in patterns/*.yaml or in the user's config. */
export interface Rule {
  id: string;
  description: string;
  severity: Severity;
  regex: string;
  secretGroup?: number;
  keywords: string[];
  entropy?: number;
  /**
   * The longest secret the rule reports, in characters. Kept out of the regex when a wide counted
   * repetition (`{8,128}`) would swell RE2's DFA until it falls back to its slow matcher.
   */
  maxLength?: number;
  /** A catch-all rule: a specific rule finding the same secret wins over it. */
  generic?: boolean;
  /**
   * Set by the build for catalog rules, from the regex and keywords (see `linesAround`): how many
   * lines around its keyword lines a match can reach, or null to read whole fragments. Other
   * rules are analysed when they first run. Not a key a rule file or config may write; a copy of
   * a catalog rule with another regex or other keywords must drop it.
   */
  linesAround?: number | null;
  /**
   * Set by the build for catalog rules, like linesAround (and dropped with it): a run every
   * secret the rule reports holds, `min` characters in a row of the class `chars` (the body of
   * a regex class: `{ chars: '0-9a-f', min: 32 }`), or null.
   */
  secretRun?: { chars: string; min: number } | null;
  allow?: Allowlist;
  remediation: string;
  examples?: string[];
  negative?: string[];
}

/** What the engine found: a rule matched a byte span of a fragment. */
export interface Match {
  ruleId: string;
  /** Byte offsets of the secret within fragment.content. */
  start: number;
  end: number;
  secret: string;
  entropy: number;
  /** Found in decoded text: how the span was encoded (`base64`, `hex`, `percent`, or a chain `base64/percent`). */
  encoding?: string;
}

/** A match placed in its source, ready to report. */
export interface Finding {
  ruleId: string;
  description: string;
  severity: Severity;
  source: SourceKind;
  file: string | null;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  commit: string | null;
  author: string | null;
  date: string | null;
  /** Merges only: the branch the secret came in from. */
  branch?: string;
  /** Found inside encoded text: how it was encoded; the position is the encoded span's. */
  encoding?: string;
  /** History and ranges only: later commits scanned that still carried the secret. */
  laterCommits?: number;
  secret: string;
  entropy: number;
  fingerprint: string;
  remediation: string;
  /** The source line holding the start of the secret (for the text report). */
  lineText: string;
  /**
   * Where the matched text (the secret, or the encoded span it was decoded from) sits in
   * lineText, as string indexes [start, end): the text report masks exactly that.
   */
  lineSpan?: [number, number];
}

export interface Skipped {
  path: string;
  reason: string;
}

export interface ScanStats {
  bytesScanned: number;
  fragments: number;
  durationMs: number;
  skipped: Skipped[];
  /** History and ranges: how many commits were scanned. */
  commits?: number;
  /** `scan --history --shard K/N`: which part this was, so that `merge` can check it has them all. */
  shard?: { index: number; count: number };
  /** When a baseline was applied: how many findings it hid, and its entries that matched nothing. */
  baseline?: { file: string; hidden: number; stale: { fingerprint: string; ruleId: string; path: string | null }[] };
}

export interface ScanResult {
  findings: Finding[];
  stats: ScanStats;
  /** Problems that did not stop the scan but must not pass as clean (unreadable files…). */
  errors: string[];
  /** Things the person should know that are not findings (a pull request changing the config…). */
  notices: string[];
}
