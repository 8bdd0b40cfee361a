import { describe, expect, it } from 'vitest';
import { savedAutomaton, savedKeywordTables } from '../../src/engine/catalog.js';
import { KeywordAutomaton } from '../../src/engine/keyword-automaton.js';
import { keywordTables, KeywordPrefilter } from '../../src/engine/prefilter.js';
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
  it('finds the same rules and keyword places by byte lookup (small scans) as with the automaton (large scans)', () => {
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
    large.find(Buffer.alloc(2 << 20, 0x20)); // past the small-scan budget: the automaton from now on
    let places = 0;
    for (const text of texts) {
      const bySmall = small.find(text);
      const byLarge = large.find(text);
      expect(bySmall.rules).toEqual(byLarge.rules);
      expect(sortedEntries(bySmall.keywords)).toEqual(sortedEntries(byLarge.keywords));
      for (const starts of byLarge.keywords.values()) places += starts.length;
    }
    expect(places).toBeGreaterThan(4000);
  });

  it('the automaton finds every place of every keyword, overlapping ones too, in any ASCII case', () => {
    const keywords = ['a', 'aa', 'aaa', 'ab', 'bab', 'key', 'api_key', 'api-key', 'secret_key', 'x-y:z', '"q"'];
    const automaton = KeywordAutomaton.build(keywords);
    const next = random(11);
    let places = 0;
    const alphabet = 'aAbBkKeEyYpPiI_-:sScCrRtTxXzZ"q \n\u00e9';
    for (let t = 0; t < 300; t++) {
      let text = '';
      const length = Math.floor(next() * 200);
      for (let i = 0; i < length; i++) text += next() < 0.2 ? keywords[Math.floor(next() * keywords.length)] : alphabet[Math.floor(next() * alphabet.length)];
      const content = Buffer.from(text);
      const lowered = content.toString('latin1').toLowerCase();
      const expected = new Map<number, number[]>();
      keywords.forEach((kw, k) => {
        const starts: number[] = [];
        for (let at = lowered.indexOf(kw); at !== -1; at = lowered.indexOf(kw, at + 1)) starts.push(at);
        if (starts.length) expected.set(k, starts);
      });
      expect(sortedEntries(automaton.find(content))).toEqual(sortedEntries(expected));
      for (const starts of expected.values()) places += starts.length;
    }
    expect(places).toBeGreaterThan(3000);
  });

  it('the automaton reads a text as two halves and loses nothing at the middle, whatever the length', () => {
    const keywords = ['longest_kw', 'ab', 'b'];
    const automaton = KeywordAutomaton.build(keywords);
    for (let length = 0; length <= 40; length++) {
      for (const [k, keyword] of keywords.entries()) {
        for (let at = 0; at + keyword.length <= length; at++) {
          const text = Buffer.from('z'.repeat(at) + keyword.toUpperCase() + 'z'.repeat(length - at - keyword.length));
          const expected = new Map([[k, [at]]]);
          if (k === 1) expected.set(2, [at + 1]); // `b` ends `ab`
          expect(sortedEntries(automaton.find(text))).toEqual(sortedEntries(expected));
        }
      }
    }
  });

  it('the automaton the build saved for the catalog is the one built for it, and only for its keywords', () => {
    const { rules } = JSON.parse(readFileSync(new URL('../../dist/catalog.json', import.meta.url), 'utf8')) as { rules: Rule[] };
    const keywords = new KeywordPrefilter(rules.map((r) => r.keywords)).automatonKeywords();
    const saved = savedAutomaton(keywords);
    expect(saved).not.toBeNull();
    const built = KeywordAutomaton.build(keywords);
    expect(KeywordAutomaton.load(built.save(), keywords)!.save()).toEqual(built.save());
    expect(saved!.save()).toEqual(built.save());
    // a config's rules change the keywords: then the saved one does not fit
    expect(savedAutomaton([...keywords, 'my_own_keyword'])).toBeNull();
    expect(savedAutomaton(keywords.slice(1))).toBeNull();
    // a file cut short is not read as an automaton
    const bytes = built.save();
    expect(KeywordAutomaton.load(bytes.subarray(0, bytes.length - 128), keywords)).toBeNull();
    const text = Buffer.from(rules.flatMap((r) => r.keywords).join(' x ').toUpperCase());
    expect(sortedEntries(saved!.find(text))).toEqual(sortedEntries(built.find(text)));
    expect(saved!.find(text).size).toBeGreaterThan(1000);
  });

  it('the keyword tables the build saved are those made from the catalog, and serve only its keyword lists', () => {
    const { rules } = JSON.parse(readFileSync(new URL('../../dist/catalog.json', import.meta.url), 'utf8')) as { rules: Rule[] };
    const keywordsByRule = rules.map((r) => r.keywords);
    const saved = savedKeywordTables(keywordsByRule);
    expect(saved).toEqual(keywordTables(keywordsByRule));
    expect(saved!.plain.length).toBeGreaterThan(1000);
    // a config that adds a keyword, turns off a rule or moves one: the tables are made anew
    expect(savedKeywordTables([...keywordsByRule.slice(0, -1), [...keywordsByRule.at(-1)!, 'my_own_keyword']])).toBeNull();
    expect(savedKeywordTables(keywordsByRule.slice(1))).toBeNull();
    expect(savedKeywordTables([keywordsByRule[1], keywordsByRule[0], ...keywordsByRule.slice(2)])).toBeNull();
    // either way, the prefilter finds the same rules
    const text = Buffer.from('aws_secret_access_key = x; ghp_token; password: y');
    expect(new KeywordPrefilter(keywordsByRule).find(text)).toEqual(new KeywordPrefilter([...keywordsByRule, ['my_own_keyword']]).find(text));
    expect(new KeywordPrefilter(keywordsByRule).find(text).rules.length).toBeGreaterThan(3);
  });

  it('finds keywords that are not plain ASCII too, in either case, with the plain ones', () => {
    const prefilter = new KeywordPrefilter([['clé'], ['ключ'], ['token']]);
    const found = prefilter.find(Buffer.from('CLÉ = 1\nКлюч: 2'));
    expect(found.rules).toEqual([0, 1]);
    expect(prefilter.find(Buffer.from('my_TOKEN')).rules).toEqual([2]);
    expect([...prefilter.find(Buffer.from('my_TOKEN')).keywords]).toEqual([[2, [3]]]);
    expect(prefilter.find(Buffer.from('cle, kluch')).rules).toEqual([]);
  });
});

function sortedEntries(map: Map<number, number[]>): [number, number[]][] {
  return [...map].sort((a, b) => a[0] - b[0]);
}
