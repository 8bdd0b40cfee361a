import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from './helpers.js';

describe('the repository protects itself', () => {
  it('`leakguard scan .` on this repository exits 0', () => {
    const r = runCli(['scan', '.'], { cwd: REPO_ROOT });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/no secrets found/);
    expect(r.status).toBe(0);
  });

  it('`leakguard scan --history` on this repository exits 0 (a shallow clone says so, never silently "clean")', () => {
    const shallow = spawnSync('git', ['rev-parse', '--is-shallow-repository'], { cwd: REPO_ROOT, encoding: 'utf8' }).stdout.trim() === 'true';
    const r = runCli(['scan', '--history', '--quiet'], { cwd: REPO_ROOT });
    if (shallow) {
      expect(r.status).toBe(0);
      expect(r.stderr).toMatch(/^leakguard: note: this is a shallow clone/);
    } else {
      expect(r.stdout + r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
  });

  it('only because its fixtures are allowlisted on purpose: without the config they are found', () => {
    // package.json carries no leakguard key: this is a scan with the defaults, no allowlist
    const r = runCli(['scan', 'test/fixtures', '--config', 'package.json', '--format', 'json'], { cwd: REPO_ROOT });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings.length).toBeGreaterThan(0);
  });
});
