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

  it('a keyword written out inside the match counts only when no match can leave it out', () => {
    const built = (regex: string, keywords = ['-us']): Rule => ({ id: 't', description: 't', severity: 'high', regex, keywords, remediation: 'r' });
    expect(isLineLocal(built('\\b([0-9a-f]{32}-us[0-9]{1,2})\\b'))).toBe(true);
    expect(isLineLocal(built('([0-9a-f]{32}(?:-us)?[0-9]{1,2})'))).toBe(false); // an optional group
    expect(isLineLocal(built('([0-9a-f]{32}-us?[0-9]{1,2})'))).toBe(false); // `s` optional: `-u` holds no keyword
    expect(isLineLocal(built('([0-9a-f]{32}-us[0-9]{1,2}|[0-9a-f]{40})'))).toBe(false); // an alternative without it
    expect(isLineLocal(built('(?:[0-9a-f]{32}-us){0,2}x'))).toBe(false); // repeated zero times
    expect(isLineLocal(built('(?i:x-u)s[0-9]{4}'))).toBe(false); // not one literal: `-u` then `s`
    expect(isLineLocal(built('key(?:[0-9]{8})?\\.atlasv1\\.[a-z]{9}', ['atlasv1']))).toBe(true); // escaped dots are literal
    // a small class in the opening literal: every text it can be must hold a keyword
    expect(isLineLocal(built('\\b(nf[pc]_[A-Za-z0-9]{36})\\b', ['nfp_', 'nfc_']))).toBe(true);
    expect(isLineLocal(built('\\b(nf[pcx]_[A-Za-z0-9]{36})\\b', ['nfp_', 'nfc_']))).toBe(false); // `nfx_` holds none
    // alternatives may open with \b
    expect(isLineLocal(built('(?i:mattermost|\\bmm_)[a-z]{0,9}=([a-z0-9]{26})', ['mattermost', 'mm_']))).toBe(true);
    expect(isLineLocal(built('(?i:mattermost|\\bm_)[a-z]{0,9}=([a-z0-9]{26})', ['mattermost', 'mm_']))).toBe(false);
  });
});
