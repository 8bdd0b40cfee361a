// Hostile inputs, issue #8: file names that break naive output, and symlinks that go round in circles.
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_KEY_ID, GITHUB_PAT } from '../fixtures/secrets.js';
import { commitFiles, git, runCli, scanJson, tempDir, tempRepo, writeFiles } from '../helpers.js';
import { place } from './inputs-helpers.js';

const NAMES = [
  'new\nline.txt',
  'carriage\rreturn.txt',
  'tab\there.txt',
  'double"quote.txt',
  "single'quote.txt",
  'back\\slash.txt',
  'brackets[1].txt',
  'with space.txt',
  '-leading-dash.txt',
  'emoji 🎉.txt',
  'comma,colon:percent%.txt',
  'nested "dir"/-x\n[y].txt',
];
const SORTED = [...NAMES].sort();
const content = `k="${AWS_KEY_ID}"\n`;

/** How the text report must print a path: as it is, or C-quoted when it holds a control character, `"` or `\`. */
function printed(path: string): string {
  if (!/[\x00-\x1f"\\]/.test(path)) return path;
  const escapes: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '"': '\\"', '\\': '\\\\' };
  return `"${path.replace(/[\x00-\x1f"\\]/g, (c) => escapes[c])}"`;
}

/** Workflow-command property values, unescaped: %0A, %0D, %3A, %2C and %25. */
function unescapeProperty(value: string): string {
  return value.replace(/%(0A|0D|3A|2C|25)/g, (_, code: string) => String.fromCharCode(parseInt(code, 16)));
}

function expectJson(r: ReturnType<typeof scanJson>, source: string) {
  expect(r.status).toBe(1);
  expect(r.report!.findings.map((f) => f.file).sort()).toEqual(SORTED);
  expect(r.report!.findings.every((f) => f.source === source && f.line === 1 && f.column === 4 && f.endColumn === 24)).toBe(true);
}

function expectText(stdout: string) {
  for (const name of NAMES) expect(`\n${stdout}`).toContain(`\n${printed(name)}:1:4  high aws-access-key-id`);
  // one header line per finding: no path broke a line in two
  expect(stdout.split('\n').filter((l) => l.includes(':1:4  high aws-access-key-id'))).toHaveLength(NAMES.length);
  expect(stdout).not.toMatch(/^line\.txt|^return\.txt|^\[y\]\.txt/m);
  expect(stdout).not.toContain('\r');
}

function expectGithub(stdout: string) {
  const lines = stdout.split('\n').filter((l) => l !== '');
  expect(lines.every((l) => l.startsWith('::'))).toBe(true); // every line a workflow command: nothing leaked onto a line of its own
  const files = lines.filter((l) => l.startsWith('::error ')).map((l) => unescapeProperty(/^::error file=([^,]*),line=1,col=4,/.exec(l)![1]));
  expect(files.sort()).toEqual(SORTED);
}

function expectSarif(stdout: string) {
  const sarif = JSON.parse(stdout);
  const uris = sarif.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri);
  expect(uris.every((u: string) => /^[A-Za-z0-9\-._~%!$&'()*+,;=:@/]+$/.test(u))).toBe(true); // a valid URI reference
  expect(uris.map(decodeURIComponent).sort()).toEqual(SORTED);
}

describe('paths with newlines, quotes, backslashes, brackets, dashes and emoji', () => {
  it('in a folder scan: exact in JSON, escaped in text, valid in SARIF and github annotations', () => {
    const dir = tempDir();
    writeFiles(dir, Object.fromEntries(NAMES.map((n) => [n, content])));
    expectJson(scanJson(['.'], { cwd: dir }), 'file');
    const text = runCli(['scan', '.'], { cwd: dir });
    expect(text.status).toBe(1);
    expectText(text.stdout);
    expect(text.stdout).toContain('\n"new\\nline.txt":1:4  high aws-access-key-id');
    expectGithub(runCli(['scan', '.', '--format', 'github'], { cwd: dir }).stdout);
    expectSarif(runCli(['scan', '.', '--format', 'sarif'], { cwd: dir }).stdout);
  });

  it('named on the command line, a leading dash included', () => {
    const dir = tempDir();
    writeFiles(dir, Object.fromEntries(NAMES.map((n) => [n, content])));
    const run = runCli(['scan', '--format', 'json', '--', ...NAMES], { cwd: dir }); // after --, a dash is a name
    expectJson({ ...run, report: JSON.parse(run.stdout) }, 'file');
    expect(scanJson(['./-leading-dash.txt'], { cwd: dir }).report!.findings.map(place)).toEqual(['-leading-dash.txt:1:4-1:24 aws-access-key-id']);
  });

  it('in a git repository: --staged and --history give the exact paths git quotes', () => {
    const dir = tempRepo();
    writeFiles(dir, Object.fromEntries(NAMES.map((n) => [n, content])));
    git(dir, 'add', '-A');
    expect(git(dir, 'diff', '--cached', '--name-only')).toContain('"new\\nline.txt"'); // git does quote them
    expectJson(scanJson(['--staged'], { cwd: dir }), 'staged');
    expectText(runCli(['scan', '--staged'], { cwd: dir }).stdout);
    expectGithub(runCli(['scan', '--staged', '--format', 'github'], { cwd: dir }).stdout);

    commitFiles(dir, {}, 'weird names');
    const history = scanJson(['--history'], { cwd: dir });
    expectJson(history, 'history');
    expectText(runCli(['scan', '--history'], { cwd: dir }).stdout);
    expectGithub(runCli(['scan', '--history', '--format', 'github'], { cwd: dir }).stdout);
    expectSarif(runCli(['scan', '--history', '--format', 'sarif'], { cwd: dir }).stdout);
  });
});

describe('symlink loops', () => {
  it('finish, are listed as skipped, and a secret elsewhere in the tree is still found once', () => {
    const dir = tempDir();
    writeFiles(dir, { 'sub/deep/secret.env': `TOKEN=${GITHUB_PAT}\n`, 'top.txt': 'plain\n' });
    symlinkSync('b', join(dir, 'a')); // a → b → a
    symlinkSync('a', join(dir, 'b'));
    symlinkSync('self', join(dir, 'self')); // self → self
    symlinkSync('..', join(dir, 'sub', 'up')); // a folder symlinked to its parent
    symlinkSync('../..', join(dir, 'sub', 'deep', 'root')); // to the scan root itself
    mkdirSync(join(dir, 'sub', 'deep', 'again'));
    symlinkSync('../../deep', join(dir, 'sub', 'deep', 'again', 'loop')); // a longer way round

    const r = scanJson(['.'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.report!.findings.map(place)).toEqual(['sub/deep/secret.env:1:7-1:47 github-pat-classic']);
    expect(r.report!.stats.fragments).toBe(2);
    const reasons = Object.fromEntries(r.report!.stats.skipped.map((s) => [s.path, s.reason]));
    expect(reasons).toEqual({
      a: 'symlink loop',
      b: 'symlink loop',
      self: 'symlink loop',
      'sub/up': 'symlink loop or folder already scanned',
      'sub/deep/root': 'symlink loop or folder already scanned',
      'sub/deep/again/loop': 'symlink loop or folder already scanned',
    });
    const text = runCli(['scan', '.'], { cwd: dir });
    expect(text.stdout).toContain('  skipped a: symlink loop\n');
  });
});
