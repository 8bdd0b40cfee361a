// Hostile git, part 4: Git LFS pointer files (git-lfs itself is not needed: pointers are text).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AWS_KEY_ID } from '../fixtures/secrets.js';
import { commitFiles, git, scanJson, tempRepo, writeFiles } from '../helpers.js';
import { at, brief } from './git-helpers.js';

const LFS = 'Git LFS pointer: the object itself is not scanned';

/** A pointer as git-lfs writes it: the oid is the SHA-256 of the object's bytes. */
function pointer(object: string, extension = false): string {
  const oid = createHash('sha256').update(object).digest('hex');
  const ext = extension ? `ext-0-foo sha256:${createHash('sha256').update(`ext ${object}`).digest('hex')}\n` : '';
  return `version https://git-lfs.github.com/spec/v1\n${ext}oid sha256:${oid}\nsize ${Buffer.byteLength(object)}\n`;
}

// Paths chosen to tempt path- and name-based rules: keys, env files, credentials.
const POINTERS = {
  'models/model.onnx': pointer('model weights'),
  'secrets/api_key.pem': pointer('a key file kept in LFS'),
  '.env.production': pointer('env', true),
  'assets/credentials.json': pointer('{"token": "…"}'),
};

describe('Git LFS pointer files', () => {
  it('scan .: no false alarm on the oid, and each pointer is listed as not scanned', () => {
    const dir = tempRepo();
    writeFiles(dir, { ...POINTERS, 'real.txt': `aws ${AWS_KEY_ID}\n` });
    const r = scanJson(['.'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(brief(r.report)).toEqual([at('aws-access-key-id', 'real.txt', 1, 5, null, 'file')]);
    expect(r.report!.stats.skipped).toEqual(Object.keys(POINTERS).sort().map((path) => ({ path, reason: LFS })));
  });

  it('--staged and --history: the same, with the commit', () => {
    const dir = tempRepo();
    writeFiles(dir, POINTERS);
    git(dir, 'add', '.');
    const staged = scanJson(['--staged'], { cwd: dir });
    expect(staged.status).toBe(0);
    expect(staged.report!.stats.skipped.map((s) => s.reason)).toEqual(Object.keys(POINTERS).map(() => LFS));
    expect(staged.report!.stats.skipped.map((s) => s.path).sort()).toEqual(Object.keys(POINTERS).sort());
    git(dir, 'commit', '-q', '-m', 'pointers');
    const first = git(dir, 'rev-parse', 'HEAD').trim();
    // a new version of one object: the pointer's oid and size change
    const second = commitFiles(dir, { 'models/model.onnx': pointer('model weights, retrained') }, 'retrain');
    const r = scanJson(['--history'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.report!.stats.skipped).toEqual([
      ...Object.keys(POINTERS).sort().map((path) => ({ path: `${path} (commit ${first.slice(0, 12)})`, reason: LFS })),
      { path: `models/model.onnx (commit ${second.slice(0, 12)})`, reason: LFS },
    ]);
  });

  it('a file that only starts like a pointer is scanned, and its secret found', () => {
    const dir = tempRepo();
    const fake = `${pointer('x')}aws_access_key_id = ${AWS_KEY_ID}\n`;
    writeFiles(dir, { 'notreally.bin': fake });
    const files = scanJson(['.'], { cwd: dir });
    expect(brief(files.report)).toEqual([at('aws-access-key-id', 'notreally.bin', 4, 21, null, 'file')]);
    expect(files.report!.stats.skipped).toEqual([]);
    git(dir, 'add', '.');
    expect(brief(scanJson(['--staged'], { cwd: dir }).report)).toEqual([at('aws-access-key-id', 'notreally.bin', 4, 21, null, 'staged')]);
    git(dir, 'commit', '-q', '-m', 'fake pointer');
    const sha = git(dir, 'rev-parse', 'HEAD').trim();
    const r = scanJson(['--history'], { cwd: dir });
    expect(brief(r.report)).toEqual([at('aws-access-key-id', 'notreally.bin', 4, 21, sha, 'history')]);
    expect(r.report!.stats.skipped).toEqual([]);
  });

  it('a secret appended to a committed pointer is found in history', () => {
    const dir = tempRepo();
    commitFiles(dir, { 'data.bin': pointer('data') }, 'pointer');
    const sha = commitFiles(dir, { 'data.bin': `${pointer('data')}key=${AWS_KEY_ID}\n` }, 'not a pointer any more');
    const r = scanJson(['--history'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(brief(r.report)).toEqual([at('aws-access-key-id', 'data.bin', 4, 5, sha, 'history')]);
  });
});
