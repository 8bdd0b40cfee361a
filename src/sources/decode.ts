export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be';

/** How a file's bytes become the UTF-8 the engine reads, or why they cannot. */
export type Decoded = { binary: false; content: Buffer; encoding: TextEncoding } | { binary: true };

/** What the first bytes of an input say: its encoding and how long its BOM is, or binary. */
export type Sniffed = { binary: false; encoding: TextEncoding; bom: number } | { binary: true };

/** How many leading bytes `sniff` looks at. */
export const SAMPLE = 8192;

/**
 * UTF-8 passes through as bytes (invalid sequences included: they are scanned, never dropped).
 * UTF-16 is decoded when it has a BOM, or when its NUL pattern (every other byte of ASCII text)
 * gives it away. Any other NUL in the first 8 KB means binary.
 */
export function sniff(head: Buffer): Sniffed {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { binary: false, encoding: 'utf8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { binary: false, encoding: 'utf16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { binary: false, encoding: 'utf16be', bom: 2 };

  const sample = head.subarray(0, SAMPLE);
  if (sample.indexOf(0) === -1) return { binary: false, encoding: 'utf8', bom: 0 };
  const guess = guessUtf16(sample);
  if (guess === 'le') return { binary: false, encoding: 'utf16le', bom: 0 };
  if (guess === 'be') return { binary: false, encoding: 'utf16be', bom: 0 };
  return { binary: true };
}

/** A whole input at once (git blobs): sniffed, and decoded to UTF-8. */
export function decode(bytes: Buffer): Decoded {
  const sniffed = sniff(bytes);
  if (sniffed.binary) return sniffed;
  const body = bytes.subarray(sniffed.bom);
  const content = sniffed.encoding === 'utf8' ? body : fromUtf16(body, sniffed.encoding === 'utf16be');
  return { binary: false, content, encoding: sniffed.encoding };
}

export type Pieces = AsyncIterable<Buffer> | Iterable<Buffer>;

/** Reads enough of a stream of pieces to sniff it; gives back what it found and the stream, whole. */
export async function sniffPieces(pieces: Pieces): Promise<{ sniffed: Sniffed; pieces: AsyncIterable<Buffer> }> {
  const iterator = Symbol.asyncIterator in pieces ? pieces[Symbol.asyncIterator]() : pieces[Symbol.iterator]();
  const head: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < SAMPLE) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    length += next.value.length;
  }
  const first = head.length === 1 ? head[0] : Buffer.concat(head);
  async function* whole(): AsyncGenerator<Buffer> {
    if (first.length > 0) yield first;
    for (let next = ended ? null : await iterator.next(); next && !next.done; next = await iterator.next()) yield next.value;
  }
  return { sniffed: sniff(first), pieces: whole() };
}

/**
 * A text input read piece by piece as UTF-8 pieces, its BOM dropped: the same bytes `decode`
 * gives for the whole, without holding the whole. A UTF-16 code unit or surrogate pair split
 * between pieces is carried over; a trailing odd byte is dropped, as `decode` drops it.
 */
export async function* utf8Pieces(pieces: AsyncIterable<Buffer>, { encoding, bom }: { encoding: TextEncoding; bom: number }): AsyncGenerator<Buffer> {
  let skip = bom;
  const body = async function* () {
    for await (const piece of pieces) {
      const rest = skip > 0 ? piece.subarray(Math.min(skip, piece.length)) : piece;
      skip = Math.max(0, skip - piece.length);
      if (rest.length > 0) yield rest;
    }
  };
  if (encoding === 'utf8') {
    yield* body();
    return;
  }
  const decoder = new TextDecoder('utf-16le'); // a global: no module to load
  let odd: Buffer | null = null;
  for await (let piece of body()) {
    if (encoding === 'utf16be') {
      if (odd) piece = Buffer.concat([odd, piece]);
      odd = piece.length % 2 === 1 ? Buffer.from(piece.subarray(piece.length - 1)) : null;
      piece = Buffer.from(piece.subarray(0, piece.length - (piece.length % 2))).swap16();
    }
    const text = decoder.decode(piece, { stream: true });
    if (text) yield Buffer.from(text, 'utf8');
  }
  const tail = decoder.decode();
  if (tail) yield Buffer.from(tail, 'utf8');
}

/**
 * A lone CR (old Mac line endings) becomes LF, so files and standard input have the lines an
 * editor shows and a CR never glues a secret to its neighbour. One byte for one byte: offsets,
 * columns and lengths stay exact. The input is copied before it is changed, and only then.
 */
export function loneCrToLf(bytes: Buffer, next?: number): Buffer {
  let out = bytes;
  for (let i = bytes.indexOf(13); i !== -1; i = bytes.indexOf(13, i + 1)) {
    if ((i + 1 < bytes.length ? bytes[i + 1] : next) === 10) continue;
    if (out === bytes) out = Buffer.from(bytes);
    out[i] = 10;
  }
  return out;
}

/** loneCrToLf over a stream of pieces: a CR that ends a piece waits for the next piece's first byte. */
export async function* loneCrAsLf(pieces: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let held = false; // a CR cut off the end of the last piece
  for await (const piece of pieces) {
    if (piece.length === 0) continue;
    if (held) yield Buffer.from([piece[0] === 10 ? 13 : 10]);
    held = piece[piece.length - 1] === 13;
    const body = held ? piece.subarray(0, piece.length - 1) : piece;
    if (body.length > 0) yield loneCrToLf(body, held ? 13 : undefined);
  }
  if (held) yield Buffer.from([10]);
}

function fromUtf16(bytes: Buffer, bigEndian: boolean): Buffer {
  const even = bytes.subarray(0, bytes.length - (bytes.length % 2));
  const le = bigEndian ? Buffer.from(even).swap16() : even;
  return Buffer.from(le.toString('utf16le'), 'utf8');
}

/** BOM-less UTF-16 of mostly-ASCII text: NULs in one byte lane, printable ASCII in the other. */
function guessUtf16(sample: Buffer): 'le' | 'be' | null {
  const pairs = Math.floor(sample.length / 2);
  if (pairs < 4) return null;
  const lane = (offset: number) => {
    let nul = 0;
    let printable = 0;
    for (let i = offset; i < pairs * 2; i += 2) {
      const b = sample[i];
      if (b === 0) nul++;
      else if ((b >= 0x20 && b < 0x7f) || b === 9 || b === 10 || b === 13) printable++;
    }
    return { nul, printable };
  };
  const even = lane(0);
  const odd = lane(1);
  if (odd.nul >= pairs * 0.9 && even.printable >= pairs * 0.9) return 'le';
  if (even.nul >= pairs * 0.9 && odd.printable >= pairs * 0.9) return 'be';
  return null;
}
