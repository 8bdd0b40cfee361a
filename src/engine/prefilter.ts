import RE2 from 're2';

/**
 * Decides which rules can match a fragment: a rule runs only where one of its keywords occurs.
 * All keywords go into one case-insensitive RE2.Set, so the fragment is read once for all of them.
 */
export class KeywordPrefilter {
  private readonly set: InstanceType<typeof RE2.Set> | null;
  /** keyword index in the set → indexes of the rules that carry it */
  private readonly rulesByKeyword: number[][] = [];
  /** rules without keywords run on every fragment */
  private readonly alwaysRun: number[] = [];

  constructor(keywordsByRule: readonly (readonly string[])[]) {
    const keywordIndex = new Map<string, number>();
    keywordsByRule.forEach((keywords, rule) => {
      if (keywords.length === 0) {
        this.alwaysRun.push(rule);
        return;
      }
      for (const kw of keywords) {
        let k = keywordIndex.get(kw);
        if (k === undefined) {
          k = keywordIndex.size;
          keywordIndex.set(kw, k);
          this.rulesByKeyword.push([]);
        }
        this.rulesByKeyword[k].push(rule);
      }
    });
    const literals = [...keywordIndex.keys()].map(escapeLiteral);
    this.set = literals.length > 0 ? new RE2.Set(literals, 'iu') : null;
  }

  /** Indexes of the rules worth running on this content, ascending. */
  candidates(content: Buffer): number[] {
    const found = new Set<number>(this.alwaysRun);
    if (this.set) {
      for (const k of this.set.match(content)) for (const rule of this.rulesByKeyword[k]) found.add(rule);
    }
    return [...found].sort((a, b) => a - b);
  }
}

function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
