import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { AWS_KEY_ID } from './fixtures/secrets.js';
import { CLI, runCli, tempDir, writeFiles } from './helpers.js';

describe('exit codes and errors', () => {
  it('0 clean, 1 findings, 2 error', () => {
    const dir = tempDir();
    writeFiles(dir, { 'clean.txt': 'ok\n', 'leak.txt': `k=${AWS_KEY_ID}\n` });
    expect(runCli(['scan', 'clean.txt'], { cwd: dir }).status).toBe(0);
    expect(runCli(['scan', 'leak.txt'], { cwd: dir }).status).toBe(1);
    expect(runCli(['scan', 'nope.txt'], { cwd: dir }).status).toBe(2);
  });

  it('an error is one line on stderr, and never a "clean" report', () => {
    for (const args of [['scan', '--format', 'xml'], ['scan', '--bogus'], ['frobnicate'], ['scan', '--stdin', 'x.txt'], ['rules', 'show', 'nope']]) {
      const r = runCli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^leakguard: /);
      expect(r.stdout).not.toMatch(/no secrets found/);
    }
  });

  it('--verbose adds the stack trace', () => {
    const r = runCli(['scan', '--format', 'xml', '--verbose']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/at .*\.c?js:\d+/);
  });

  it('--version and --help', () => {
    expect(runCli(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const help = runCli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('scan [PATH...]');
  });
});

describe('colour', () => {
  const onTty = (env: NodeJS.ProcessEnv) => {
    const dir = tempDir();
    writeFiles(dir, { 'leak.txt': `k=${AWS_KEY_ID}\n` });
    // `script` gives the CLI a real terminal
    const r = spawnSync('script', ['-qec', `${process.execPath} ${CLI} scan leak.txt`, '/dev/null'], { cwd: dir, encoding: 'utf8', env });
    return r.stdout;
  };
  it('is used on a TTY', () => {
    const { NO_COLOR: _n, ...env } = process.env;
    expect(onTty(env)).toMatch(/\u001b\[/);
  });
  it('is never used with NO_COLOR', () => {
    const out = onTty({ ...process.env, NO_COLOR: '1' });
    expect(out).toContain('aws-access-key-id');
    expect(out).not.toMatch(/\u001b\[/);
  });
});
