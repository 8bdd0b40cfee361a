import { RE2 } from './re2.js';
import { escapeLiteral } from './regex-literal.js';

/** Below this many bytes scanned in all, keywords are looked up in plain code, not an RE2.Set. */
const SMALL_SCAN_BYTES = 1 << 20;
/** …and only in fragments this small: on a large one the set's compile pays for itself. */
const SMALL_FRAGMENT_BYTES = 64 << 10;

/**
 * Decides which rules can match a fragment: a rule runs only where one of its keywords occurs.
 * Keywords are lowercase ASCII literals, matched case-insensitively. A large scan reads each
 * fragment once for all of them with one RE2.Set; a small one (a pre-commit hook) does not pay
 * for compiling that set (~20 ms) and looks the keywords up by their first three bytes instead.
 */
export class KeywordPrefilter {
  private set: InstanceType<typeof RE2.Set> | null | undefined;
  private readonly keywords: string[] = [];
  /** keyword index → indexes of the rules that carry it */
  private readonly rulesByKeyword: number[][] = [];
  /** rules without keywords run on every fragment */
  private readonly alwaysRun: number[] = [];
  /** first three lowercase bytes → keyword indexes; and a filter on the first two */
  private byPrefix: Map<number, number[]> | null = null;
  private readonly pairs = new Uint8Array(1 << 16);
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
   * The keywords in `content`, found through their first three bytes. A hook runs this loop once,
   * mostly before V8 has optimized it: each byte costs one table lookup and one test.
   */
  private lookUp(content: Buffer): Set<number> {
    const byPrefix = (this.byPrefix ??= this.indexPrefixes());
    const pairs = this.pairs;
    const found = new Set<number>();
    const end = content.length - 2;
    let pair = end > 0 ? LOWER[content[0]] : 0; // the two lowercase bytes at i, i + 1
    for (let i = 0; i < end; i++) {
      pair = ((pair << 8) | LOWER[content[i + 1]]) & 0xffff;
      if (pairs[pair] === 0) continue;
      const candidates = byPrefix.get((pair << 8) | LOWER[content[i + 2]]);
      if (!candidates) continue;
      for (const k of candidates) if (!found.has(k) && matchesAt(content, i, this.keywords[k])) found.add(k);
    }
    return found;
  }

  private indexPrefixes(): Map<number, number[]> {
    const byPrefix = new Map<number, number[]>();
    this.keywords.forEach((kw, k) => {
      const key = (kw.charCodeAt(0) << 16) | (kw.charCodeAt(1) << 8) | kw.charCodeAt(2);
      byPrefix.set(key, [...(byPrefix.get(key) ?? []), k]);
      this.pairs[(kw.charCodeAt(0) << 8) | kw.charCodeAt(1)] = 1;
    });
    return byPrefix;
  }
}

/** A keyword of printable, lowercase ASCII: one byte to a character, so it can be looked for in lowercased bytes. */
export function isPlainKeyword(keyword: string): boolean {
  return /^[\x20-\x40\x5b-\x7e]+$/.test(keyword);
}

/** The byte-wise lookup handles plain keywords of three bytes or more. */
function isShortcutSafe(keyword: string): boolean {
  return keyword.length >= 3 && isPlainKeyword(keyword);
}

/** ASCII lowercase of each byte. */
const LOWER = new Uint8Array(256);
for (let b = 0; b < 256; b++) LOWER[b] = b >= 0x41 && b <= 0x5a ? b | 0x20 : b;

function matchesAt(content: Buffer, at: number, keyword: string): boolean {
  if (at + keyword.length > content.length) return false;
  for (let j = 3; j < keyword.length; j++) if (LOWER[content[at + j]] !== keyword.charCodeAt(j)) return false;
  return true;
}
