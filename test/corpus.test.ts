import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, scanJson } from './helpers.js';

// The quality corpus: realistic files per provider group, secrets in context and tricky
// non-secrets beside them. Each group folder's expected.txt lists every finding the scan must
// make ("path:line rule-id"), and nothing else may be found.
const CORPUS = join(REPO_ROOT, 'test', 'corpus');
const groups = readdirSync(CORPUS).filter((name) => statSync(join(CORPUS, name)).isDirectory()).sort();

function expected(group: string): string[] {
  return readFileSync(join(CORPUS, group, 'expected.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .sort();
}

describe('quality corpus', () => {
  it('has groups to check', () => {
    expect(groups.length).toBeGreaterThan(0);
  });

  for (const group of groups) {
    it(`${group}: exactly the expected findings`, () => {
      const r = scanJson(['--no-git', '.', '--config', join(CORPUS, 'no-allowlist.json')], { cwd: join(CORPUS, group) });
      expect(r.stderr).toBe('');
      const found = r.report!.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`).sort();
      expect(found).toEqual(expected(group));
    });
  }
});
