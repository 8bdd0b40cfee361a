import { describe, expect, it } from 'vitest';
import { alphabetRuns, encodedRuns } from '../../src/engine/encoded.js';
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

  it('finds percent-encoded runs where the plain definition does: three escapes or more among unreserved characters', () => {
    // the definition, as a backtracking regex; the scanner finds the same runs from each `%`
    const definition = /(?:[A-Za-z0-9._~+-]*%[0-9A-Fa-f]{2}){3,}[A-Za-z0-9._~+-]*/g;
    let seed = 5;
    const next = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const pieces = ['%41', '%7a', '%2F', '%20', '%4', '%', 'a', 'Z', '9', '.', '-', '~', ' ', '"', '/', '=', 'key'];
    let runs = 0;
    for (let t = 0; t < 500; t++) {
      let text = '';
      for (let i = 0; i < 40; i++) text += pieces[Math.floor(next() * pieces.length)];
      // …of 12 characters or more, that decode to 8 bytes or more (all these escapes decode to text)
      const expected = [...text.matchAll(definition)]
        .filter((m) => m[0].length >= 12 && Buffer.byteLength(decodeURIComponent(m[0])) >= 8)
        .map((m) => [m.index, m.index + m[0].length]);
      const found = encodedRuns(Buffer.from(text)).filter((r) => r.encoding === 'percent').map((r) => [r.start, r.end]);
      expect(found).toEqual(expected);
      runs += expected.length;
    }
    expect(runs).toBeGreaterThan(100);
  });

  it('finds every maximal run of the base64 alphabet 24 bytes long or more, at the ends too', () => {
    const definition = /[A-Za-z0-9+/]{24,}/g;
    let seed = 9;
    const next = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    let runs = 0;
    for (let t = 0; t < 500; t++) {
      // runs of every length around 24, between one or more other bytes
      let text = '';
      const parts = Math.floor(next() * 8);
      for (let p = 0; p < parts; p++) {
        text += 'aB3+/zQ9'.repeat(8).slice(0, 16 + Math.floor(next() * 16));
        text += ' ="\n\u00e9-'.slice(0, 1 + Math.floor(next() * 3));
      }
      if (next() < 0.5) text = text.trimEnd();
      const content = Buffer.from(text);
      const expected = [...content.toString('latin1').matchAll(definition)].flatMap((m) => [m.index, m.index + m[0].length]);
      expect(alphabetRuns(content)).toEqual(expected);
      runs += expected.length / 2;
    }
    expect(runs).toBeGreaterThan(500);
  });

  it('is bounded: thousands of encoded runs do not make the scan unbounded', () => {
    const many = Array.from({ length: 5000 }, (_, i) => b64(`line ${i} of harmless text`)).join('\n');
    expect(encodedRuns(Buffer.from(many)).length).toBeLessThanOrEqual(512);
  });
});
