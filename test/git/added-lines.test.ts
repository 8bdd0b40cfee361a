import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AddedLines } from '../../src/git/added-lines.js';
import { LineSplitter } from '../../src/git/git-stream.js';
import { PatchParser } from '../../src/git/patch-parser.js';
import { commitFiles, git, tempRepo, writeFiles } from '../helpers.js';

const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} line ${i + 1}`);

/** `git diff --cached -U0` as the staged scan asks for it, read by both readers, chunk by chunk. */
function bothReaders(dir: string, chunk: number): { skipped: Map<string, number[]>; parsed: Map<string, number[]> } {
  const args = ['diff', '--cached', '-p', '-U0', '-M', '--no-color', '--no-ext-diff', '--no-textconv', '--no-relative', '--src-prefix=a/', '--dst-prefix=b/'];
  const diff = spawnSync('git', ['-c', 'core.quotePath=false', ...args], { cwd: dir }).stdout;
  const added = new AddedLines();
  const parsed = new Map<string, number[]>();
  const parser = new PatchParser((file) => {
    if (file.newPath !== null && !file.binary && file.added.length > 0) parsed.set(file.newPath, file.added.map((i) => file.lineNumbers[i]));
  });
  for (const [reader, onLine] of [
    [new LineSplitter(), (buf: Buffer, start: number, end: number) => added.lineAt(buf, start, end)],
    [new LineSplitter(), (buf: Buffer, start: number, end: number) => parser.lineAt(buf, start, end)],
  ] as const) {
    for (let at = 0; at < diff.length; at += chunk) reader.pushSpans(diff.subarray(at, at + chunk), onLine);
    reader.end((line) => onLine(line, 0, line.length));
  }
  parser.flush();
  return { skipped: added.byPath, parsed };
}

describe('AddedLines', () => {
  it('reads from the hunk headers of a real -U0 diff the lines that the full patch parser finds added', () => {
    const dir = tempRepo();
    const base = lines(40, 'base');
    commitFiles(
      dir,
      {
        'edited.txt': `${base.join('\n')}\n`,
        'no-newline.txt': 'one\ntwo', // no newline at the end, before and after
        // lines whose patch lines look like file headers: `--- …`, `+++ b/…`
        'dashes.txt': '-- looks like a header\nkeep\n++ also\n',
        'shrunk.txt': 'a\nb\nc\n',
        'renamed-from.txt': `${lines(30, 'moved').join('\n')}\n`,
        'deleted.txt': 'gone\n',
        'blob.bin': Buffer.from([0, 1, 2, 3]),
      },
      'base',
    );
    const edited = [...base];
    edited.splice(3, 2, 'new a', 'new b', 'new c'); // two lines replaced by three
    edited.splice(20, 1); // one line removed
    edited.push('appended');
    const moved = lines(30, 'moved');
    moved[10] = 'changed while moved';
    rmSync(`${dir}/renamed-from.txt`);
    rmSync(`${dir}/deleted.txt`);
    writeFiles(dir, {
      'edited.txt': `${edited.join('\n')}\n`,
      'no-newline.txt': 'one\n++ b/not-a-file-1',
      'dashes.txt': '-- still like a header\nkeep\n++ b/not-a-file-2\n',
      'shrunk.txt': 'a\n',
      'renamed-to.txt': `${moved.join('\n')}\n`,
      'tab\there "quoted" é.txt': 'odd path\n',
      'new.txt': 'first\nsecond\n',
      'empty.txt': '',
      'blob.bin': Buffer.from([0, 9, 9, 3]),
    });
    git(dir, 'add', '-A');
    for (const chunk of [7, 64, 1 << 16]) {
      const { skipped, parsed } = bothReaders(dir, chunk);
      expect(new Map([...skipped].filter(([, numbers]) => numbers.length > 0))).toEqual(parsed);
      expect(skipped.get('edited.txt')).toEqual([4, 5, 6, 41]);
      expect(skipped.get('no-newline.txt')).toEqual([2]);
      expect(skipped.get('dashes.txt')).toEqual([1, 3]);
      expect(skipped.get('renamed-to.txt')).toEqual([11]);
      expect(skipped.get('tab\there "quoted" é.txt')).toEqual([1]);
      expect(skipped.get('new.txt')).toEqual([1, 2]);
      expect(skipped.get('shrunk.txt')).toEqual([]);
      // and nothing else: no body line was read as a header
      expect([...skipped.keys()].sort()).toEqual(['dashes.txt', 'edited.txt', 'new.txt', 'no-newline.txt', 'renamed-to.txt', 'shrunk.txt', 'tab\there "quoted" é.txt']);
    }
  });
});
