import { re2, type RE2, type RE2Set } from './re2.js';
import type Picomatch from 'picomatch';
import { requireCjs } from '../require-cjs.js';
import type { Allowlist } from '../types.js';
import { escapeLiteral } from './regex-literal.js';

/**
 * An allowlist as rules and the config write it: paths (picomatch globs), and regexes (RE2) and
 * stopwords (case-insensitive substrings) tested against the secret. Used per rule and globally.
 * It is built to stay fast with tens of thousands of entries: regexes and stopwords are tested as
 * RE2 sets (one pass over the secret for hundreds of patterns), and a path is tested only against
 * the globs whose literal folder prefix it lies in.
 */
export class AllowlistMatcher {
  private readonly paths: PathGlobs | null;
  private readonly regexes: RegexSets | null;
  private readonly stopwords: RegexSets | null;

  constructor(allow: Allowlist = {}) {
    this.paths = allow.paths?.length ? new PathGlobs(allow.paths) : null;
    this.regexes = allow.regexes?.length ? new RegexSets(allow.regexes) : null;
    // a stopword is a literal: the lowercased secret contains the lowercased word
    this.stopwords = allow.stopwords?.length ? new RegexSets(allow.stopwords.map((w) => escapeLiteral(w.toLowerCase()))) : null;
  }

  /** Whether any path is allowlisted at all. */
  get hasPaths(): boolean {
    return this.paths !== null;
  }

  allowsPath(path: string | null): boolean {
    return path !== null && this.paths !== null && this.paths.matches(path);
  }

  allowsSecret(secret: string): boolean {
    if (this.regexes?.test(secret)) return true;
    return this.stopwords !== null && this.stopwords.test(secret.toLowerCase());
  }
}

/** Patterns per RE2 set: well inside RE2's default memory budget for typical allowlist entries. */
const SET_SIZE = 500;

/**
 * RE2 regexes tested together, a set at a time. A set RE2 cannot build, or cannot run within its
 * memory budget, is tested one regex at a time instead: slower, never wrong.
 */
class RegexSets {
  private readonly groups: { sources: string[]; set: RE2Set | null; singles: RE2[] | null }[] = [];

  constructor(sources: readonly string[]) {
    for (let i = 0; i < sources.length; i += SET_SIZE) {
      const group = sources.slice(i, i + SET_SIZE);
      let set: RE2Set | null = null;
      try {
        set = new (re2().Set)(group);
      } catch {
        // too large for one set: the fallback below
      }
      this.groups.push({ sources: group, set, singles: null });
    }
  }

  test(text: string): boolean {
    for (const group of this.groups) {
      if (group.set) {
        try {
          if (group.set.test(text)) return true;
          continue;
        } catch {
          // RE2's DFA ran out of memory on this text: ask each regex instead
        }
      }
      group.singles ??= group.sources.map((source) => new (re2())(source, ''));
      if (group.singles.some((re) => re.test(text))) return true;
    }
    return false;
  }
}

/**
 * Globs indexed by their literal folder prefix (`vendor/acme` for `vendor/acme/**`): a path is
 * tested against the globs of each of its folder prefixes (and of itself), plus the globs with no
 * usable prefix (`**\/*.lock`, braces, negations). Each bucket is compiled the first time a path
 * reaches it, so a long allowlist costs only for the folders a scan actually visits.
 */
class PathGlobs {
  private readonly buckets = new Map<string, string[]>();
  private readonly compiled = new Map<string, (path: string) => boolean>();

  constructor(globs: readonly string[]) {
    for (const glob of globs) {
      const key = prefixOf(glob);
      const bucket = this.buckets.get(key);
      if (bucket) bucket.push(glob);
      else this.buckets.set(key, [glob]);
    }
  }

  matches(path: string): boolean {
    if (this.test('', path)) return true;
    for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) {
      if (slash > 0 && this.test(path.slice(0, slash), path)) return true;
    }
    return this.test(path, path);
  }

  private test(key: string, path: string): boolean {
    const globs = this.buckets.get(key);
    if (!globs) return false;
    let matcher = this.compiled.get(key);
    if (!matcher) {
      matcher = picomatch()(globs, { dot: true });
      this.compiled.set(key, matcher);
    }
    return matcher(path);
  }
}

let picomatchModule: typeof Picomatch | undefined;

/** picomatch, loaded with the first glob: a scan with no path allowlists never needs it. */
function picomatch(): typeof Picomatch {
  return (picomatchModule ??= requireCjs('picomatch') as typeof Picomatch);
}

/** The literal folder prefix a glob's matches must start with, or '' when that is not plain. */
function prefixOf(glob: string): string {
  const { base, negated, prefix } = picomatch().scan(glob);
  const plain = base !== '' && !negated && prefix === '' && !base.includes('\\') &&
    base.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
  return plain ? base : '';
}
