import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keywordsCover, maxLineBreaks, secretRun } from '../../src/engine/regex-shape.js';
import { runStart } from '../../src/engine/byte-runs.js';
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

describe('secretRun', () => {
  const hex = '0-9a-f';
  it('reads the longest repetition of one class that the secret group cannot skip', () => {
    expect(secretRun('key=([0-9a-f]{32})\\b', 1)).toEqual({ chars: hex, min: 32 });
    expect(secretRun('\\b(sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{24})', 1)).toEqual({ chars: '0-9A-Za-z', min: 24 });
    expect(secretRun('(x)=(?P<secret>[0-9a-f]{16,})', 2)).toEqual({ chars: hex, min: 16 });
    expect(secretRun('(?i)([0-9a-f]{16})', 1)).toEqual({ chars: '0-9A-Fa-f', min: 16 }); // both cases
    expect(secretRun('([\\w.-]{12})', 1)).toEqual({ chars: '\\-.0-9A-Z_a-z', min: 12 });
    expect(secretRun('([\\s\\]^]{12})', 1)).toEqual({ chars: '\\x09\\x0a\\x0c\\x0d \\]\\^', min: 12 });
    expect(secretRun('[0-9a-f]{40}', 0)).toEqual({ chars: hex, min: 40 }); // the whole match
  });

  it('gives null where a run is not certain', () => {
    expect(secretRun('(?i)([a-z]{20})', 1)).toBeNull(); // (?i) k and s also match K and ſ
    expect(secretRun('([^\\s"]{20})', 1)).toBeNull(); // a negated class holds non-ASCII characters
    expect(secretRun('([0-9]{10}|[a-f]{12})', 1)).toBeNull(); // alternatives
    expect(secretRun('((?:[0-9a-f]{32})?)', 1)).toBeNull(); // optional
    expect(secretRun('([0-9a-f]{7})', 1)).toBeNull(); // too short to be worth it
    expect(secretRun('(.{20})', 1)).toBeNull();
  });

  it('reads every catalog rule, and the build wrote what it reads', () => {
    for (const r of rules) expect([r.id, r.secretRun]).toEqual([r.id, secretRun(r.regex, r.secretGroup ?? 1)]);
    expect(rules.filter((r) => r.secretRun).length).toBeGreaterThan(400);
  });
});

describe('runStart', () => {
  it('agrees with the plain definition on texts of every length', () => {
    const member = new Uint8Array(256);
    for (const c of 'ab') member[c.charCodeAt(0)] = 1;
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let length = 0; length < 60; length++) {
      for (let trial = 0; trial < 20; trial++) {
        const text = Buffer.from(Array.from({ length }, () => 'abx'[Math.floor(random() * (random() < 0.2 ? 3 : 2))]).join(''));
        for (let min = 1; min <= 12; min++) {
          const plain = text.toString().search(new RegExp(`[ab]{${min}}`));
          expect([text.toString(), min, runStart(text, member, min)]).toEqual([text.toString(), min, plain]);
        }
      }
    }
  });
});

