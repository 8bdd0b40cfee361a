import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import { isLineLocal, linesAround } from '../../src/engine/line-local.js';
import { keywordLines, LineWindow } from '../../src/engine/line-window.js';
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
  it('the shortcuts (keyword lines and the lines around them, secret runs) lose nothing that reading everything finds', () => {
    const windowed = new Engine(rules);
    const whole = new Engine(rules, { shortcuts: false });
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

  it('reads the lines around keyword lines for a rule whose matches span a few lines', () => {
    const byId = new Map(rules.map((r) => [r.id, r]));
    expect(linesAround(byId.get('aws-access-key-id')!)).toBe(0);
    expect(linesAround(byId.get('sentry-legacy-auth-token')!)).toBeGreaterThan(0); // a key in a YAML or INI section
    expect(linesAround(byId.get('twilio-sid-secret-pair')!)).toBeNull(); // keyword `twilio` is not in the match
    expect(linesAround(byId.get('kubernetes-secret-manifest')!)).toBeNull(); // a catch-all
  });

  it('the build gives each catalog rule the lines around that its regex and keywords give', () => {
    const decided = rules.map((r) => [r.id, r.linesAround]);
    expect(decided).toEqual(rules.map((r) => [r.id, linesAround({ ...r, linesAround: undefined })]));
    expect(decided.filter(([, n]) => n !== null).length).toBeGreaterThan(250);
  });

  it('joins touching line runs into one piece, and maps every offset back', () => {
    const lines = ['a0', 'kw1', 'a2', 'a3', 'a4', 'a5', 'kw6', 'a7', 'kw8', 'a9', 'a10', ...Array.from({ length: 20 }, (_, i) => `b${i}`)];
    const content = Buffer.from(lines.join('\n'));
    const starts = [content.indexOf('kw1'), content.indexOf('kw6'), content.indexOf('kw8')];
    const window = keywordLines(content, [starts], Infinity, 1) as LineWindow;
    // kw1 ±1 = a0..a2; kw6 ±1 and kw8 ±1 touch: a5..a9
    expect(window.content.toString()).toBe('a0\nkw1\na2\na5\nkw6\na7\nkw8\na9');
    const text = window.content.toString();
    for (let i = 0; i < text.length; i++) {
      if (text[i] !== '\n') expect(content[window.toFragment(i)]).toBe(text.charCodeAt(i));
    }
    const join = text.indexOf('a2') + 2;
    expect(window.inOnePiece(text.indexOf('kw6'), text.indexOf('a9') + 2)).toBe(true); // a run of real lines
    expect(window.inOnePiece(join, text.indexOf('kw6'))).toBe(true); // the join as first character
    expect(window.inOnePiece(text.indexOf('kw1'), join + 1)).toBe(true); // and as last
    expect(window.inOnePiece(text.indexOf('a2'), join + 2)).toBe(false); // across it
    expect(keywordLines(content, [starts], Infinity, 12)).toBe('whole'); // most of it: read whole
  });

  it('a match across two pieces of a window is not reported: the rule reads the whole fragment instead', () => {
    // Keywords are found ignoring ASCII case only, RE2's (?i) folds Unicode: `kw` also matches
    // with a Kelvin sign (U+212A), which is no keyword place. Such a match can cross a join.
    const rule: Rule = { id: 'spans', description: 't', severity: 'high', regex: '(?i)(?s:X.{0,3}kw(\\d{6}))', keywords: ['kw'], remediation: 'r' };
    expect(linesAround(rule)).toBe(3);
    const filler = Array.from({ length: 40 }, (_, i) => `filler line ${i}`);
    // the first piece ends with `X`, the next opens with `\u212Aw581937`: joined, they would match
    const lines = ['kw', 'a', 'b', 'X', ...filler.slice(0, 20), '\u212Aw581937', 'c', 'd', 'kw', ...filler.slice(20), 'X', 'kw739184'];
    const fragment = { kind: 'file' as const, path: 'x.txt', content: Buffer.from(lines.join('\n')) };
    const whole = new Engine([rule], { shortcuts: false }).scan(fragment);
    expect(whole.map((m) => m.secret)).toEqual(['739184']);
    expect(new Engine([rule]).scan(fragment)).toEqual(whole);
  });
});
