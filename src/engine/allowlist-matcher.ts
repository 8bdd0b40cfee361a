import RE2 from 're2';
import picomatch from 'picomatch';
import type { Allowlist } from '../types.js';

/**
 * An allowlist as rules and the config write it: paths (picomatch globs), and regexes (RE2) and
 * stopwords (case-insensitive substrings) tested against the secret. Used per rule and globally.
 */
export class AllowlistMatcher {
  private readonly pathMatcher: ((path: string) => boolean) | null;
  private readonly regexes: RE2[];
  private readonly stopwords: string[];

  constructor(allow: Allowlist = {}) {
    this.pathMatcher = allow.paths?.length ? picomatch(allow.paths, { dot: true }) : null;
    this.regexes = (allow.regexes ?? []).map((source) => new RE2(source, ''));
    this.stopwords = (allow.stopwords ?? []).map((w) => w.toLowerCase());
  }

  allowsPath(path: string | null): boolean {
    return path !== null && this.pathMatcher !== null && this.pathMatcher(path);
  }

  allowsSecret(secret: string): boolean {
    if (this.regexes.some((re) => re.test(secret))) return true;
    if (this.stopwords.length === 0) return false;
    const lower = secret.toLowerCase();
    return this.stopwords.some((w) => lower.includes(w));
  }
}
