import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_KEY_ID, GITHUB_PAT } from '../fixtures/secrets.js';
import { runCli, scanJson, tempDir, writeFiles } from '../helpers.js';

function leakyDir() {
  const dir = tempDir();
  writeFiles(dir, {
    'src/config.ts': `// config\nexport const key = "${AWS_KEY_ID}";\n`,
    'odd, name:1.txt': `token=${GITHUB_PAT}\n`,
  });
  return dir;
}

describe('json report', () => {
  it('is exactly the DESIGN.md contract, with secrets redacted', () => {
    const r = scanJson(['.'], { cwd: leakyDir() });
    expect(r.status).toBe(1);
    expect(Object.keys(r.report!)).toEqual(['version', 'findings', 'stats']);
    expect(r.report!.version).toBe(1);
    const f = r.report!.findings.find((x) => x.ruleId === 'aws-access-key-id')!;
    expect(Object.keys(f)).toEqual([
      'ruleId', 'description', 'severity', 'source', 'file', 'line', 'column', 'endLine', 'endColumn',
      'commit', 'author', 'date', 'secret', 'entropy', 'fingerprint', 'remediation',
    ]);
    expect(f).toMatchObject({ severity: 'high', source: 'file', file: 'src/config.ts', line: 2, column: 21, endLine: 2, endColumn: 41, commit: null, author: null, date: null });
    expect(f.secret).toBe(`${AWS_KEY_ID.slice(0, 4)}${'*'.repeat(12)}${AWS_KEY_ID.slice(-4)}`);
    expect(f.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(f.entropy).toBeGreaterThan(3);
    expect(f.remediation.length).toBeGreaterThan(20);
    expect(Object.keys(r.report!.stats)).toEqual(['bytesScanned', 'fragments', 'durationMs', 'skipped']);
    expect(r.stdout).not.toContain(AWS_KEY_ID);
    expect(r.stdout).not.toContain(GITHUB_PAT);
  });

  it('--no-redact shows the secret; the fingerprint does not change', () => {
    const dir = leakyDir();
    const plain = scanJson(['.', '--no-redact'], { cwd: dir });
    const masked = scanJson(['.'], { cwd: dir });
    expect(plain.report!.findings.map((f) => f.secret).sort()).toEqual([AWS_KEY_ID, GITHUB_PAT].sort());
    expect(plain.report!.findings.map((f) => f.fingerprint)).toEqual(masked.report!.findings.map((f) => f.fingerprint));
  });
});

describe('text report', () => {
  it('shows path:line:col, the rule, the masked line and the remediation, without colour off a TTY', () => {
    const r = runCli(['scan', '.'], { cwd: leakyDir(), env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('src/config.ts:2:21  high aws-access-key-id');
    expect(r.stdout).toContain(`2 | export const key = "AKIA************LQRW";`);
    expect(r.stdout).toMatch(/fix: .*IAM/);
    expect(r.stdout).toContain('2 secrets found in 2 files');
    expect(r.stdout).not.toContain(AWS_KEY_ID);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('says so when nothing is found; --quiet says nothing', () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.txt': 'hello\n' });
    expect(runCli(['scan', '.'], { cwd: dir }).stdout).toMatch(/^leakguard: no secrets found · 1 scanned/);
    const quiet = runCli(['scan', '.', '--quiet'], { cwd: dir });
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).toBe('');
  });
});

describe('sarif report', () => {
  it('has what GitHub code scanning requires', () => {
    const r = runCli(['scan', '.', '--format', 'sarif'], { cwd: leakyDir() });
    expect(r.status).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('leakguard');
    expect(run.tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
    const ruleIds = run.tool.driver.rules.map((x: { id: string }) => x.id);
    expect(ruleIds).toEqual(['aws-access-key-id', 'github-pat-classic']);
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text).toBeTruthy();
      expect(rule.fullDescription.text).toBeTruthy();
      expect(rule.help.text).toBeTruthy();
      expect(Number(rule.properties['security-severity'])).toBeGreaterThanOrEqual(7);
    }
    expect(run.results).toHaveLength(2);
    for (const result of run.results) {
      expect(ruleIds[result.ruleIndex]).toBe(result.ruleId);
      expect(result.level).toBe('error');
      expect(result.message.text).toBeTruthy();
      const loc = result.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).toBeTruthy();
      expect(loc.region.startLine).toBeGreaterThan(0);
      expect(loc.region.startColumn).toBeGreaterThan(0);
      expect(result.partialFingerprints['leakguard/v1']).toMatch(/^sha256:/);
    }
    const odd = run.results.find((x: { ruleId: string }) => x.ruleId === 'github-pat-classic');
    expect(odd.locations[0].physicalLocation.artifactLocation.uri).toBe('odd%2C%20name%3A1.txt');
    expect(r.stdout).not.toContain(GITHUB_PAT);
  });
});

describe('github report', () => {
  it('emits escaped ::error annotations', () => {
    const r = runCli(['scan', '.', '--format', 'github'], { cwd: leakyDir() });
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^::error file=odd%2C name%3A1\.txt,line=1,col=7,endLine=1,endColumn=47,title=leakguard%3A GitHub/);
    expect(lines[1]).toMatch(/^::error file=src\/config\.ts,line=2,col=21,/);
    expect(lines[0]).toContain('%0A'); // the message's newline is escaped
    expect(lines.at(-1)).toBe('::notice title=leakguard::2 secrets found: 2 high');
    expect(r.stdout).not.toContain(GITHUB_PAT);
  });
});

describe('--output', () => {
  it('writes the report to a file', () => {
    const dir = leakyDir();
    const r = runCli(['scan', 'src', '--format', 'json', '--output', 'report.json'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).findings).toHaveLength(1);
  });

  it('an unwritable path is exit 2 and leaves nothing behind', () => {
    const dir = leakyDir();
    const r = runCli(['scan', 'src', '--output', 'no/such/dir/report.txt'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^leakguard: cannot write --output no\/such\/dir\/report\.txt/);
    expect(existsSync(join(dir, 'no'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('tmp'))).toEqual([]);
  });
});
