import { describe, expect, it } from 'vitest';
import { AWS_KEY_ID, GITHUB_PAT } from '../fixtures/secrets.js';
import { scanJson, tempDir, writeFiles } from '../helpers.js';

function findingsFor(text: string) {
  const dir = tempDir();
  writeFiles(dir, { 'f.py': text });
  const r = scanJson(['f.py'], { cwd: dir });
  return r.report!.findings.map((f) => `${f.line}:${f.ruleId}`);
}

describe('inline ignores', () => {
  const sameLine = [
    'leakguard:allow',
    'leakguard:allow -- test fixture',
    'leakguard:allow aws-access-key-id',
    'leakguard:allow aws-access-key-id -- documented example',
    'gitleaks:allow',
    'pragma: allowlist secret',
    'secretlint-disable-line',
  ];
  for (const marker of sameLine) {
    it(`"${marker}" on the same line silences the finding`, () => {
      expect(findingsFor(`k = "${AWS_KEY_ID}"  # ${marker}\nj = "${AWS_KEY_ID}"\n`)).toEqual(['2:aws-access-key-id']);
    });
  }

  const nextLine = [
    'leakguard:allow-next-line',
    'leakguard:allow-next-line aws-access-key-id -- rotated already',
    'pragma: allowlist nextline secret',
    'secretlint-disable-next-line',
  ];
  for (const marker of nextLine) {
    it(`"${marker}" silences the line after it, and only that line`, () => {
      expect(findingsFor(`# ${marker}\nk = "${AWS_KEY_ID}"\nj = "${AWS_KEY_ID}"\n`)).toEqual(['3:aws-access-key-id']);
    });
  }

  it('an ignore naming another rule does not silence this one', () => {
    expect(findingsFor(`k = "${AWS_KEY_ID}"  # leakguard:allow github-pat-classic -- wrong rule\n`)).toEqual(['1:aws-access-key-id']);
    expect(findingsFor(`# leakguard:allow-next-line github-pat-classic\nk = "${AWS_KEY_ID}" t = "${GITHUB_PAT}"\n`)).toEqual([
      '2:aws-access-key-id',
    ]);
  });

  it('a same-line marker does not reach the next line', () => {
    expect(findingsFor(`# leakguard:allow\nk = "${AWS_KEY_ID}"\n`)).toEqual(['2:aws-access-key-id']);
  });
});
