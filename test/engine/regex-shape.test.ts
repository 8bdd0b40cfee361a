import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keywordsCover, maxLineBreaks } from '../../src/engine/regex-shape.js';
import type { Rule } from '../../src/types.js';

const { rules } = JSON.parse(readFileSync(new URL('../../dist/catalog.json', import.meta.url), 'utf8')) as { rules: Rule[] };

describe('maxLineBreaks', () => {
  it('counts what can match a line break, times how often it may repeat', () => {
    expect(maxLineBreaks('abc[0-9]{4}')).toBe(0);
    expect(maxLineBreaks('a.b')).toBe(0); // `.` is not a line break without (?s)
    expect(maxLineBreaks('(?s:a.b)')).toBe(1);
    expect(maxLineBreaks('(?s)a.{0,80}b')).toBe(80);
    expect(maxLineBreaks('(?:a(?s)b|.c)')).toBe(1); // (?s) holds to the end of its group, later branches too
    expect(maxLineBreaks('(?:(?s)a)|.c')).toBe(0);
    expect(maxLineBreaks('a\\s{0,3}b\\n')).toBe(4);
    expect(maxLineBreaks('a[^x]b')).toBe(1); // a negated class holds `\n` unless it names it
    expect(maxLineBreaks('a[^x\\n]b[^\\s"]')).toBe(0);
    expect(maxLineBreaks('a(?:\\r?\\n[ \\t]+){0,4}b|c')).toBe(4);
    expect(maxLineBreaks('a\\s+b')).toBe(Infinity);
    expect(maxLineBreaks('(?:^|[^A-Za-z0-9])(key)\\b')).toBe(1);
    expect(maxLineBreaks('\\x0a|\\012|[\\x00-\\x1f]')).toBe(1);
    expect(maxLineBreaks('\\W\\D\\S\\w\\d')).toBe(2);
  });

  it('gives null for syntax it does not know, rather than guess', () => {
    expect(maxLineBreaks('a(?=b)')).toBeNull();
    expect(maxLineBreaks('\\Qa.b\\E')).toBeNull();
    expect(maxLineBreaks('[[:alpha:]]')).toBeNull();
    expect(maxLineBreaks('(a')).toBeNull();
  });

  it('reads every catalog regex', () => {
    expect(rules.filter((r) => maxLineBreaks(r.regex) === null).map((r) => r.id)).toEqual([]);
  });
});

describe('keywordsCover', () => {
  it('holds when every match holds a keyword, ignoring ASCII case', () => {
    expect(keywordsCover('(?i)AKIA[A-Z0-9]{16}', ['akia'])).toBe(true);
    expect(keywordsCover('AKIA[A-Z0-9]{16}', ['akia'])).toBe(true);
    expect(keywordsCover('(?:ABIA|ACCA)[A-Z0-9]{16}', ['abia', 'acca'])).toBe(true);
    expect(keywordsCover('(?:ABIA|ACCA)[A-Z0-9]{16}', ['abia'])).toBe(false);
    expect(keywordsCover('x(?:key)?y', ['key'])).toBe(false); // optional
    expect(keywordsCover('x(?:key){0,2}y', ['key'])).toBe(false);
    expect(keywordsCover('x(?:key){1,2}y', ['key'])).toBe(true);
    expect(keywordsCover('\\bnf[pc]_[a-z]{36}', ['nfp_', 'nfc_'])).toBe(true);
    expect(keywordsCover('\\bnf[pcx]_[a-z]{36}', ['nfp_', 'nfc_'])).toBe(false);
  });

  it('follows a keyword across parts of the regex, and only as far as their texts are known', () => {
    expect(keywordsCover('aws[_.-]?secret', ['aws_secret', 'aws.secret', 'aws-secret', 'awssecret'])).toBe(true);
    expect(keywordsCover('aws[_.\\s-]?secret', ['aws_secret', 'aws.secret', 'aws-secret', 'awssecret'])).toBe(false); // aws\tsecret
    expect(keywordsCover('set[ \\t]+password', ['set password'])).toBe(false); // `set  password`
    expect(keywordsCover('set[ \\t]+password', ['password'])).toBe(true);
    expect(keywordsCover('(?:^|[^a-z])(?:cf|cloudflare)[_.-]?token', ['cf_token', 'cf-token', 'cftoken', 'cloudflare'])).toBe(false); // cf.token
  });

  it('does not hold for keywords that are only the file context of a match', () => {
    expect(keywordsCover('\\b([0-9]{8,10}:[A-Za-z0-9_-]{35})\\b', ['telegram'])).toBe(false);
    expect(keywordsCover('a(?=b)', ['a'])).toBe(false); // not understood
    expect(keywordsCover('abc', [])).toBe(false);
  });
});
