import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { AWS_KEY_ID } from './fixtures/secrets.js';
import { REPO_ROOT, tempDir, writeFiles } from './helpers.js';

describe("import { scan } from 'leakguard'", () => {
  it('scans through the package entry point, as a dependent project would', () => {
    const dir = tempDir();
    writeFiles(dir, { 'a/config.txt': `key=${AWS_KEY_ID}\n` });
    const script = `
      import { scan, renderReport } from 'leakguard';
      const result = await scan({ paths: ['a'], cwd: ${JSON.stringify(dir)} });
      const f = result.findings[0];
      console.log(JSON.stringify({ n: result.findings.length, rule: f.ruleId, file: f.file, line: f.line, column: f.column, raw: f.secret === ${JSON.stringify(AWS_KEY_ID)} }));
      console.log(typeof renderReport);`;
    // run from inside the package so that 'leakguard' resolves to itself through package.json "exports"
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const [json, kind] = r.stdout.trim().split('\n');
    expect(JSON.parse(json)).toEqual({ n: 1, rule: 'aws-access-key-id', file: 'a/config.txt', line: 1, column: 5, raw: true });
    expect(kind).toBe('function');
  });
});
