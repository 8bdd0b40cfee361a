import { describe, expect, it } from 'vitest';
import { KeywordPrefilter } from '../../src/engine/prefilter.js';
import { readFileSync } from 'node:fs';
import type { Rule } from '../../src/types.js';

/** A deterministic pseudo-random generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

describe('KeywordPrefilter', () => {
  it('finds the same rules by byte lookup (small scans) as with the RE2.Set (large scans)', () => {
    const { rules } = JSON.parse(readFileSync(new URL('../../dist/catalog.json', import.meta.url), 'utf8')) as { rules: Rule[] };
    const keywords = [...new Set(rules.flatMap((r) => r.keywords))];
    const next = random(7);
    const texts: Buffer[] = [];
    for (let t = 0; t < 200; t++) {
      const parts: string[] = [];
      for (let p = 0; p < 30; p++) {
        const kw = keywords[Math.floor(next() * keywords.length)];
        // keywords in mixed case, cut short, glued to neighbours, or at the very end
        const cased = [...kw].map((c) => (next() < 0.5 ? c.toUpperCase() : c)).join('');
        parts.push(next() < 0.3 ? cased.slice(0, Math.max(1, cased.length - 1)) : cased);
        parts.push(next() < 0.5 ? ' ' : String.fromCharCode(33 + Math.floor(next() * 90)));
      }
      texts.push(Buffer.from(parts.join('')));
    }
    const small = new KeywordPrefilter(rules.map((r) => r.keywords));
    const large = new KeywordPrefilter(rules.map((r) => r.keywords));
    large.find(Buffer.alloc(2 << 20, 0x20)); // past the small-scan budget: the RE2.Set from now on
    for (const text of texts) expect(small.find(text)).toEqual(large.find(text));
  });
});
