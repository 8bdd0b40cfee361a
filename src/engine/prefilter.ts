import { re2, type RE2Set } from './re2.js';
import { savedAutomaton, savedKeywordTables } from './catalog.js';
import { KeywordAutomaton } from './keyword-automaton.js';
import { escapeLiteral } from './regex-literal.js';

/** Below this many bytes scanned in all, keywords are looked up in plain code, not an automaton. */
const SMALL_SCAN_BYTES = 1 << 20;
/** …and only in fragments this small: on a large one, reading (or building) the automaton pays for itself. */
const SMALL_FRAGMENT_BYTES = 64 << 10;

export interface KeywordsFound {
  /** The rules worth running (ascending). */
  rules: number[];
  /** The keywords found, by index, each with its start offsets (ascending; none given for a keyword that is not plain). */
  keywords: Map<number, number[]>;
}

/**
 * Decides which rules can match a fragment: a rule runs only where one of its keywords occurs.
 * Keywords are lowercase literals, matched case-insensitively. Plain ones (printable ASCII, as
 * in the catalog) are found with their places, which rules that read only keyword lines use: a
 * large scan reads each fragment once for all of them with a keyword automaton; a small one (a
 * pre-commit hook) does not pay for reading it (about 1 ms, or 30 ms to build one for a config's
 * rules) and looks keywords up by their first bytes. Other keywords (config rules may hold any)
 * are found with an RE2.Set, places unknown.
 */
export class KeywordPrefilter {
  private readonly tables: KeywordTables;
  private automaton: KeywordAutomaton | undefined;
  private set: RE2Set | undefined;
  /** first three bytes → keyword indexes; and a regex of every plain keyword's first four bytes */
  private byPrefix: Map<string, number[]> | null = null;
  private prefixes: RegExp | null = null;
  private scanned = 0;

  constructor(keywordsByRule: readonly (readonly string[])[]) {
    // the catalog's are read from the build (about 5 ms of a hook's start-up to make, cold)
    this.tables = savedKeywordTables(keywordsByRule) ?? keywordTables(keywordsByRule);
  }

  /** The rules worth running on this content, and the keywords found in it. */
  find(content: Buffer): KeywordsFound {
    const { keywords: all, other, alwaysRun, rulesByKeyword } = this.tables;
    const keywords = this.plainIn(content);
    if (other.length > 0) {
      this.set ??= new (re2().Set)(other.map((k) => escapeLiteral(all[k])), 'iu');
      for (const i of this.set.match(content)) keywords.set(other[i], []);
    }
    const rules = new Set<number>(alwaysRun);
    for (const k of keywords.keys()) for (const rule of rulesByKeyword[k]) rules.add(rule);
    return { rules: [...rules].sort((a, b) => a - b), keywords };
  }

  /** The keywords (by index) that a rule carries. */
  keywordIndexes(rule: number): number[] {
    return this.tables.ruleKeywords[rule];
  }

  /** The keywords the automaton is built for (the build saves the catalog's). */
  automatonKeywords(): string[] {
    return automatonKeywords(this.tables);
  }

  private plainIn(content: Buffer): Map<number, number[]> {
    const { plain } = this.tables;
    if (plain.length === 0) return new Map();
    this.scanned += content.length;
    if (this.automaton === undefined && this.scanned < SMALL_SCAN_BYTES && content.length <= SMALL_FRAGMENT_BYTES && this.tables.shortcutSafe) {
      return this.lookUp(content);
    }
    if (this.automaton === undefined) {
      const keywords = this.automatonKeywords();
      this.automaton = savedAutomaton(keywords) ?? KeywordAutomaton.build(keywords);
    }
    const found = new Map<number, number[]>();
    for (const [i, starts] of this.automaton.find(content)) found.set(plain[i], starts);
    return found;
  }

  /**
   * The plain keywords in `content`, found through their first bytes. A hook runs this once,
   * before V8 has optimized any JavaScript: a regex of the keywords' first four bytes finds where
   * one may start (V8 compiles a regex to machine code at its first long input or its second run,
   * and it skips ahead on characters no prefix holds), and each place is checked against the
   * keywords with its first three bytes. About twice as fast cold as a byte loop; every
   * alternative is a literal, so there is no backtracking.
   */
  private lookUp(content: Buffer): Map<number, number[]> {
    const byPrefix = (this.byPrefix ??= new Map(this.tables.byPrefix));
    const starts = (this.prefixes ??= new RegExp(this.tables.prefixes, 'g'));
    const keywords = this.tables.keywords;
    const lowered = content.toString('latin1').toLowerCase(); // one byte to a character: offsets are kept
    const found = new Map<number, number[]>();
    starts.lastIndex = 0;
    for (let m = starts.exec(lowered); m !== null; m = starts.exec(lowered)) {
      const at = m.index;
      for (const k of byPrefix.get(lowered.slice(at, at + 3))!) {
        if (!lowered.startsWith(keywords[k], at)) continue;
        const places = found.get(k);
        if (places) places.push(at);
        else found.set(k, [at]);
      }
      starts.lastIndex = at + 1; // prefixes may overlap
    }
    return found;
  }
}

/** A keyword of printable, lowercase ASCII: one byte to a character, so it can be looked for in lowercased bytes. */
export function isPlainKeyword(keyword: string): boolean {
  return /^[\x20-\x40\x5b-\x7e]+$/.test(keyword);
}

/** The plain keywords, which the automaton is built for. */
export function automatonKeywords(tables: KeywordTables): string[] {
  return tables.plain.map((k) => tables.keywords[k]);
}

/** What the prefilter knows of the rules' keywords, made once from them (the build saves the catalog's). */
export interface KeywordTables {
  /** every keyword once, lowercase */
  keywords: string[];
  /** keyword index → indexes of the rules that carry it */
  rulesByKeyword: number[][];
  /** rule index → indexes of its keywords */
  ruleKeywords: number[][];
  /** rules without keywords run on every fragment */
  alwaysRun: number[];
  /** plain keywords, and the others: their indexes into `keywords` */
  plain: number[];
  other: number[];
  /** every plain keyword is 3 bytes or longer, as `lookUp` needs */
  shortcutSafe: boolean;
  /** first three bytes → indexes of the plain keywords that begin so (entries of a Map) */
  byPrefix: [string, number[]][];
  /** the source of a regex of every plain keyword's first four bytes */
  prefixes: string;
}

export function keywordTables(keywordsByRule: readonly (readonly string[])[]): KeywordTables {
  const tables: KeywordTables = { keywords: [], rulesByKeyword: [], ruleKeywords: [], alwaysRun: [], plain: [], other: [], shortcutSafe: true, byPrefix: [], prefixes: '' };
  const keywordIndex = new Map<string, number>();
  keywordsByRule.forEach((keywords, rule) => {
    tables.ruleKeywords.push([]);
    if (keywords.length === 0) {
      tables.alwaysRun.push(rule);
      return;
    }
    for (const kw of keywords) {
      let k = keywordIndex.get(kw);
      if (k === undefined) {
        k = keywordIndex.size;
        keywordIndex.set(kw, k);
        tables.keywords.push(kw);
        tables.rulesByKeyword.push([]);
        (isPlainKeyword(kw) ? tables.plain : tables.other).push(k);
      }
      tables.rulesByKeyword[k].push(rule);
      tables.ruleKeywords[rule].push(k);
    }
  });
  tables.shortcutSafe = tables.plain.every((k) => tables.keywords[k].length >= 3);
  const byPrefix = new Map<string, number[]>();
  const prefixes = new Set<string>();
  for (const k of tables.plain) {
    const kw = tables.keywords[k];
    const key = kw.slice(0, 3);
    const same = byPrefix.get(key);
    if (same) same.push(k);
    else byPrefix.set(key, [k]);
    prefixes.add(kw.slice(0, 4));
  }
  tables.byPrefix = [...byPrefix];
  tables.prefixes = [...prefixes].map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
  return tables;
}
