import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateRule } from '../../src/engine/validate-rule.js';
import { AWS_KEY_ID, GITHUB_PAT, SLACK_BOT_TOKEN } from '../fixtures/secrets.js';
import { runCli, scanJson, tempDir, writeFiles } from '../helpers.js';

// Hostile configurations: each is refused with exit 2 and one line that names the file and what
// is wrong in it (for a syntax error, the line and column), or it is honoured exactly.

const LEAK = `aws = "${AWS_KEY_ID}"\n`;

/** Runs `scan leak.txt` in a folder holding `files`; expects the one-line refusal and returns it. */
function refusal(files: Record<string, string | Buffer>, args: string[] = [], command = ['scan', 'leak.txt'], dir = tempDir()): string {
  writeFiles(dir, { 'leak.txt': LEAK, ...files });
  const r = runCli([...command, ...args], { cwd: dir });
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  return lines[0];
}

const rule = (regex: string, extra: object = {}) => ({
  id: 'acme-token', description: 'Acme token', severity: 'high', regex, keywords: ['tok'], remediation: 'Revoke it.', ...extra,
});

describe('malformed JSON: the file, the line and the column', () => {
  const cases: Array<[string, string, number, number]> = [
    ['a trailing comma', '{\n  "disable": [\n    "aws-access-key-id",\n  ]\n}\n', 4, 3],
    ['a missing comma', '{\n  "disable": []\n  "maxFileSize": 10\n}\n', 3, 3],
    ['a truncated file', '{\n  "allow": {\n    "paths": ["a"', 3, 18], // one past the end
    ['a single-quoted key', "{\n  'disable': []\n}\n", 2, 3],
    ['a comment', '{\n  // no comments in JSON\n  "disable": []\n}\n', 2, 3],
    ['text after the object', '{ "disable": [] }\n}\n', 2, 1],
    ['a bad escape past non-ASCII', '{ "allow": { "stopwords": ["ünï", "\\q"] } }', 1, 37],
  ];
  // every case in one file name, and one case in the other (the same code reads both)
  for (const [file, some] of [['.leakguardrc.json', cases], ['leakguard.config.json', cases.slice(0, 1)]] as const) {
    for (const [name, content, line, column] of some) {
      it(`${file}: ${name}`, () => {
        const message = refusal({ [file]: content });
        expect(message).toMatch(new RegExp(`^leakguard: cannot parse config .*${file.replace(/\./g, '\\.')}: invalid JSON at line ${line}, column ${column}: \\S`));
      });
    }
  }

  it('--config names the file as given', () => {
    expect(refusal({ 'conf/lg.json': '{\n  "disable": [,]\n}' }, ['--config', 'conf/lg.json'])).toBe(
      'leakguard: cannot parse config conf/lg.json: invalid JSON at line 2, column 15: Unexpected token \',\'',
    );
  });
});

describe('malformed YAML: the file, the line and the column', () => {
  const cases: Array<[string, string, number, number]> = [
    ['bad indentation', 'allow:\n  paths:\n    - a\n   - b\n', 4, 4],
    ['an unclosed flow list', 'disable: [aws-access-key-id\nmaxFileSize: 10MB\n', 2, 1],
    ['a tab for indentation', 'allow:\n\tpaths: [a]\n', 2, 1],
    ['a duplicate key', 'disable: []\ndisable: [x]\n', 2, 1],
  ];
  // every case in .leakguardrc.yaml; each other name (.leakguardrc is YAML or JSON) gets one case in turn
  const others = ['.leakguardrc.yml', 'leakguard.config.yaml', 'leakguard.config.yml', '.leakguardrc'];
  for (const [file, some] of [['.leakguardrc.yaml', cases], ...others.map((f, i) => [f, [cases[i % cases.length]]] as const)] as const) {
    for (const [name, content, line, column] of some) {
      it(`${file}: ${name}`, () => {
        const message = refusal({ [file]: content });
        expect(message).toMatch(new RegExp(`^leakguard: cannot parse config .*/${file.replace(/\./g, '\\.')}: invalid YAML at line ${line}, column ${column}: \\S`));
      });
    }
  }
});

describe('unknown keys are refused by name', () => {
  const cases: Array<[string, object, RegExp]> = [
    ['at the top level', { allowlist: { paths: ['x'] } }, /\.leakguardrc\.json: allowlist is not a known key \(expected one of rules, disable, override, allow, maxFileSize\)/],
    ['inside allow', { allow: { path: ['x'] } }, /\.leakguardrc\.json: allow\.path is not a known key \(expected regexes, stopwords, paths\)/],
    ['inside a rule', { rules: [rule('tok_([a-z]{8})', { secret_group: 1 })] }, /rules\[0\]: secret_group is not a known rule key/],
    ['inside a rule’s allow', { rules: [rule('tok_([a-z]{8})', { allow: { stopword: ['x'] } })] }, /rules\[0\] \(rule acme-token\): allow\.stopword is not a known key/],
    ['inside an override', { override: { 'aws-access-key-id': { severity: 'low', enabled: false } } }, /override\.aws-access-key-id\.enabled is not a known key/],
  ];
  for (const [name, config, pattern] of cases) {
    it(name, () => expect(refusal({ '.leakguardrc.json': JSON.stringify(config) })).toMatch(pattern));
  }

  it('and in YAML as in JSON', () => {
    expect(refusal({ '.leakguardrc.yaml': 'allow:\n  paths: [x]\n  regex: [y]\n' })).toMatch(/\.leakguardrc\.yaml: allow\.regex is not a known key/);
  });

  it('empty allowlist entries, which would silence everything, are refused', () => {
    expect(refusal({ '.leakguardrc.json': JSON.stringify({ allow: { stopwords: ['dummy', ''] } }) })).toMatch(/allow\.stopwords\[1\] is empty/);
    expect(refusal({ '.leakguardrc.json': JSON.stringify({ allow: { regexes: [''] } }) })).toMatch(/allow\.regexes\[0\] is empty/);
    expect(refusal({ '.leakguardrc.json': JSON.stringify({ allow: { paths: [''] } }) })).toMatch(/allow\.paths\[0\] is empty/);
  });
});

describe('regexes RE2 cannot run in linear time are refused at load', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['look-ahead', 'tok_(?=[a-z])([a-z]{8})', /invalid perl operator: \(\?=/],
    ['negative look-ahead', 'tok_(?![0-9])([a-z]{8})', /invalid perl operator: \(\?!/],
    ['look-behind', '(?<=key=)tok_([a-z]{8})', /invalid perl operator: \(\?<=?/],
    ['negative look-behind', '(?<!x)tok_([a-z]{8})', /invalid perl operator: \(\?<!?/],
    ['a back-reference', '(tok)_([a-z]{8})\\1', /invalid escape sequence: \\1/],
    ['a named back-reference', '(?<p>tok)_\\k<p>', /invalid escape sequence: \\k/],
  ];
  const config = (regex: string) => ({ '.leakguardrc.json': JSON.stringify({ rules: [rule('tok_([a-z]{8})', { id: 'fine-rule' }), rule(regex)] }) });
  for (const [name, regex, reason] of cases) {
    it(`${name}: refused, naming the rule and the reason`, () => {
      const message = refusal(config(regex));
      expect(message).toMatch(/\.leakguardrc\.json: rules\[1\] \(rule acme-token\): regex is not a valid RE2 regex/);
      expect(message).toMatch(reason);
      expect(message).toContain('look-around and back-references are not supported');
    });
  }

  it('by every command that loads the config: scan --stdin, rules list, rules test', () => {
    for (const command of [['scan', '--stdin'], ['rules', 'list'], ['rules', 'test']]) {
      expect(refusal(config(cases[2][1]), [], command), command.join(' ')).toMatch(/rules\[1\] \(rule acme-token\): regex is not a valid RE2 regex \(invalid perl operator: \(\?<=?/);
    }
  });

  it('in an allowlist regex too', () => {
    expect(refusal({ '.leakguardrc.json': JSON.stringify({ allow: { regexes: ['^AKIA', '(?<!x)EXAMPLE'] } }) })).toMatch(
      /\.leakguardrc\.json: allow\.regexes\[1\] is not a valid RE2 regex/,
    );
  });

  it('the catalog build refuses them through the same check (rules test runs only validated rules)', () => {
    const raw = { ...rule('(?<=key=)tok_([a-z]{8})'), examples: ['key=tok_abcdefgh', 'key=tok_hgfedcba'], negative: ['tok_'] };
    expect(() => validateRule(raw, 'patterns/acme.yaml[0]', true)).toThrow(/^patterns\/acme\.yaml\[0\] \(rule acme-token\): regex is not a valid RE2 regex/);
  });

  it('(a+)+$ over 1 MB of "a"s ending in "!" returns, and finds exactly what it should', () => {
    const dir = tempDir();
    const nested = rule('(a+)+$', { id: 'nested-plus', keywords: ['a'] });
    writeFiles(dir, {
      '.leakguardrc.json': JSON.stringify({ rules: [nested] }),
      'no-match.txt': `${'a'.repeat(1 << 20)}!`,
      // the same megabyte, then a short run of a's at the very end: the only place `$` allows a match
      'match.txt': `${'a'.repeat(1 << 20)}!\nkey = aab aaa`,
    });
    const clean = scanJson(['no-match.txt'], { cwd: dir });
    expect(clean.status, clean.stderr).toBe(0);
    expect(clean.report!.findings).toEqual([]);
    expect(clean.report!.stats.bytesScanned).toBe((1 << 20) + 1);
    const found = scanJson(['match.txt'], { cwd: dir });
    expect(found.status, found.stderr).toBe(1);
    expect(found.report!.findings.map((f) => [f.ruleId, f.line, f.column, f.endColumn])).toEqual([['nested-plus', 2, 11, 14]]);
  });
});

describe('an allowlist of 10,000 regexes, 10,000 stopwords and 10,000 paths', () => {
  it('silences exactly what its last entries name, over 200 files', () => {
    const dir = tempDir();
    const N = 10_000;
    // Entries that never match, then the last few that do: a matcher that stops early or drops
    // entries past some limit leaves those files reported.
    const regexes = Array.from({ length: N - 1 }, (_, i) => `^ghp_NOPE${String(i).padStart(5, '0')}[A-Za-z0-9]{27}$`);
    regexes.push(`^${GITHUB_PAT.slice(0, 12)}`); // the last regex silences the GitHub token
    const stopwords = Array.from({ length: N - 1 }, (_, i) => `never-${i}-seen`);
    stopwords.push(AWS_KEY_ID.slice(12).toLowerCase()); // the last stopword: the AWS key's tail, in another case
    const paths = Array.from({ length: N - 1 }, (_, i) => `vendor/pkg-${i}/**/*.txt`);
    paths.push('generated/allowed-*/**'); // the last glob silences one folder
    // a quarter in the allowed folder; a quarter in folders the vendor globs index but do not match (.md)
    const fileOf = (i: number) => (i % 4 === 0 ? `generated/allowed-${i}/deep/f${i}.txt` : i % 4 === 1 ? `vendor/pkg-${i}/f${i}.md` : `src/m${i % 7}/f${i}.txt`);
    const files: Record<string, string> = { '.leakguardrc.json': JSON.stringify({ allow: { regexes, stopwords, paths } }) };
    for (let i = 0; i < 200; i++) {
      files[fileOf(i)] = `// file ${i}\nconst a = "${AWS_KEY_ID}";\nconst g = "${GITHUB_PAT}";\nconst s = "${SLACK_BOT_TOKEN}";\n`;
    }
    writeFiles(dir, files);
    const r = scanJson(['.'], { cwd: dir });
    expect(r.status, r.stderr).toBe(1);
    const byFile = new Map<string, string[]>();
    for (const f of r.report!.findings) byFile.set(f.file!, [...(byFile.get(f.file!) ?? []), `${f.ruleId}@${f.line}:${f.column}`]);
    // the allowed folder is silent; everywhere else only the Slack token remains, on its own line
    const expected = new Map<string, string[]>();
    for (let i = 0; i < 200; i++) {
      if (i % 4 === 0) continue;
      expected.set(fileOf(i), ['slack-bot-token@4:12']);
    }
    expect(new Map([...byFile].sort())).toEqual(new Map([...expected].sort()));
  });
});

describe('config files that are not config files', () => {
  it('a folder where the config should be: found by the search, or named by --config', () => {
    const dir = tempDir();
    writeFiles(dir, { 'leak.txt': LEAK });
    mkdirSync(join(dir, '.leakguardrc.json'));
    const found = runCli(['scan', 'leak.txt'], { cwd: dir });
    expect(found.status).toBe(2);
    expect(found.stderr).toMatch(/^leakguard: config \/.*\/\.leakguardrc\.json is a folder, not a file\n$/);
    mkdirSync(join(dir, 'conf'));
    expect(refusal({}, ['--config', 'conf'], undefined, dir)).toBe('leakguard: config conf is a folder, not a file');
  });

  for (const file of ['.leakguardrc.json', '.leakguardrc.yaml', '.leakguardrc', 'leakguard.config.yml']) {
    it(`an empty ${file} (or only blank lines) is refused, not read as the defaults`, () => {
      expect(refusal({ [file]: '' })).toMatch(new RegExp(`^leakguard: config .*${file.replace(/\./g, '\\.')} is empty: write \\{\\} to use the defaults`));
      expect(refusal({ [file]: '\n  \n' })).toMatch(/is empty/);
    });
  }

  it('a YAML file of comments only is the defaults, deliberately', () => {
    const dir = tempDir();
    writeFiles(dir, { '.leakguardrc.yaml': '# rules: []\n', 'leak.txt': LEAK });
    const r = scanJson(['leak.txt'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.report!.findings.map((f) => f.ruleId)).toEqual(['aws-access-key-id']);
  });

  it('a byte order mark is read past, in JSON, YAML and package.json, and the config applies', () => {
    const bom = '\ufeff';
    for (const [file, content] of [
      ['.leakguardrc.json', `${bom}{ "disable": ["aws-access-key-id"] }`],
      ['.leakguardrc.yaml', `${bom}disable: [aws-access-key-id]\n`],
      ['package.json', `${bom}{ "name": "x", "leakguard": { "disable": ["aws-access-key-id"] } }`],
    ]) {
      const dir = tempDir();
      writeFiles(dir, { [file]: content, 'leak.txt': `${LEAK}gh = "${GITHUB_PAT}"\n` });
      const r = scanJson(['leak.txt'], { cwd: dir });
      expect(r.status, `${file}: ${r.stderr}`).toBe(1);
      expect(r.report!.findings.map((f) => f.ruleId), file).toEqual(['github-pat-classic']);
    }
    // and a BOM'd file with an error still points at the right place
    expect(refusal({ '.leakguardrc.json': `${bom}{\n  "disable": [,]\n}` })).toMatch(/invalid JSON at line 2, column 15/);
  });

  it('a --config file that does not exist, for every command that reads one', () => {
    for (const args of [['scan', 'leak.txt'], ['scan', '--staged'], ['rules', 'list'], ['baseline']]) {
      const dir = tempDir();
      writeFiles(dir, { 'leak.txt': LEAK });
      const r = runCli([...args, '--config', 'missing/leakguard.yaml'], { cwd: dir });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toBe('leakguard: config file not found: missing/leakguard.yaml\n');
    }
  });

  it('a config file that cannot be read (a symlink loop: unreadable even for root)', () => {
    const dir = tempDir();
    writeFiles(dir, { 'leak.txt': LEAK });
    symlinkSync('.leakguardrc.json', join(dir, '.leakguardrc.json'));
    const r = runCli(['scan', 'leak.txt'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^leakguard: cannot read config .*\.leakguardrc\.json: .*(symbolic links|loop)/i);
    expect(r.stdout).toBe('');
  });
});
