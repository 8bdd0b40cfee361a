import RE2 from 're2';

export type Encoding = 'base64' | 'hex' | 'percent';

export interface EncodedRun {
  start: number;
  end: number;
  encoding: Encoding;
  decoded: Buffer;
}

// Runs long enough to hide a credential. One plain character class is fast to find; hex runs are
// among them (hex digits are base64 letters). Standard base64 only: URL-safe base64 looks like any
// long identifier, and JWTs have rules of their own. Percent-encoding is looked for only where `%` is.
const BASE64_OR_HEX = new RE2('[A-Za-z0-9+/]{24,}={0,2}', 'g');
const PERCENT = new RE2('(?:[A-Za-z0-9._~+-]*%[0-9A-Fa-f]{2}){3,}[A-Za-z0-9._~+-]*', 'g');
const HEX_RUN = /^(?:[0-9a-fA-F]{2})+$/;
/** Bounds: per fragment, how many runs are decoded and how many bytes they may yield. */
const MAX_RUNS = 512;
const MAX_DECODED_BYTES = 1 << 20;
const MIN_DECODED = 8;

/**
 * Base64-, hex- and percent-encoded text inside a fragment, decoded. Only runs that decode to
 * text are kept: encoded binary (images, hashes) has nothing for the rules to read.
 */
export function encodedRuns(content: Buffer): EncodedRun[] {
  const runs: EncodedRun[] = [];
  let budget = MAX_DECODED_BYTES;
  const take = (regex: RE2, classify: (text: string) => Encoding | null) => {
    regex.lastIndex = 0;
    let m: { 0: Buffer; index: number } | null;
    while (runs.length < MAX_RUNS && budget > 0 && (m = regex.exec(content) as typeof m) !== null) {
      const text = m[0].toString('latin1');
      const encoding = classify(text);
      if (encoding === null) continue;
      const decoded = decodeRun(text, encoding);
      if (decoded === null || decoded.length < MIN_DECODED || !isText(decoded)) continue;
      budget -= decoded.length;
      runs.push({ start: m.index, end: m.index + text.length, encoding, decoded });
    }
  };
  take(BASE64_OR_HEX, (text) => (HEX_RUN.test(text) ? 'hex' : looksLikeBase64(text) ? 'base64' : null));
  if (content.indexOf(0x25 /* % */) !== -1) take(PERCENT, (text) => (text.length >= 12 ? 'percent' : null));
  return runs.sort((a, b) => a.start - b.start);
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

/** Base64 of text mixes cases and digits; a run of one case is an identifier or a word. */
function looksLikeBase64(text: string): boolean {
  const body = text.replace(/=+$/, '');
  if (body.length % 4 === 1) return false;
  return /[a-z]/.test(body) && /[A-Z]/.test(body) && /[0-9+/]/.test(body);
}

/** Printable UTF-8 text: almost no control bytes and no broken sequences. */
function isText(bytes: Buffer): boolean {
  let bad = 0;
  for (const b of bytes) if ((b < 0x20 && b !== 9 && b !== 10 && b !== 13) || b === 0x7f) bad++;
  if (bad > bytes.length * 0.02) return false;
  return !bytes.toString('utf8').includes('\uFFFD');
}
