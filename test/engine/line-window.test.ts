import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import { isLineLocal } from '../../src/engine/line-local.js';
import type { Rule } from '../../src/types.js';

const dist = (name: string) => new URL(`../../dist/${name}`, import.meta.url);
const { rules } = JSON.parse(readFileSync(dist('catalog.json'), 'utf8')) as { rules: Rule[] };
const examples = JSON.parse(readFileSync(dist('catalog-examples.json'), 'utf8')) as Record<string, { examples: string[]; negative: string[] }>;
const CORPUS = new URL('../corpus/', import.meta.url).pathname;

/** Every file under a folder, recursively. */
function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('line windows', () => {
  it('a rule that reads only its keyword lines finds what it finds reading everything', () => {
    const windowed = new Engine(rules);
    const whole = new Engine(rules, { lineWindows: false });
    const texts = [
      ...Object.values(examples).flatMap((e) => [...e.examples, ...e.negative]),
      ...files(CORPUS).map((f) => readFileSync(f, 'utf8')),
    ];
    // the texts also side by side, so that a keyword line sits among lines of other rules
    texts.push(texts.join('\n'));
    let found = 0;
    for (const text of texts) {
      const fragment = { kind: 'file' as const, path: 'sample.txt', content: Buffer.from(text) };
      const expected = whole.scan(fragment);
      expect(windowed.scan(fragment)).toEqual(expected);
      found += expected.length;
    }
    expect(found).toBeGreaterThan(1000);
  });

  it('reads whole fragments for rules that may span lines or whose keywords are file context', () => {
    const byId = new Map(rules.map((r) => [r.id, r]));
    expect(isLineLocal(byId.get('aws-access-key-id')!)).toBe(true);
    expect(isLineLocal(byId.get('generic-secret-assignment')!)).toBe(true);
    expect(isLineLocal(byId.get('twilio-sid-secret-pair')!)).toBe(false); // keyword `twilio` is not in the match
    expect(isLineLocal(byId.get('kubernetes-secret-manifest')!)).toBe(false); // spans lines
    expect(rules.filter(isLineLocal).length).toBeGreaterThan(100);
  });
});
