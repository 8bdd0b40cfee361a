import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import { shannonEntropy } from '../../src/engine/entropy.js';
import { validateRule } from '../../src/engine/validate-rule.js';
import type { Fragment, Rule } from '../../src/types.js';

const rule = (over: Partial<Rule>): Rule => ({
  id: 'test-token',
  description: 'Test token',
  severity: 'high',
  regex: '\\b(tok_[a-z0-9]{12})\\b',
  keywords: ['tok_'],
  remediation: 'Revoke it.',
  ...over,
});
const fragment = (text: string | Buffer, path: string | null = 'a.txt'): Fragment => ({
  kind: 'file',
  path,
  content: Buffer.isBuffer(text) ? text : Buffer.from(text),
});

describe('Engine', () => {
  it('extracts the secret group with byte offsets, across multi-byte text', () => {
    const engine = new Engine([rule({ regex: 'key=(tok_[a-z0-9]{12})' })]);
    const text = 'é€ key=tok_abc123def456 and key=tok_zzz999yyy888';
    const matches = engine.scan(fragment(text));
    expect(matches.map((m) => m.secret)).toEqual(['tok_abc123def456', 'tok_zzz999yyy888']);
    const buf = Buffer.from(text);
    expect(buf.toString('utf8', matches[0].start, matches[0].end)).toBe('tok_abc123def456');
    expect(matches[0].start).toBe(Buffer.byteLength('é€ key='));
  });

  it('uses secretGroup when given, and the whole match when the regex has no group', () => {
    const grouped = new Engine([rule({ regex: '(id)=(tok_[a-z0-9]{12})', secretGroup: 2 })]);
    expect(grouped.scan(fragment('id=tok_abc123def456'))[0].secret).toBe('tok_abc123def456');
    const whole = new Engine([rule({ regex: 'tok_[a-z0-9]{12}' })]);
    expect(whole.scan(fragment('x tok_abc123def456 y'))[0].secret).toBe('tok_abc123def456');
  });

  it('runs a rule only where one of its keywords occurs (case-insensitive)', () => {
    const engine = new Engine([rule({ regex: '([a-z0-9]{12})', keywords: ['magic'] })]);
    expect(engine.scan(fragment('abc123def456'))).toEqual([]);
    expect(engine.scan(fragment('MAGIC abc123def456')).map((m) => m.secret)).toEqual(['abc123def456']);
  });

  it('drops secrets longer than maxLength, and refuses a maxLength that is not a whole number', () => {
    const engine = new Engine([rule({ regex: 'key=(tok_[a-z0-9]+)', maxLength: 16 })]);
    const found = engine.scan(fragment('key=tok_abc123def456 key=tok_abc123def456789')).map((m) => m.secret);
    expect(found).toEqual(['tok_abc123def456']);
    expect(() => validateRule({ ...rule({}), maxLength: 0 }, 'rules[0]', false)).toThrow(/maxLength must be a whole number/);
    expect(() => validateRule({ ...rule({}), maxLength: 2.5 }, 'rules[0]', false)).toThrow(/maxLength/);
  });

  it('applies the entropy threshold to the secret', () => {
    const engine = new Engine([rule({ entropy: 3 })]);
    expect(engine.scan(fragment('tok_aaaaaaaaaaaa'))).toEqual([]);
    const [m] = engine.scan(fragment('tok_a1b2c3d4e5f6'));
    expect(m.entropy).toBeCloseTo(shannonEntropy('tok_a1b2c3d4e5f6'), 6);
  });

  it("honours the rule's allowlist: regexes and stopwords on the secret, globs on the path", () => {
    const engine = new Engine([rule({ allow: { regexes: ['^tok_0+'], stopwords: ['dummy'], paths: ['**/*.lock'] } })]);
    expect(engine.scan(fragment('tok_000000000001'))).toEqual([]);
    expect(engine.scan(fragment('tok_dummy1234567'))).toEqual([]);
    expect(engine.scan(fragment('tok_abc123def456', 'deps/yarn.lock'))).toEqual([]);
    expect(engine.scan(fragment('tok_abc123def456', 'src/a.ts'))).toHaveLength(1);
  });

  it('reports only the specific rule when a generic rule finds the same secret', () => {
    const generic = rule({ id: 'generic-secret', regex: 'secret\\s*=\\s*"([^"]{8,})"', keywords: ['secret'], generic: true });
    const engine = new Engine([generic, rule({})]);
    // leakguard:allow-next-line generic-secret-assignment -- a made-up token for this test
    expect(engine.scan(fragment('secret = "tok_abc123def456"')).map((m) => m.ruleId)).toEqual(['test-token']);
    expect(engine.scan(fragment('secret = "hunter2hunter2"')).map((m) => m.ruleId)).toEqual(['generic-secret']);
  });

  it('runs no generic rule in lockfiles, source maps and bundles; specific rules still run there', () => {
    const generic = rule({ id: 'generic-secret', regex: 'secret\\s*=\\s*"([^"]{8,})"', keywords: ['secret'], generic: true });
    const engine = new Engine([generic, rule({})]);
    const text = 'secret = "hunter2hunter2"\nother = "tok_abc123def456"';
    expect(engine.scan(fragment(text, 'src/app.ts')).map((m) => m.ruleId)).toEqual(['generic-secret', 'test-token']);
    for (const path of ['package-lock.json', 'web/yarn.lock', 'dist/app.min.js', 'dist/app.js.map']) {
      expect(engine.scan(fragment(text, path)).map((m) => m.ruleId)).toEqual(['test-token']);
    }
  });

  it('finishes in linear time on a pathological pattern (RE2)', () => {
    const engine = new Engine([rule({ regex: '(a+)+$', keywords: ['a'] })]);
    const text = `${'a'.repeat(100_000)}!`;
    expect(engine.scan(fragment(text))).toEqual([]);
  });
});

describe('validateRule', () => {
  it('refuses look-around and back-references, naming the rule and the reason', () => {
    expect(() => validateRule(rule({ regex: 'tok_(?=x)' }), 'cfg.json: rules[0]', false)).toThrow(
      /cfg\.json: rules\[0\] \(rule test-token\): regex is not a valid RE2 regex \(invalid perl operator: \(\?=\)/,
    );
    expect(() => validateRule(rule({ regex: '(a)\\1' }), 'cfg', false)).toThrow(/rule test-token.*invalid escape sequence: \\1/);
  });

  it('requires examples and a negative for catalog rules', () => {
    expect(() => validateRule(rule({ examples: ['tok_abc123def456'], negative: ['x'] }), 'p.yaml[0]', true)).toThrow(/examples must hold at least two/);
    expect(() => validateRule(rule({ examples: ['a', 'b'] }), 'p.yaml[0]', true)).toThrow(/negative must hold at least one/);
  });

  it('names unknown keys and wrong types', () => {
    expect(() => validateRule({ ...rule({}), colour: 'red' }, 'f', false)).toThrow('f: colour is not a known rule key');
    expect(() => validateRule({ ...rule({}), severity: 'urgent' }, 'f', false)).toThrow(/severity must be one of high, medium, low/);
    expect(() => validateRule({ ...rule({}), keywords: ['Tok_'] }, 'f', false)).toThrow(/keywords must be non-empty lowercase/);
    expect(() => validateRule({ ...rule({}), secretGroup: 3 }, 'f', false)).toThrow(/secretGroup is 3 but the regex has 1 groups/);
  });
});
