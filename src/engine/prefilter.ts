import { RE2 } from './re2.js';
import { lowercaseBytes } from './line-window.js';
import { escapeLiteral } from './regex-literal.js';

/** Below this many bytes scanned in all, keywords are looked up in plain code, not an RE2.Set. */
const SMALL_SCAN_BYTES = 1 << 20;
/** …and only in fragments this small: on a large one the set's compile pays for itself. */
const SMALL_FRAGMENT_BYTES = 64 << 10;

/**
 * Decides which rules can match a fragment: a rule runs only where one of its keywords occurs.
 * Keywords are lowercase ASCII literals, matched case-insensitively. A large scan reads each
 * fragment once for all of them with one RE2.Set; a small one (a pre-commit hook) does not pay
 * for compiling that set (~20 ms) and looks the keywords up by their first bytes instead.
 */
export class KeywordPrefilter {
  private set: InstanceType<typeof RE2.Set> | null | undefined;
  private readonly keywords: string[] = [];
  /** keyword index → indexes of the rules that carry it */
  private readonly rulesByKeyword: number[][] = [];
  /** rules without keywords run on every fragment */
  private readonly alwaysRun: number[] = [];
  /** first three bytes → keyword indexes; and a regex of every keyword's first four bytes */
  private byPrefix: Map<string, number[]> | null = null;
  private prefixes: RegExp | null = null;
  private scanned = 0;
  private readonly shortcutSafe: boolean;
  private readonly ruleKeywords: number[][] = [];

  constructor(keywordsByRule: readonly (readonly string[])[]) {
    const keywordIndex = new Map<string, number>();
    keywordsByRule.forEach((keywords, rule) => {
      this.ruleKeywords.push([]);
      if (keywords.length === 0) {
        this.alwaysRun.push(rule);
        return;
      }
      for (const kw of keywords) {
        let k = keywordIndex.get(kw);
        if (k === undefined) {
          k = keywordIndex.size;
          keywordIndex.set(kw, k);
          this.keywords.push(kw);
          this.rulesByKeyword.push([]);
        }
        this.rulesByKeyword[k].push(rule);
        this.ruleKeywords[rule].push(k);
      }
    });
    this.shortcutSafe = this.keywords.every(isShortcutSafe);
  }

  /** The rules worth running on this content (ascending), and the keywords found in it, by index. */
  find(content: Buffer): { rules: number[]; keywords: Set<number> } {
    const rules = new Set<number>(this.alwaysRun);
    const keywords = new Set<number>(this.keywordsIn(content));
    for (const k of keywords) for (const rule of this.rulesByKeyword[k]) rules.add(rule);
    return { rules: [...rules].sort((a, b) => a - b), keywords };
  }

  /** The keywords (by index) that a rule carries, in the order of `keyword(k)`. */
  keywordIndexes(rule: number): number[] {
    return this.ruleKeywords[rule];
  }

  keyword(k: number): string {
    return this.keywords[k];
  }

  private keywordsIn(content: Buffer): Iterable<number> {
    if (this.keywords.length === 0) return [];
    this.scanned += content.length;
    if (this.set === undefined && this.scanned < SMALL_SCAN_BYTES && content.length <= SMALL_FRAGMENT_BYTES && this.shortcutSafe) {
      return this.lookUp(content);
    }
    this.set ??= new RE2.Set(this.keywords.map(escapeLiteral), 'iu');
    return this.set.match(content);
  }

  /**
   * The keywords in `content`, found through their first bytes. A hook runs this once, before V8
   * has optimized any JavaScript: a regex of the keywords' first four bytes finds where one may
   * start (V8 compiles a regex to machine code at its first long input or its second run, and it
   * skips ahead on characters no prefix holds), and each place is checked against the keywords
   * with its first three bytes. About twice as fast cold as a byte loop; every alternative is a
   * literal, so there is no backtracking.
   */
  private lookUp(content: Buffer): Set<number> {
    const byPrefix = (this.byPrefix ??= this.indexPrefixes());
    const starts = this.prefixes!;
    const lowered = lowercaseBytes(content);
    const found = new Set<number>();
    starts.lastIndex = 0;
    for (let m = starts.exec(lowered); m !== null; m = starts.exec(lowered)) {
      const at = m.index;
      for (const k of byPrefix.get(lowered.slice(at, at + 3))!) if (!found.has(k) && lowered.startsWith(this.keywords[k], at)) found.add(k);
      starts.lastIndex = at + 1; // prefixes may overlap
    }
    return found;
  }

  private indexPrefixes(): Map<string, number[]> {
    const byPrefix = new Map<string, number[]>();
    const prefixes = new Set<string>();
    this.keywords.forEach((kw, k) => {
      const key = kw.slice(0, 3);
      const same = byPrefix.get(key);
      if (same) same.push(k);
      else byPrefix.set(key, [k]);
      prefixes.add(kw.slice(0, 4));
    });
    this.prefixes = new RegExp([...prefixes].map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'g');
    return byPrefix;
  }
}

/** A keyword of printable, lowercase ASCII: one byte to a character, so it can be looked for in lowercased bytes. */
export function isPlainKeyword(keyword: string): boolean {
  return /^[\x20-\x40\x5b-\x7e]+$/.test(keyword);
}

/** The small-scan lookup handles plain keywords of three bytes or more. */
function isShortcutSafe(keyword: string): boolean {
  return keyword.length >= 3 && isPlainKeyword(keyword);
}
