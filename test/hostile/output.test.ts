// Hostile output cases, issue #8: no secret leaves leakguard unmasked unless asked (--no-redact),
// in any format or file it writes; an output it cannot write is one clear error with nothing left
// behind; a reader that goes away ends the run quietly.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_KEY_ID, fakePrivateKey, GENERIC_PASSWORD, GITHUB_PAT, SLACK_BOT_TOKEN } from '../fixtures/secrets.js';
import { CLI, commitFiles, git, runCli, tempDir, tempRepo, writeFiles, type JsonReport } from '../helpers.js';

const KEY = fakePrivateKey();
const ENCODED = Buffer.from(SLACK_BOT_TOKEN).toString('base64'); // the token appears only encoded

/** The files every format is checked against: each secret, a line with two, a key block, base64. */
const FILES = {
  'app/config.ts': `export const key = "${AWS_KEY_ID}";\n`,
  'deploy/env.sh': `export GH=${GITHUB_PAT}\npassword = "${GENERIC_PASSWORD}"\n`,
  'two.txt': `both = "${AWS_KEY_ID}" + "${GITHUB_PAT}"\n`,
  'id_rsa': `${KEY}\n`,
  'k8s/secret.yaml': `apiVersion: v1\nkind: Secret\ndata:\n  token: ${ENCODED}\n`,
};

/** What must never appear: each secret, each line of the key's body, and the encoded token and its decoding. */
const FORBIDDEN = [AWS_KEY_ID, GITHUB_PAT, GENERIC_PASSWORD, SLACK_BOT_TOKEN, ENCODED, ...KEY.split('\n').slice(1, -1)];

function expectRedacted(where: string, bytes: string | Buffer) {
  const text = bytes.toString();
  for (const secret of FORBIDDEN) expect(text.includes(secret), `${where} shows ${secret.slice(0, 8)}…`).toBe(false);
}

function plant(dir: string) {
  writeFiles(dir, FILES);
}

/** An environment with no CI variables of the machine running the tests. */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(GITHUB_|GITLAB_|CI_)/.test(k) && k !== 'CI'));
  return { ...env, NO_COLOR: '1', ...extra };
}

describe('redaction', () => {
  it('no secret appears unmasked in any format, on stdout, in --output and --sarif files, or on stderr', () => {
    const dir = tempDir();
    plant(dir);
    const json = runCli(['scan', '.', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(json.stdout) as JsonReport;
    // everything planted was found: a redaction test that found nothing would prove nothing
    expect(report.findings.map((f) => `${f.file}:${f.line}:${f.ruleId}${'encoding' in f ? `:${String(f.encoding)}` : ''}`)).toEqual([
      'app/config.ts:1:aws-access-key-id',
      'deploy/env.sh:1:github-pat-classic',
      'deploy/env.sh:2:generic-secret-assignment',
      'id_rsa:1:private-key-pem',
      'k8s/secret.yaml:4:slack-bot-token:base64',
      'two.txt:1:aws-access-key-id',
      'two.txt:1:github-pat-classic',
    ]);
    for (const format of ['text', 'json', 'sarif', 'github']) {
      const out = runCli(['scan', '.', '--format', format], { cwd: dir });
      expect(out.status).toBe(1);
      expectRedacted(`${format} stdout`, out.stdout);
      expectRedacted(`${format} stderr`, out.stderr);
      const file = join(dir, `report.${format}`);
      const written = runCli(['scan', '.', '--format', format, '--output', file, '--sarif', join(dir, `also.${format}.sarif`)], { cwd: dir });
      expect(written.status).toBe(1);
      expect(written.stdout).toBe('');
      expectRedacted(`${format} --output`, readFileSync(file));
      expectRedacted(`${format} --sarif`, readFileSync(join(dir, `also.${format}.sarif`)));
    }
    // the masked forms are what shows instead
    const text = runCli(['scan', '.'], { cwd: dir }).stdout;
    expect(text).toContain('  1 | both = "AKIA************LQRW" + "ghp_********************************rl89"\n');
    expect(text).toContain(`  4 | token: ${ENCODED.slice(0, 4)}********************************${ENCODED.slice(-4)}\n`);
  });

  it('the baseline file and the CI job summary (Markdown) hold no secret either', () => {
    const dir = tempRepo();
    const base = commitFiles(dir, { 'README.md': 'hello\n' }, 'base');
    const head = commitFiles(dir, FILES, 'secrets');
    const baseline = runCli(['baseline'], { cwd: dir });
    expect(baseline.status).toBe(0);
    const entries = JSON.parse(readFileSync(join(dir, '.leakguard-baseline.json'), 'utf8')).entries;
    expect(entries).toHaveLength(7);
    expectRedacted('baseline', readFileSync(join(dir, '.leakguard-baseline.json')));
    expectRedacted('baseline stdout', baseline.stdout + baseline.stderr);

    const summary = join(tempDir(), 'summary.md');
    const ci = runCli(['ci', '--base', base, '--head', head, '--format', 'github'], {
      cwd: dir,
      env: cleanEnv({ GITHUB_STEP_SUMMARY: summary }),
    });
    expect(ci.status).toBe(1);
    expect(ci.stderr).toContain('commits scanned');
    const markdown = readFileSync(summary, 'utf8');
    expect(markdown.match(/^\| (high|medium|low) \|/gm)).toHaveLength(7);
    expectRedacted('job summary', markdown);
    expectRedacted('ci stdout', ci.stdout + ci.stderr);
    git(dir, 'status'); // the repository is still usable
  });

  it('--no-redact shows every secret, decoded ones included', () => {
    const dir = tempDir();
    plant(dir);
    const json = JSON.parse(runCli(['scan', '.', '--format', 'json', '--no-redact'], { cwd: dir }).stdout) as JsonReport;
    expect(json.findings.map((f) => f.secret).sort()).toEqual([AWS_KEY_ID, AWS_KEY_ID, GENERIC_PASSWORD, GITHUB_PAT, GITHUB_PAT, KEY, SLACK_BOT_TOKEN].sort());
    const text = runCli(['scan', '.', '--no-redact'], { cwd: dir }).stdout;
    for (const secret of [AWS_KEY_ID, GITHUB_PAT, GENERIC_PASSWORD, ENCODED]) expect(text).toContain(secret);
    for (const format of ['sarif', 'github']) {
      const out = runCli(['scan', '.', '--format', format, '--no-redact'], { cwd: dir }).stdout;
      for (const secret of [AWS_KEY_ID, GITHUB_PAT, GENERIC_PASSWORD, SLACK_BOT_TOKEN]) expect(out).toContain(secret);
    }
  });
});

describe('an --output that cannot be written', () => {
  const isRoot = process.getuid?.() === 0;

  function expectRefused(dir: string, output: string, problem: string, option = '--output') {
    const r = runCli(['scan', '.', '--format', 'json', option, output], { cwd: dir });
    expect(r.status).toBe(2);
    if (option === '--output') expect(r.stdout).toBe(''); // (--sarif comes after the report on stdout)
    expect(r.stderr).toBe(`leakguard: cannot write ${option} ${output}: ${problem}\n`);
  }

  it('is exit 2, one line naming the path, and nothing half-written left behind', () => {
    const dir = tempDir();
    writeFiles(dir, { 'leak.env': `AWS=${AWS_KEY_ID}\n`, 'plain.txt': 'x\n' });
    mkdirSync(join(dir, 'a-folder'));
    const before = readdirSync(dir).sort();

    expectRefused(dir, 'no/such/folder/report.json', 'its folder does not exist');
    expectRefused(dir, 'a-folder', 'it is a folder');
    expectRefused(dir, 'plain.txt/report.json', 'part of the path is not a folder');
    expectRefused(dir, 'no/such/folder/report.sarif', 'its folder does not exist', '--sarif');
    expect(readdirSync(dir).sort()).toEqual(before); // no temporary file, no partial report
    expect(readdirSync(join(dir, 'a-folder'))).toEqual([]);
  });

  it('a read-only place: permission denied, nothing written', () => {
    const dir = tempDir();
    writeFiles(dir, { 'leak.env': `AWS=${AWS_KEY_ID}\n` });
    if (isRoot) {
      // root writes anywhere on an ordinary file system; sysfs refuses even root
      if (!existsSync('/sys/kernel')) return;
      expectRefused(dir, '/sys/kernel/leakguard-report.json', 'permission denied');
      expect(existsSync('/sys/kernel/leakguard-report.json')).toBe(false);
      return;
    }
    mkdirSync(join(dir, 'locked'));
    chmodSync(join(dir, 'locked'), 0o555);
    expectRefused(dir, 'locked/report.json', 'permission denied');
    expect(readdirSync(join(dir, 'locked'))).toEqual([]);
  });

  it('a baseline that cannot be written: exit 2, one line', () => {
    const dir = tempRepo();
    commitFiles(dir, { 'leak.env': `AWS=${AWS_KEY_ID}\n` }, 'leak');
    const r = runCli(['baseline', '--baseline', 'no/such/folder/baseline.json'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^leakguard: cannot write the baseline \S*no\/such\/folder\/baseline\.json: its folder does not exist\n$/);
  });
});

describe('a reader that goes away', () => {
  it('ends quietly: no stack trace, no EPIPE text, and the findings still count in the exit code', () => {
    const dir = tempDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) files[`leaks/f${i}.env`] = `AWS=${AWS_KEY_ID}\nGH=${GITHUB_PAT}\n`;
    writeFiles(dir, files);
    for (const format of ['text', 'json', 'github']) {
      const status = join(dir, `status-${format}`);
      // the scanner's own status goes to a file: sh reports only head's
      const run = spawnSync('sh', ['-c', `("${process.execPath}" "${CLI}" scan leaks --no-redact --format ${format}; echo $? > "${status}") | head -1`], {
        cwd: dir,
        encoding: 'utf8',
        env: cleanEnv(),
      });
      expect(run.status).toBe(0);
      expect(run.stdout.split('\n').filter((l) => l !== '')).toHaveLength(1);
      expect(run.stderr).toBe('');
      expect(readFileSync(status, 'utf8').trim()).toBe('1');
    }
  });
});
