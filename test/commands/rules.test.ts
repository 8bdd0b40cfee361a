import { describe, expect, it } from 'vitest';
import { runCli, tempDir, writeFiles } from '../helpers.js';

describe('leakguard rules', () => {
  it('test: every catalog rule passes its examples', () => {
    const r = runCli(['rules', 'test']);
    expect(r.stdout).not.toContain('FAIL');
    expect(r.stdout).toMatch(/(\d+) of \1 rules pass their examples/);
    expect(r.status).toBe(0);
  });

  it('list and show', () => {
    const list = runCli(['rules', 'list', '--format', 'json']);
    const rules = JSON.parse(list.stdout) as Array<{ id: string }>;
    expect(rules.map((x) => x.id)).toContain('aws-access-key-id');
    const show = JSON.parse(runCli(['rules', 'show', 'aws-access-key-id']).stdout);
    expect(show.file).toBe('patterns/aws.yaml');
    expect(show.examples.length).toBeGreaterThanOrEqual(2);
    expect(show.negative.length).toBeGreaterThanOrEqual(1);
  });

  it('test fails for a config rule that misses its own example or lacks examples', () => {
    const dir = tempDir();
    const base = { description: 'Acme key', severity: 'low', regex: '\\b(acme_[0-9a-f]{16})\\b', keywords: ['acme_'], remediation: 'Revoke it.' };
    writeFiles(dir, {
      '.leakguardrc.json': JSON.stringify({
        rules: [
          { id: 'acme-good', ...base, examples: ['k=acme_7f3a9c1e5b2d8064', 'acme_2e8b4d0f6a1c9375'], negative: ['acme_123'] },
          { id: 'acme-wrong', ...base, examples: ['k=acme_7f3a9c1e5b2d8064', 'acme_NOTHEX'], negative: ['acme_7f3a9c1e5b2d8064'] },
          { id: 'acme-bare', ...base },
        ],
      }),
    });
    const r = runCli(['rules', 'test'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain('FAIL acme-good');
    expect(r.stdout).toContain('FAIL acme-wrong: examples[1] is not found: "acme_NOTHEX"');
    expect(r.stdout).toContain('FAIL acme-wrong: negative[0] is found');
    expect(r.stdout).toContain('FAIL acme-bare: has 0 examples; at least two are required');
  });
});
