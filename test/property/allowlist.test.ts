import fc from 'fast-check';
import picomatch from 'picomatch';
import RE2 from 're2';
import { describe, expect, it } from 'vitest';
import { AllowlistMatcher } from '../../src/engine/allowlist-matcher.js';

// The matcher indexes globs and batches regexes for speed; these properties hold it to the plain
// reading of an allowlist: picomatch over every glob, each regex on its own, substring stopwords.
const SEED = 8_2026;

const segment = fc.constantFrom('a', 'b', 'ab', 'src', '.env', 'x.txt', 'y.lock', 'ü', 'a b', '.', '..', '');
const globPart = fc.oneof(segment, fc.constantFrom('*', '**', '?', '*.txt', '{a,b}', '[ab]', 'a*', '+(a)', 'a\\*'));
const glob = fc
  .tuple(fc.constantFrom('', '', '', './', '/', '!'), fc.array(globPart, { minLength: 1, maxLength: 4 }), fc.constantFrom('', '', '/'))
  .map(([head, parts, tail]) => `${head}${parts.join('/')}${tail}`)
  .filter((g) => g !== '' && g !== '!');
const path = fc
  .tuple(fc.constantFrom('', '', '', './', '/'), fc.array(segment, { minLength: 1, maxLength: 5 }), fc.constantFrom('', '', '/'))
  .map(([head, parts, tail]) => `${head}${parts.join('/')}${tail}`);

describe('AllowlistMatcher agrees with the plain reading', () => {
  it('paths: picomatch over every glob', () => {
    fc.assert(
      fc.property(fc.array(glob, { minLength: 1, maxLength: 8 }), fc.array(path, { minLength: 1, maxLength: 8 }), (globs, paths) => {
        const matcher = new AllowlistMatcher({ paths: globs });
        const plain = picomatch(globs, { dot: true });
        for (const p of paths) expect(matcher.allowsPath(p), `${JSON.stringify(globs)} on ${JSON.stringify(p)}`).toBe(plain(p));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  const text = fc.string({ unit: fc.constantFrom('a', 'B', 'z', '.', '*', '(', ')', '[', ']', '\\', '|', '$', '^', '+', '?', '{', '}', 'é', 'É', 'ß', '😀', ' '), maxLength: 12 });

  it('stopwords: the lowercased secret contains the lowercased word', () => {
    fc.assert(
      fc.property(fc.array(text.filter((w) => w !== ''), { minLength: 1, maxLength: 6 }), fc.array(text, { maxLength: 6 }), (words, secrets) => {
        const matcher = new AllowlistMatcher({ stopwords: words });
        for (const secret of [...secrets, ...words.map((w) => `x${w.toUpperCase()}y`)]) {
          const plain = words.some((w) => secret.toLowerCase().includes(w.toLowerCase()));
          expect(matcher.allowsSecret(secret), `${JSON.stringify(words)} on ${JSON.stringify(secret)}`).toBe(plain);
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('regexes: any of them matches, as each would on its own', () => {
    const atom = fc.constantFrom('a', 'b', '.', '[ab]', '\\d', '(?i)a', 'é', '\\w+', 'x?', '(a|b)');
    const regex = fc
      .tuple(fc.boolean(), fc.array(atom, { minLength: 1, maxLength: 4 }), fc.boolean())
      .map(([start, atoms, end]) => `${start ? '^' : ''}${atoms.join('')}${end ? '$' : ''}`);
    const secret = fc.string({ unit: fc.constantFrom('a', 'b', 'A', '1', 'x', 'é', '_', '-'), maxLength: 8 });
    fc.assert(
      fc.property(fc.array(regex, { minLength: 1, maxLength: 6 }), fc.array(secret, { minLength: 1, maxLength: 6 }), (sources, secrets) => {
        const matcher = new AllowlistMatcher({ regexes: sources });
        for (const s of secrets) expect(matcher.allowsSecret(s), `${JSON.stringify(sources)} on ${JSON.stringify(s)}`).toBe(sources.some((r) => new RE2(r, '').test(s)));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
