import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/git/git-stream.js';
import { PatchParser, type FilePatch } from '../../src/git/patch-parser.js';
import { unquotePath } from '../../src/git/unquote-path.js';
import { commitFiles, git, tempRepo, writeFiles } from '../helpers.js';

/** Parses real `git diff` output, fed in awkward chunk sizes to cross line boundaries. */
function parse(patch: Buffer, chunk = 7, maxBytes?: number): FilePatch[] {
  const files: FilePatch[] = [];
  const parser = new PatchParser((f) => files.push(f), maxBytes);
  const lines = new LineSplitter();
  for (let i = 0; i < patch.length; i += chunk) lines.push(patch.subarray(i, i + chunk), (l) => parser.line(l));
  lines.end((l) => parser.line(l));
  parser.flush();
  return files;
}

function diff(dir: string, ...args: string[]): Buffer {
  return spawnSync('git', ['-c', 'core.quotePath=false', 'diff', '--cached', '--no-color', '-M', ...args], { cwd: dir }).stdout as Buffer;
}

describe('PatchParser', () => {
  it('reads paths, new-side line numbers and added lines from real git output', () => {
    const dir = tempRepo();
    const body = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');
    commitFiles(dir, { 'keep.txt': `${body}\n`, 'gone.txt': 'bye\n', 'old name.txt': `${body}\n` }, 'base');
    writeFiles(dir, {
      'keep.txt': `${body.replace('line 5', 'line five')}\nline 21\n`,
      'tab\there.txt': 'a\n',
      'new\nline "q".txt': 'b\nc',
      'ünï [x].txt': 'd\n',
    });
    git(dir, 'rm', '-q', 'gone.txt');
    git(dir, 'mv', 'old name.txt', 'new name.txt');
    git(dir, 'add', '-A');
    const files = parse(diff(dir, '-U1'));
    const byPath = new Map(files.map((f) => [f.newPath ?? `deleted:${f.oldPath}`, f]));
    expect([...byPath.keys()].sort()).toEqual(['deleted:gone.txt', 'keep.txt', 'new name.txt', 'new\nline "q".txt', 'tab\there.txt', 'ünï [x].txt'].sort());
    const keep = byPath.get('keep.txt')!;
    expect(keep.added.map((i) => [keep.lineNumbers[i], keep.lines[i].toString()])).toEqual([[5, 'line five'], [21, 'line 21']]);
    expect(keep.lines.map((l) => l.toString())).toEqual(['line 4', 'line five', 'line 6', 'line 20', 'line 21']);
    expect(keep.removed.map((l) => l.toString())).toEqual(['line 5']);
    const renamed = byPath.get('new name.txt')!;
    expect([renamed.oldPath, renamed.lines.length]).toEqual(['old name.txt', 0]);
    const quoted = byPath.get('new\nline "q".txt')!;
    expect(quoted.lines.map((l) => l.toString())).toEqual(['b', 'c']); // "\ No newline at end of file" is not content
    expect(byPath.get('deleted:gone.txt')!.removed.map(String)).toEqual(['bye']);
  });

  it('marks binary files and stops keeping lines past the size limit', () => {
    const dir = tempRepo();
    commitFiles(dir, { 'x.txt': 'x\n' }, 'base');
    writeFiles(dir, { 'img.bin': Buffer.from([0, 1, 2, 0, 255]), 'big.txt': 'a'.repeat(50) + '\n' + 'b'.repeat(50) + '\n' });
    git(dir, 'add', '-A');
    const files = parse(diff(dir), 3, 60);
    expect(files.find((f) => f.newPath === 'img.bin')!.binary).toBe(true);
    const big = files.find((f) => f.newPath === 'big.txt')!;
    expect([big.truncated, big.lines.length, big.bytes]).toEqual([true, 1, 102]);
  });
});

describe('unquotePath', () => {
  it('decodes C-quoted paths, octal UTF-8 bytes included', () => {
    expect(unquotePath(Buffer.from('"a/new\\nline \\"q\\" \\303\\274.txt"'))).toBe('a/new\nline "q" ü.txt');
    expect(unquotePath(Buffer.from('plain path.txt'))).toBe('plain path.txt');
    expect(unquotePath(Buffer.from('"tab\\there\\\\x"'))).toBe('tab\there\\x');
  });
});

describe('PatchParser pieces', () => {
  it('hands a large patch over in pieces: every line once as added, the overlap as context only, each line at its number', () => {
    const dir = tempRepo();
    const lines = Array.from({ length: 12_000 }, (_, i) => `row ${i + 1} ${'x'.repeat(i % 97)}`);
    commitFiles(dir, { 'big.txt': `${lines.filter((_, i) => i % 3 === 0).join('\n')}\n` }, 'base');
    writeFiles(dir, { 'big.txt': `${lines.join('\n')}\n` });
    git(dir, 'add', '.');
    const patch = diff(dir, '-U3');
    const pieces: FilePatch[] = [];
    const parser = new PatchParser((f) => pieces.push(f), Number.POSITIVE_INFINITY, 200_000);
    new LineSplitter().push(patch, (l) => parser.line(l));
    parser.flush();
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.slice(0, -1).every((p) => p.continues)).toBe(true);
    const added: number[] = [];
    for (const [k, piece] of pieces.entries()) {
      // each line is where the file has it
      piece.lines.forEach((line, i) => expect(line.toString()).toBe(lines[piece.lineNumbers[i] - 1]));
      added.push(...piece.added.map((i) => piece.lineNumbers[i]));
      if (k === 0) continue;
      // the piece opens with the end of the one before (within 64 KB), as context
      const before = pieces[k - 1];
      const overlap = before.lineNumbers.filter((n) => n >= piece.lineNumbers[0]);
      expect(overlap.length).toBeGreaterThan(0);
      expect(piece.lineNumbers.slice(0, overlap.length)).toEqual(overlap);
      expect(piece.added.every((i) => i >= overlap.length)).toBe(true);
      expect(before.content.length - before.content.indexOf(`${lines[overlap[0] - 1]}\n`)).toBeLessThanOrEqual(64 * 1024);
    }
    const expected = lines.map((_, i) => i + 1).filter((n) => (n - 1) % 3 !== 0);
    expect(added).toEqual(expected);
  });
});
