import { describe, expect, it } from 'vitest';
import { AWS_KEY_ID, GITHUB_PAT } from '../fixtures/secrets.js';
import { initRepo, runCli, scanJson, tempDir, writeFiles } from '../helpers.js';

const LEAK = `aws = "${AWS_KEY_ID}"\ngh = "${GITHUB_PAT}"\n`;
const ids = (r: ReturnType<typeof scanJson>) => r.report!.findings.map((f) => f.ruleId).sort();

describe('config files', () => {
  const forms: Record<string, string> = {
    '.leakguardrc': 'disable: [aws-access-key-id]\n',
    '.leakguardrc.json': '{ "disable": ["aws-access-key-id"] }',
    '.leakguardrc.yaml': 'disable:\n  - aws-access-key-id\n',
    '.leakguardrc.yml': 'disable: [aws-access-key-id]\n',
    'leakguard.config.json': '{ "disable": ["aws-access-key-id"] }',
    'leakguard.config.yaml': 'disable: [aws-access-key-id]\n',
    'leakguard.config.js': 'module.exports = { disable: ["aws-access-key-id"] };\n',
    'leakguard.config.mjs': 'export default { disable: ["aws-access-key-id"] };\n',
    'package.json': '{ "name": "x", "leakguard": { "disable": ["aws-access-key-id"] } }',
  };
  for (const [file, content] of Object.entries(forms)) {
    it(`is found as ${file}`, () => {
      const dir = tempDir();
      writeFiles(dir, { [file]: content, 'leak.txt': LEAK });
      expect(ids(scanJson(['leak.txt'], { cwd: dir }))).toEqual(['github-pat-classic']);
    });
  }

  it('is searched from the working folder up to the top of the work tree', () => {
    const dir = tempDir();
    initRepo(dir);
    writeFiles(dir, { '.leakguardrc.json': '{ "disable": ["github-pat-classic"] }', 'a/b/leak.txt': LEAK });
    expect(ids(scanJson(['leak.txt'], { cwd: `${dir}/a/b` }))).toEqual(['aws-access-key-id']);
  });

  it('--config FILE overrides the search', () => {
    const dir = tempDir();
    writeFiles(dir, {
      '.leakguardrc.json': '{ "disable": ["github-pat-classic"] }',
      'other.yaml': 'disable: [aws-access-key-id]\n',
      'leak.txt': LEAK,
    });
    expect(ids(scanJson(['leak.txt', '--config', 'other.yaml'], { cwd: dir }))).toEqual(['github-pat-classic']);
  });
});

describe('config contents', () => {
  const scanWith = (config: object, files: Record<string, string> = { 'leak.txt': LEAK }) => {
    const dir = tempDir();
    writeFiles(dir, { '.leakguardrc.json': JSON.stringify(config), ...files });
    return scanJson(['.'], { cwd: dir });
  };

  it('adds rules of the catalog shape', () => {
    const r = scanWith(
      { rules: [{ id: 'acme-key', description: 'Acme key', severity: 'medium', regex: '\\b(acme_[0-9a-f]{16})\\b', keywords: ['acme_'], remediation: 'Revoke it in the Acme console.' }] },
      { 'a.txt': 'x = acme_7f3a9c1e5b2d8064\n' },
    );
    expect(r.report!.findings.map((f) => [f.ruleId, f.severity, f.line, f.column])).toEqual([['acme-key', 'medium', 1, 5]]);
  });

  it('overrides a rule’s severity and entropy', () => {
    const r = scanWith({ override: { 'aws-access-key-id': { severity: 'low' }, 'github-pat-classic': { entropy: 7.5 } } });
    expect(r.report!.findings.map((f) => [f.ruleId, f.severity])).toEqual([['aws-access-key-id', 'low']]);
  });

  it('has a global allowlist of paths, regexes and stopwords', () => {
    expect(ids(scanWith({ allow: { paths: ['fixtures/**'] } }, { 'fixtures/leak.txt': LEAK, 'src/leak.txt': LEAK }))).toEqual([
      'aws-access-key-id',
      'github-pat-classic',
    ]);
    expect(ids(scanWith({ allow: { regexes: ['^AKIAFAKE'] } }))).toEqual(['github-pat-classic']);
    expect(ids(scanWith({ allow: { stopwords: ['notrl'] } }))).toEqual(['aws-access-key-id']);
  });

  it('sets the maximum file size', () => {
    const r = scanWith({ maxFileSize: '10B' });
    expect(r.status).toBe(0);
    expect(r.report!.stats.skipped.map((s) => s.path)).toEqual(['.leakguardrc.json', 'leak.txt']);
  });
});

describe('config errors: one line naming the file and the key, exit 2', () => {
  const failWith = (file: string, content: string, extra: string[] = []) => {
    const dir = tempDir();
    writeFiles(dir, { [file]: content, 'leak.txt': LEAK });
    const r = runCli(['scan', 'leak.txt', ...extra], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    return r.stderr;
  };

  it('unknown top-level key', () => {
    expect(failWith('.leakguardrc.json', '{ "disabled": [] }')).toMatch(/\.leakguardrc\.json: disabled is not a known key/);
  });
  it('wrong types', () => {
    expect(failWith('.leakguardrc.json', '{ "disable": "aws-access-key-id" }')).toMatch(/\.leakguardrc\.json: disable must be a list of rule ids/);
    expect(failWith('.leakguardrc.json', '{ "maxFileSize": -1 }')).toMatch(/maxFileSize must be a positive number/);
    expect(failWith('.leakguardrc.json', '{ "allow": { "paths": "x" } }')).toMatch(/allow\.paths must be a list of strings/);
    expect(failWith('.leakguardrc.json', '{ "override": { "aws-access-key-id": { "entropy": "high" } } }')).toMatch(/override\.aws-access-key-id\.entropy must be a number/);
    expect(failWith('.leakguardrc.json', '{ "rules": [{ "id": "x" }] }')).toMatch(/rules\[0\] \(rule x\): description must be a non-empty string/);
  });
  it('unknown rule ids in disable and override', () => {
    expect(failWith('.leakguardrc.json', '{ "disable": ["no-such-rule"] }')).toMatch(/disable\[0\] names no known rule \("no-such-rule"\)/);
    expect(failWith('.leakguardrc.json', '{ "override": { "nope": { "severity": "low" } } }')).toMatch(/override\.nope names no known rule/);
  });
  it('malformed JSON and YAML, with the position', () => {
    expect(failWith('.leakguardrc.json', '{ "disable": [ }')).toMatch(/\.leakguardrc\.json.*line 1/i);
    expect(failWith('.leakguardrc.yaml', 'disable: [a, b\nallow: {')).toMatch(/\.leakguardrc\.yaml.*\(\d+:\d+\)|line \d+/);
  });
  it('a user regex that RE2 cannot compile is refused, naming the rule', () => {
    const rule = { id: 'bad-rule', description: 'x', severity: 'low', regex: '(?<!x)tok', keywords: ['tok'], remediation: 'x' };
    expect(failWith('.leakguardrc.json', JSON.stringify({ rules: [rule] }))).toMatch(/rule bad-rule\): regex is not a valid RE2 regex/);
  });
  it('a --config file that does not exist', () => {
    expect(failWith('x.txt', '', ['--config', 'nope.json'])).toMatch(/config file not found: nope\.json/);
  });
});

describe('package.json', () => {
  it('counts as config only with a top-level leakguard key (a bin named leakguard is not one)', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'package.json': JSON.stringify({ name: 'x', bin: { leakguard: 'cli.js' } }),
      '.leakguardrc.json': '{ "disable": ["aws-access-key-id"] }',
      'leak.txt': LEAK,
    });
    expect(ids(scanJson(['leak.txt'], { cwd: dir }))).toEqual(['github-pat-classic']);
  });
});
