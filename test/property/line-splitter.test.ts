import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GitStream, LineSplitter } from '../../src/git/git-stream.js';
import { tempRepo } from '../helpers.js';

// Every git stream (diffs, logs, blobs) is cut into lines by LineSplitter: however the bytes
// arrive in chunks, the lines must be the same, none lost or joined at a chunk boundary.
const SEED = 8_2026;

/** What the lines are: split at every \n; a final \n ends the last line rather than starting an empty one. */
function reference(bytes: Buffer): string[] {
  const parts = bytes.toString('latin1').split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function split(bytes: Buffer, cuts: number[]): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter();
  const onLine = (l: Buffer) => lines.push(l.toString('latin1'));
  let start = 0;
  for (const cut of [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)) {
    splitter.push(bytes.subarray(start, cut), onLine); // empty chunks included
    start = cut;
  }
  splitter.push(bytes.subarray(start), onLine);
  splitter.end(onLine);
  return lines;
}

describe('LineSplitter, property-based', () => {
  it('gives the same lines however the bytes are chunked', () => {
    const bytes = fc
      .array(fc.oneof(fc.constant(10), fc.constant(13), fc.constant(0), fc.integer({ min: 0, max: 255 })), { maxLength: 300 })
      .map((a) => Buffer.from(a));
    fc.assert(
      fc.property(bytes, fc.array(fc.nat(), { maxLength: 40 }), (b, cuts) => {
        expect(split(b, cuts)).toEqual(reference(b));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('reads a real git stream larger than a pipe buffer line for line', async () => {
    const dir = tempRepo();
    // 2 MB of lines of every length from 0 to 5000, so that lines straddle the pipe's chunks
    const lines = Array.from({ length: 1200 }, (_, i) => String.fromCharCode(97 + (i % 26)).repeat((i * 7919) % 5001));
    const blob = Buffer.from(`${lines.join('\n')}\n`);
    const sha = spawnSync('git', ['hash-object', '-w', '--stdin'], { cwd: dir, input: blob, encoding: 'utf8' }).stdout.trim();
    const stream = new GitStream(['cat-file', 'blob', sha], dir);
    const got: string[] = [];
    const splitter = new LineSplitter();
    let chunks = 0;
    for await (const chunk of stream.stdout as AsyncIterable<Buffer>) {
      chunks++;
      splitter.push(chunk, (l) => got.push(l.toString('latin1')));
    }
    splitter.end((l) => got.push(l.toString('latin1')));
    await stream.done();
    expect(chunks).toBeGreaterThan(1);
    expect(got).toEqual(lines);
  });
});
