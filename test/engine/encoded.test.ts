import { describe, expect, it } from 'vitest';
import { encodedRuns } from '../../src/engine/encoded.js';
import { AWS_KEY_ID, GITHUB_PAT } from '../fixtures/secrets.js';
import { scanJson, tempDir, writeFiles } from '../helpers.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('encoded secrets', () => {
  it('finds secrets inside base64, hex and percent-encoding, at the encoded span, saying how', () => {
    const dir = tempDir();
    const token = b64(GITHUB_PAT);
    const hex = Buffer.from(`aws=${AWS_KEY_ID}`).toString('hex');
    const pct = encodeURIComponent(`id=${AWS_KEY_ID}&x=1`);
    const nested = b64(`url: ${encodeURIComponent(`k=${AWS_KEY_ID}&z=2`)}`);
    writeFiles(dir, {
      'secret.yaml': `apiVersion: v1\nkind: Secret\ndata:\n  token: ${token}\n`,
      'dump.txt': `blob ${hex}\nquery ${pct}\nnested ${nested}\n`,
    });
    const r = scanJson(['.', '--no-redact'], { cwd: dir });
    const got = r.report!.findings.map((f) => [f.file, f.line, f.column, f.endColumn, f.ruleId, (f as { encoding?: string }).encoding, f.secret]);
    expect(got).toEqual([
      ['dump.txt', 1, 6, 6 + hex.length, 'aws-access-key-id', 'hex', AWS_KEY_ID],
      ['dump.txt', 2, 7, 7 + pct.length, 'aws-access-key-id', 'percent', AWS_KEY_ID],
      ['dump.txt', 3, 8, 8 + nested.length, 'aws-access-key-id', 'base64/percent', AWS_KEY_ID],
      ['secret.yaml', 4, 10, 10 + token.length, 'github-pat-classic', 'base64', GITHUB_PAT],
    ]);
    expect(r.report!.findings[3].description).toMatch(/\(base64-encoded\)$/);
  });

  it('ignores encoded binary and runs that are only identifiers', () => {
    const binary = Buffer.from(Array.from({ length: 48 }, (_, i) => (i * 37) % 256)).toString('base64');
    expect(encodedRuns(Buffer.from(`img = "${binary}"`))).toEqual([]);
    expect(encodedRuns(Buffer.from('const aVeryLongIdentifierNameWithoutAnyMeaning = 1;'))).toEqual([]);
    expect(encodedRuns(Buffer.from('sha = 3f2a9c1e5b7d8f604a1c2e3b4d5f6a7b8c9d0e1f'))).toEqual([]);
  });

  it('is bounded: thousands of encoded runs do not make the scan unbounded', () => {
    const many = Array.from({ length: 5000 }, (_, i) => b64(`line ${i} of harmless text`)).join('\n');
    expect(encodedRuns(Buffer.from(many)).length).toBeLessThanOrEqual(512);
  });
});
