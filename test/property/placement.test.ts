import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareScanner, scan } from '../../dist/index.js';
import { runPipeline } from '../../dist/pipeline.js';
import { fileFragments } from '../../dist/sources/files.js';
import { stdinFragments } from '../../dist/sources/stdin.js';
import { AWS_KEY_ID, GITHUB_PAT, SLACK_BOT_TOKEN } from '../fixtures/secrets.js';
import { git, tempDir, tempRepo, writeFiles } from '../helpers.js';

// Secrets planted at random places in random text, scanned by the real engine and filters (the
// built package, as the CLI runs it): each is reported exactly once, on its line, at its column
// (columns count characters; a broken UTF-8 byte is one), and nothing else is reported.
const SEED = 8_2026;

const SECRETS = [
  { secret: AWS_KEY_ID, ruleId: 'aws-access-key-id' },
  { secret: GITHUB_PAT, ruleId: 'github-pat-classic' },
  { secret: SLACK_BOT_TOKEN, ruleId: 'slack-bot-token' },
];

type Piece = { text: Buffer } | { secret: number; before: string; after: string };

/** Filler: letters, blanks, accents, emoji, CJK, a combining mark, and now and then broken UTF-8 or a long run. */
const filler = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', 'k', 'z', 'Q', ' ', '\t', 'é', '😀', '中', '\u0301', '.', ',', '#', '\r'), maxLength: 24 }).map((s) => Buffer.from(s)) },
  { weight: 1, arbitrary: fc.constantFrom(Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xe4, 0xb8]), Buffer.from([0xed, 0xa0, 0x80])) },
  { weight: 1, arbitrary: fc.integer({ min: 500, max: 5000 }).map((n) => Buffer.from('lorem ipsum '.repeat(n / 12))) },
);
const piece: fc.Arbitrary<Piece> = fc.oneof(
  { weight: 3, arbitrary: filler.map((text) => ({ text })) },
  {
    weight: 1,
    arbitrary: fc.record({
      secret: fc.nat({ max: SECRETS.length - 1 }),
      before: fc.constantFrom(' ', '"', "'", '=', '(', ': ', ' = "'),
      after: fc.constantFrom(' ', '"', "'", ')', ',', ';', ''),
    }),
  },
);
const line = fc.array(piece, { maxLength: 6 });
const text = fc.tuple(fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n')), { minLength: 1, maxLength: 12 }), fc.boolean());

interface Planted { ruleId: string; line: number; column: number; endColumn: number }

/**
 * The bytes of the text, and where each secret in it is (1-based line, character columns). Files
 * and standard input count a lone CR as a line break, as an editor shows them (`loneCr`); git's
 * lines end at LF only.
 */
function build([lines, finalEol]: [Array<[Piece[], string]>, boolean], firstLine = 1, loneCr = false): { bytes: Buffer; planted: Planted[]; lines: Buffer[] } {
  const planted: Planted[] = [];
  const out: Buffer[] = [];
  let extraLines = 0; // lone CRs in the lines before this one
  lines.forEach(([pieces, eol], i) => {
    const parts: Buffer[] = [];
    for (const [k, p] of pieces.entries()) {
      if ('text' in p) {
        parts.push(p.text);
        continue;
      }
      const { secret, ruleId } = SECRETS[p.secret];
      parts.push(Buffer.from(p.before));
      const before = Buffer.concat(parts).toString('utf8');
      const breaks = loneCr ? before.split('\r').length - 1 : 0;
      const column = [...(loneCr ? before.slice(before.lastIndexOf('\r') + 1) : before)].length + 1;
      planted.push({ ruleId, line: firstLine + i + extraLines + breaks, column, endColumn: column + secret.length });
      // nothing after the secret only at the end of the line: a letter there would be part of the token
      parts.push(Buffer.from(secret + (p.after === '' && k < pieces.length - 1 ? ' ' : p.after)));
    }
    const content = Buffer.concat(parts);
    out.push(content);
    if (loneCr) {
      const crs = content.toString('latin1').split('\r').length - 1;
      // a CR that ends the line's text and meets the LF of its line ending is a CRLF, not a break of its own
      extraLines += crs - (content[content.length - 1] === 13 && eol === '\n' ? 1 : 0);
    }
  });
  const bytes = Buffer.concat(out.flatMap((l, i) => (i < out.length - 1 || finalEol ? [l, Buffer.from(lines[i][1])] : [l])));
  return { bytes, planted, lines: out };
}

const sorted = (list: Planted[]) => [...list].sort((a, b) => a.line - b.line || a.column - b.column);

describe('findings are placed exactly, property-based', () => {
  it('standard input and files: every planted secret once, at its line and column', async () => {
    // one scanner for every run, as one scan of many files has; each run is a source → engine → filters pass
    const dir = tempDir();
    const scanner = await prepareScanner(dir);
    const rulesById = new Map(scanner.rules.map((r) => [r.id, r]));
    const ctx = { rulesById, ruleIds: new Set(rulesById.keys()), allowlist: scanner.allowlist, root: dir, cwd: dir };
    const fail = (message: string) => expect.fail(message);
    await fc.assert(
      fc.asyncProperty(text, fc.boolean(), fc.boolean(), async (t, asFile, inChunks) => {
        const { bytes, planted } = build(t, 1, true);
        // tiny chunks: every input is cut into overlapping windows, so secrets straddle the cuts
        if (inChunks) Object.assign(process.env, { LEAKGUARD_CHUNK_BYTES: '97', LEAKGUARD_CHUNK_OVERLAP: '256' });
        let result;
        try {
          let fragments;
          if (asFile) {
            writeFiles(dir, { 'planted.txt': bytes });
            fragments = fileFragments(['planted.txt'], { cwd: dir, maxFileSize: 1 << 24, gitignore: false, onSkip: (s) => fail(`skipped ${s.reason}`), onError: fail });
          } else {
            fragments = stdinFragments(Readable.from([bytes]));
          }
          result = await runPipeline(fragments, scanner.engine, ctx);
        } finally {
          delete process.env.LEAKGUARD_CHUNK_BYTES;
          delete process.env.LEAKGUARD_CHUNK_OVERLAP;
        }
        const found = result.findings.map((f) => ({ ruleId: f.ruleId, line: f.line, column: f.column, endColumn: f.endColumn }));
        expect(sorted(found), JSON.stringify(bytes.toString('utf8'))).toEqual(sorted(planted));
        expect(result.findings.every((f) => f.endLine === f.line)).toBe(true);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('--staged: secrets on lines added among old ones, at their new-file line numbers', async () => {
    const dir = tempRepo();
    const oldLine = fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'é', '😀', '+', '-', '@'), maxLength: 10 });
    await fc.assert(
      fc.asyncProperty(fc.array(oldLine, { minLength: 1, maxLength: 15 }), fc.array(fc.tuple(fc.nat(), line), { minLength: 1, maxLength: 5 }), async (old, inserts) => {
        writeFiles(dir, { 'app.txt': `${old.join('\n')}\n` });
        git(dir, 'add', '-A');
        git(dir, 'commit', '-q', '--allow-empty', '--no-verify', '-m', 'base');
        // insert the new lines (some holding secrets) among the old ones, and note where they land
        const lines: Array<{ text: Buffer; pieces: Piece[] | null }> = old.map((o) => ({ text: Buffer.from(o), pieces: null }));
        for (const [at, pieces] of inserts) lines.splice(at % (lines.length + 1), 0, { text: Buffer.alloc(0), pieces });
        const planted: Planted[] = [];
        const content: Buffer[] = [];
        lines.forEach((l, i) => {
          if (l.pieces === null) content.push(l.text);
          else {
            const built = build([[[l.pieces, '\n']], false], i + 1);
            planted.push(...built.planted);
            content.push(built.lines[0]);
          }
          content.push(Buffer.from('\n'));
        });
        writeFiles(dir, { 'app.txt': Buffer.concat(content) });
        git(dir, 'add', 'app.txt');
        const result = await scan({ git: { kind: 'staged' }, cwd: dir, baseline: false });
        const found = result.findings.map((f) => ({ ruleId: f.ruleId, line: f.line, column: f.column, endColumn: f.endColumn }));
        expect(sorted(found)).toEqual(sorted(planted));
        git(dir, 'reset', '-q', '--hard');
      }),
      { seed: SEED, numRuns: 6 },
    );
  });
});
