import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorPosition } from '../../src/config/json-position.js';

// The config loader names the line and column of a JSON syntax error from its own walk of the
// grammar; where V8 gives an offset, the two must agree, and valid JSON must have no error.
const SEED = 8_2026;

function lineColumn(text: string, offset: number) {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: [...before.slice(before.lastIndexOf('\n') + 1)].length + 1 };
}

describe('jsonErrorPosition', () => {
  it('finds no error in valid JSON, and V8’s offset in broken JSON', () => {
    const damage = fc.constantFrom(',', '}', ']', '{', '[', '"', ':', '\\', 'x', "'", '\n', ' ', '\u0001', 'é', '😀', '-', '0', '.');
    fc.assert(
      fc.property(fc.json({ maxDepth: 3, stringUnit: 'binary' }), fc.nat(), damage, fc.constantFrom('insert', 'replace', 'truncate'), (json, at, c, how) => {
        const pretty = JSON.stringify(JSON.parse(json), null, 2);
        const i = at % (pretty.length + 1);
        const text = how === 'truncate' ? pretty.slice(0, i) : pretty.slice(0, i) + c + pretty.slice(how === 'replace' ? i + 1 : i);
        let v8: Error | null = null;
        try {
          JSON.parse(text);
        } catch (err) {
          v8 = err as Error;
        }
        const ours = jsonErrorPosition(text);
        if (v8 === null) {
          expect(ours).toBeNull();
          return;
        }
        expect(ours, `${JSON.stringify(text)}: ${v8.message}`).not.toBeNull();
        const offset = /at position (\d+)/.exec(v8.message);
        if (offset) expect(ours, `${JSON.stringify(text)}: ${v8.message}`).toEqual(lineColumn(text, Number(offset[1])));
        else if (/Unexpected end of JSON input/.test(v8.message)) expect(ours).toEqual(lineColumn(text, text.length));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
