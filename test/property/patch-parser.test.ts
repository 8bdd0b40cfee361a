import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/git/git-stream.js';
import { PatchParser, type FilePatch } from '../../src/git/patch-parser.js';
import { git, tempRepo, writeFiles } from '../helpers.js';

// The patch parser is what --staged and --history read: whatever shape the diff takes, it must
// give every added line with its exact text and new-file line number. First against diffs
// rendered from a known structure (every shape git prints), then against git's own diffs, checked
// by `git blame` (which lines of the new file the commit brought).
const SEED = 8_2026;

/** Parses patch bytes fed in the given chunk sizes (cycled), as a stream would deliver them. */
function parse(patch: Buffer, chunks: number[] = [patch.length || 1]): FilePatch[] {
  const files: FilePatch[] = [];
  const parser = new PatchParser((f) => files.push(f));
  const lines = new LineSplitter();
  for (let i = 0, k = 0; i < patch.length; k++) {
    const size = Math.max(1, chunks[k % chunks.length]);
    lines.push(patch.subarray(i, i + size), (l) => parser.line(l));
    i += size;
  }
  lines.end((l) => parser.line(l));
  parser.flush();
  return files;
}

// ---- a model of one file's patch, and how git prints it ----

type Op = { kind: ' ' | '+' | '-'; text: string; noEol?: boolean };
interface Change {
  kind: 'modify' | 'new' | 'delete' | 'rename' | 'copy' | 'mode' | 'new-empty' | 'binary' | 'binary-patch';
  oldPath: string;
  newPath: string;
  /** Hunks of ops, each after `gap` lines left untouched. */
  hunks: { gap: number; ops: Op[]; section: string }[];
}

const ESCAPES: Record<string, string> = { '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r', '"': '"', '\\': '\\' };

/** git's C-style quoting (with core.quotePath=false: bytes above 0x7f stay as they are). */
function quote(prefix: string, path: string): string {
  if (!/["\\\x00-\x1f\x7f]/.test(path)) return prefix + path;
  const body = [...prefix + path].map((c) => (ESCAPES[c] ? `\\${ESCAPES[c]}` : c < ' ' || c === '\x7f' ? `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}` : c)).join('');
  return `"${body}"`;
}

function range(start: number, count: number): string {
  if (count === 1) return `${start}`;
  return `${count === 0 ? start - 1 : start},${count}`;
}

/** The patch text of one change, as `git diff` prints it, and the FilePatch the parser must give. */
function render(change: Change): { text: string; expected: Omit<FilePatch, 'truncated' | 'bytes'> } {
  const { kind, oldPath, newPath } = change;
  const out: string[] = [`diff --git ${quote('a/', oldPath)} ${quote('b/', newPath)}`];
  const expected = {
    oldPath: kind === 'new' || kind === 'new-empty' ? null : oldPath,
    newPath: kind === 'delete' ? null : newPath,
    binary: kind === 'binary' || kind === 'binary-patch',
    lines: [] as Buffer[], lineNumbers: [] as number[], added: [] as number[], removed: [] as Buffer[],
  };
  if (kind === 'mode') out.push('old mode 100644', 'new mode 100755');
  if (kind === 'new' || kind === 'new-empty') out.push('new file mode 100644');
  if (kind === 'delete') out.push('deleted file mode 100644');
  if (kind === 'rename' || kind === 'copy') {
    out.push(`similarity index ${change.hunks.length ? 87 : 100}%`, `${kind} from ${quote('', oldPath)}`, `${kind} to ${quote('', newPath)}`);
  }
  if (kind === 'new-empty' || ((kind === 'rename' || kind === 'copy' || kind === 'mode') && change.hunks.length === 0)) {
    return { text: out.join('\n') + '\n', expected };
  }
  out.push(`index 1f2e3d4..5a6b7c8${kind === 'mode' ? ' 100755' : kind === 'new' || kind === 'delete' ? '' : ' 100644'}`);
  if (kind === 'binary') {
    out.push(`Binary files ${quote('a/', oldPath)} and ${quote('b/', newPath)} differ`);
    return { text: out.join('\n') + '\n', expected };
  }
  if (kind === 'binary-patch') {
    out.push('GIT binary patch', 'literal 12', 'TcmZQzWMXDvWn*Jw;NX+F0RS+N2mk;8', '', 'literal 0', 'HcmV?d00001', '');
    return { text: out.join('\n') + '\n', expected };
  }
  // git adds a tab after a name with a space, so that a trailing space is not lost
  const tab = (p: string) => (p.includes(' ') ? '\t' : '');
  out.push(`--- ${kind === 'new' ? '/dev/null' : quote('a/', oldPath)}${tab(oldPath)}`);
  out.push(`+++ ${kind === 'delete' ? '/dev/null' : quote('b/', newPath)}${tab(newPath)}`);
  let oldLine = 1;
  let newLine = 1;
  for (const hunk of change.hunks) {
    oldLine += hunk.gap;
    newLine += hunk.gap;
    const oldCount = hunk.ops.filter((o) => o.kind !== '+').length;
    const newCount = hunk.ops.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@${hunk.section}`);
    for (const op of hunk.ops) {
      out.push(op.kind + op.text);
      if (op.noEol) out.push('\\ No newline at end of file');
      if (op.kind === '-') {
        expected.removed.push(Buffer.from(op.text));
        oldLine++;
        continue;
      }
      if (op.kind === '+') expected.added.push(expected.lines.length);
      expected.lines.push(Buffer.from(op.text));
      expected.lineNumbers.push(newLine);
      newLine++;
      if (op.kind === ' ') oldLine++;
    }
  }
  return { text: out.join('\n') + '\n', expected };
}

/** A merge's combined diff (`--cc`): one column per parent; the line is new only if every column says `+`. */
interface Merge {
  kind: 'merge';
  path: string;
  parents: number;
  hunks: { gap: number; ops: { columns: string; text: string }[] }[];
}

function renderMerge(merge: Merge): { text: string; expected: Omit<FilePatch, 'truncated' | 'bytes'> } {
  const { path: p, parents } = merge;
  const out = [`diff --cc ${quote('', p)}`, `index ${Array(parents).fill('1f2e3d4').join(',')}..5a6b7c8`, `--- ${quote('a/', p)}`, `+++ ${quote('b/', p)}`];
  const expected = { oldPath: p, newPath: p, binary: false, lines: [] as Buffer[], lineNumbers: [] as number[], added: [] as number[], removed: [] as Buffer[] };
  const oldLine = Array(parents).fill(1);
  let newLine = 1;
  const at = '@'.repeat(parents + 1);
  for (const hunk of merge.hunks) {
    for (let i = 0; i < parents; i++) oldLine[i] += hunk.gap;
    newLine += hunk.gap;
    const olds = oldLine.map((start, i) => `-${range(start, hunk.ops.filter((o) => o.columns[i] !== '+').length)}`);
    const newCount = hunk.ops.filter((o) => !o.columns.includes('-')).length;
    out.push(`${at} ${olds.join(' ')} +${range(newLine, newCount)} ${at}`);
    for (const op of hunk.ops) {
      out.push(op.columns + op.text);
      for (let i = 0; i < parents; i++) if (op.columns[i] !== '+') oldLine[i]++;
      if (op.columns.includes('-')) continue;
      if (!op.columns.includes(' ')) expected.added.push(expected.lines.length);
      expected.lines.push(Buffer.from(op.text));
      expected.lineNumbers.push(newLine++);
    }
  }
  return { text: out.join('\n') + '\n', expected };
}

// ---- generators ----

/** Line texts that look like patch syntax once prefixed, and ordinary ones with CR, tabs, unicode. */
const lineText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '\t', '+', '-', '@', '\\', '"', '/', 'é', '😀', '\r'), maxLength: 14 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '--- a/x', '+++ b/x', '-- ', '++ ', 'diff --git a/p b/p', '@@ -1,2 +1,2 @@', '\\ No newline at end of file', 'rename to z', 'Binary files a/x and b/x differ', 'GIT binary patch', 'new file mode 100644', 'line\r') },
);
const segment = fc.constantFrom('a', 'src', 'b', 'dev', 'null', 'dir with space', 'tab\there', 'new\nline', 'q"uote', 'back\\slash', 'ünï', '😀', ' b', 'x b', '-dash', '@@', 'trailing ', 'a b/c', '\x01ctl');
const path = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/'));

/** A hunk body: context runs and change blocks (removed lines, then added ones), as git groups them. */
const hunkOps = (kinds: 'both' | 'added' | 'removed') =>
  fc
    .array(
      fc.tuple(fc.array(lineText, { maxLength: 3 }), fc.array(lineText, { maxLength: 3 }), fc.array(lineText, { maxLength: 3 })),
      { minLength: 1, maxLength: 3 },
    )
    .map((blocks) =>
      blocks.flatMap(([context, removed, added]): Op[] => [
        ...(kinds === 'both' ? context.map((text) => ({ kind: ' ' as const, text })) : []),
        ...(kinds !== 'added' ? removed.map((text) => ({ kind: '-' as const, text })) : []),
        ...(kinds !== 'removed' ? added.map((text) => ({ kind: '+' as const, text })) : []),
      ]),
    )
    .filter((ops) => ops.length > 0);

/** Marks the end of the file on either side, where git prints "\ No newline at end of file". */
function endWithoutNewline(ops: Op[], oldSide: boolean, newSide: boolean): Op[] {
  const last = ops[ops.length - 1];
  if (last.kind === ' ') return oldSide || newSide ? [...ops.slice(0, -1), { ...last, noEol: true }] : ops;
  const lastOld = ops.map((o) => o.kind).lastIndexOf('-');
  const lastNew = ops.map((o) => o.kind).lastIndexOf('+');
  return ops.map((o, i) => ((i === lastOld && oldSide) || (i === lastNew && newSide) ? { ...o, noEol: true } : o));
}

const hunks = (kinds: 'both' | 'added' | 'removed', many: boolean) =>
  fc
    .tuple(
      fc.array(fc.tuple(fc.nat({ max: 40 }), hunkOps(kinds), fc.constantFrom('', ' function f() {', ' @@ x @@')), { minLength: 1, maxLength: many ? 4 : 1 }),
      fc.boolean(),
      fc.boolean(),
    )
    .map(([list, oldEol, newEol]) =>
      list.map(([gap, ops, section], i) => ({
        gap: kinds === 'both' ? gap + (i > 0 ? 1 : 0) : 0,
        section,
        ops: i === list.length - 1 ? endWithoutNewline(ops, oldEol && kinds !== 'added', newEol && kinds !== 'removed') : ops,
      })),
    );

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('modify' as const), oldPath: path, hunks: hunks('both', true) }).map((c) => ({ ...c, newPath: c.oldPath })),
  fc.record({ kind: fc.constant('mode' as const), oldPath: path, hunks: fc.oneof(fc.constant([]), hunks('both', true)) }).map((c) => ({ ...c, newPath: c.oldPath })),
  fc.record({ kind: fc.constantFrom('rename' as const, 'copy' as const), oldPath: path, newPath: path, hunks: fc.oneof(fc.constant([]), hunks('both', true)) }),
  fc.record({ kind: fc.constant('new' as const), oldPath: path, hunks: hunks('added', false) }).map((c) => ({ ...c, newPath: c.oldPath })),
  fc.record({ kind: fc.constant('delete' as const), oldPath: path, hunks: hunks('removed', false) }).map((c) => ({ ...c, newPath: c.oldPath })),
  fc.record({ kind: fc.constantFrom('new-empty' as const, 'binary' as const, 'binary-patch' as const), oldPath: path, hunks: fc.constant([]) }).map((c) => ({ ...c, newPath: c.oldPath })),
);

const merge: fc.Arbitrary<Merge> = fc.integer({ min: 2, max: 3 }).chain((parents) => {
  const kept = fc.array(fc.constantFrom(' ', '+'), { minLength: parents, maxLength: parents }).map((c) => c.join(''));
  const dropped = fc.array(fc.constantFrom(' ', '-'), { minLength: parents, maxLength: parents }).map((c) => c.join('')).filter((c) => c.includes('-'));
  const op = fc.record({ columns: fc.oneof(kept, dropped), text: lineText });
  const hunk = fc.record({ gap: fc.nat({ max: 20 }), ops: fc.array(op, { minLength: 1, maxLength: 8 }) });
  return fc.record({ kind: fc.constant('merge' as const), path, parents: fc.constant(parents), hunks: fc.array(hunk, { minLength: 1, maxLength: 3 }) });
});

const plain = (f: Omit<FilePatch, 'truncated' | 'bytes'>) => ({
  oldPath: f.oldPath, newPath: f.newPath, binary: f.binary,
  lines: f.lines.map((l) => l.toString('utf8')), lineNumbers: f.lineNumbers, added: f.added, removed: f.removed.map((l) => l.toString('utf8')),
});

describe('PatchParser, property-based', () => {
  it('gives back the structure a rendered git diff was made from, however the bytes are chunked', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 4, arbitrary: change }, { weight: 1, arbitrary: merge }), { minLength: 1, maxLength: 5 }), fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 5 }), (changes, chunks) => {
        const rendered = changes.map((c) => (c.kind === 'merge' ? renderMerge(c) : render(c)));
        const patch = Buffer.from(rendered.map((r) => r.text).join(''));
        const files = parse(patch, chunks);
        expect(files.map(plain), patch.toString()).toEqual(rendered.map((r) => plain(r.expected)));
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('gives exactly the lines `git blame` says a commit added, with their line numbers (real git)', () => {
    const line = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('alpha', 'beta', 'gamma', '', '}', '  return x;', '+plus', '-minus', '@@ -1 +1 @@', '\\ back', 'ünï 😀') },
      { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', ' ', '+', '-', 'é', '\t'), maxLength: 6 }) },
    );
    const content = fc.tuple(fc.array(line, { maxLength: 25 }), fc.boolean(), fc.boolean()).map(([lines, crlf, finalEol]) => {
      const eol = crlf ? '\r\n' : '\n';
      return lines.length ? lines.join(eol) + (finalEol ? eol : '') : '';
    });
    const dir = tempRepo(); // one repository, two new commits per run
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.constantFrom('f.txt', 'dir/g b.txt', 'ünï.txt', 'q"x.txt'), content, content), { minLength: 1, maxLength: 3, selector: (t) => t[0] }), fc.nat({ max: 3 }), (files, context) => {
        writeFiles(dir, Object.fromEntries(files.map(([p, before]) => [p, before])));
        git(dir, 'add', '-A');
        git(dir, 'commit', '-q', '--allow-empty', '--no-verify', '-m', 'before');
        writeFiles(dir, Object.fromEntries(files.map(([p, , after]) => [p, after])));
        git(dir, 'add', '-A');
        git(dir, 'commit', '-q', '--allow-empty', '--no-verify', '-m', 'after');
        const head = git(dir, 'rev-parse', 'HEAD').trim();
        const diff = spawnSync('git', ['-c', 'core.quotePath=false', 'diff', `-U${context}`, '--no-color', 'HEAD~1', 'HEAD'], { cwd: dir }).stdout as Buffer;
        const parsed = new Map(parse(diff, [7, 1, 64]).map((f) => [f.newPath, f]));
        for (const [p, , after] of files) {
          const expected = blameAdded(dir, head, p);
          const f = parsed.get(p);
          const got = f ? f.added.map((i) => [f.lineNumbers[i], f.lines[i].toString('utf8')]) : [];
          expect(got, `${p}: ${JSON.stringify(after)}\n${diff.toString()}`).toEqual(expected);
          // and every line it placed (context too) is the new file's line at that number
          const newLines = after.split('\n');
          for (const [i, text] of (f?.lines ?? []).entries()) expect(text.toString('utf8')).toBe(newLines[f!.lineNumbers[i] - 1]);
        }
      }),
      { seed: SEED, numRuns: 15 },
    );
  });
});

/** [line number, text] of each line of HEAD's `path` that HEAD itself brought, per `git blame`. */
function blameAdded(dir: string, head: string, path: string): Array<[number, string]> {
  const out = spawnSync('git', ['blame', '--porcelain', 'HEAD', '--', path], { cwd: dir, encoding: 'utf8' }).stdout;
  const added: Array<[number, string]> = [];
  let current: { sha: string; line: number } | null = null;
  for (const line of out.split('\n')) {
    const header = /^([0-9a-f]{40}) \d+ (\d+)/.exec(line);
    if (header) current = { sha: header[1], line: Number(header[2]) };
    else if (line.startsWith('\t') && current) {
      if (current.sha === head) added.push([current.line, line.slice(1)]);
      current = null;
    }
  }
  return added;
}
