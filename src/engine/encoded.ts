import { re2, type RE2 } from './re2.js';
import { bytesIn, runStart } from './byte-runs.js';

export type Encoding = 'base64' | 'hex' | 'percent';

export interface EncodedRun {
  start: number;
  end: number;
  encoding: Encoding;
  decoded: Buffer;
}

// Runs long enough to hide a credential: 24 or more characters of the base64 alphabet (hex digits
// are among them), and up to two `=` of padding. Standard base64 only: URL-safe base64 looks
// like any long identifier, and JWTs have rules of their own. Percent-encoding is looked for only
// where `%` is.
const MIN_RUN = 24;
// Three or more escapes among unreserved characters: the regex starts at the first `%` (so RE2
// skips from `%` to `%`), and the unreserved characters before it are added after.
const PERCENT = '%[0-9A-Fa-f]{2}(?:[A-Za-z0-9._~+-]*%[0-9A-Fa-f]{2}){2,}[A-Za-z0-9._~+-]*';
let percent: RE2 | undefined; // compiled when a fragment first holds a `%`
const UNRESERVED = bytesIn(/[A-Za-z0-9._~+-]/);
/** Bounds: per fragment, how many runs are decoded and how many bytes they may yield. */
const MAX_RUNS = 512;
const MAX_DECODED_BYTES = 1 << 20;
const MIN_DECODED = 8;

/** The base64 alphabet, A–Z a–z 0–9 + / */
const ALPHABET = bytesIn(/[A-Za-z0-9+/]/);

// Byte classes of a run, so that it is classified without making a string of it.
const HEX = 2;
const LOWER = 4;
const UPPER = 8;
const DIGIT_OR_SIGN = 16;
const CLASS = new Uint8Array(256);
for (let b = 0; b < 256; b++) {
  const c = String.fromCharCode(b);
  if (/[a-z]/.test(c)) CLASS[b] |= LOWER;
  if (/[A-Z]/.test(c)) CLASS[b] |= UPPER;
  if (/[0-9+/]/.test(c)) CLASS[b] |= DIGIT_OR_SIGN;
  if (/[0-9a-fA-F]/.test(c)) CLASS[b] |= HEX;
}

/**
 * Base64-, hex- and percent-encoded text inside a fragment, decoded. Only runs that decode to
 * text are kept: encoded binary (images, hashes) has nothing for the rules to read.
 */
export function encodedRuns(content: Buffer): EncodedRun[] {
  const runs: EncodedRun[] = [];
  let budget = MAX_DECODED_BYTES;
  const keep = (start: number, end: number, encoding: Encoding, text: string) => {
    const decoded = decodeRun(text, encoding);
    if (decoded === null || decoded.length < MIN_DECODED || !isText(decoded)) return;
    budget -= decoded.length;
    runs.push({ start, end, encoding, decoded });
  };

  const spans = alphabetRuns(content);
  for (let j = 0; j < spans.length && runs.length < MAX_RUNS && budget > 0; j += 2) {
    const start = spans[j];
    const body = spans[j + 1];
    let end = body;
    while (end < content.length && end - body < 2 && content[end] === 0x3d /* = */) end++; // padding
    let seen = 0;
    let allHex = HEX;
    for (let i = start; i < body; i++) {
      const cls = CLASS[content[i]];
      seen |= cls;
      allHex &= cls;
    }
    const length = body - start;
    const encoding = allHex && end === body && length % 2 === 0 ? 'hex' : looksLikeBase64(seen, length) ? 'base64' : null;
    if (encoding) keep(start, end, encoding, content.toString('latin1', start, end));
  }
  if (content.indexOf(0x25 /* % */) !== -1) {
    percent ??= new (re2())(PERCENT, 'g');
    percent.lastIndex = 0;
    let m: { 0: Buffer; index: number } | null;
    let previousEnd = 0;
    while (runs.length < MAX_RUNS && budget > 0 && (m = percent.exec(content) as typeof m) !== null) {
      let start = m.index;
      while (start > previousEnd && UNRESERVED[content[start - 1]] === 1) start--;
      previousEnd = m.index + m[0].length;
      if (previousEnd - start >= 12) keep(start, previousEnd, 'percent', content.toString('latin1', start, previousEnd));
    }
  }
  return runs.sort((a, b) => a.start - b.start);
}

/** The maximal runs of the base64 alphabet at least MIN_RUN long (start, end: pairs, ascending). */
export function alphabetRuns(content: Uint8Array): number[] {
  const runs: number[] = [];
  for (let start = runStart(content, ALPHABET, MIN_RUN); start !== -1; ) {
    let end = start + MIN_RUN;
    while (end < content.length && ALPHABET[content[end]] === 1) end++;
    runs.push(start, end);
    start = runStart(content, ALPHABET, MIN_RUN, end + 1); // the byte at `end` is no member
  }
  return runs;
}

/** Base64 of text mixes cases and digits; a run of one case is an identifier or a word. */
function looksLikeBase64(seen: number, length: number): boolean {
  if (length % 4 === 1) return false;
  return (seen & LOWER) !== 0 && (seen & UPPER) !== 0 && (seen & DIGIT_OR_SIGN) !== 0;
}

function decodeRun(text: string, encoding: Encoding): Buffer | null {
  if (encoding === 'hex') return Buffer.from(text, 'hex');
  if (encoding === 'base64') return Buffer.from(text, 'base64');
  try {
    return Buffer.from(decodeURIComponent(text), 'utf8');
  } catch {
    return null;
  }
}

/** Printable UTF-8 text: almost no control bytes and no broken sequences. */
function isText(bytes: Buffer): boolean {
  let bad = 0;
  for (const b of bytes) if ((b < 0x20 && b !== 9 && b !== 10 && b !== 13) || b === 0x7f) bad++;
  if (bad > bytes.length * 0.02) return false;
  return !bytes.toString('utf8').includes('\uFFFD');
}
