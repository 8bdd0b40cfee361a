/** How a file's bytes become the UTF-8 the engine reads, or why they cannot. */
export type Decoded = { binary: false; content: Buffer; encoding: 'utf8' | 'utf16le' | 'utf16be' } | { binary: true };

const SAMPLE = 8192;

/**
 * UTF-8 passes through as bytes (invalid sequences included: they are scanned, never dropped).
 * UTF-16 is decoded when it has a BOM, or when its NUL pattern (every other byte of ASCII text)
 * gives it away. Any other NUL in the first 8 KB means binary.
 */
export function decode(bytes: Buffer): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return text(bytes.subarray(3), 'utf8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return text(fromUtf16(bytes.subarray(2), false), 'utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return text(fromUtf16(bytes.subarray(2), true), 'utf16be');

  const sample = bytes.subarray(0, SAMPLE);
  if (sample.indexOf(0) === -1) return text(bytes, 'utf8');
  const guess = guessUtf16(sample);
  if (guess === 'le') return text(fromUtf16(bytes, false), 'utf16le');
  if (guess === 'be') return text(fromUtf16(bytes, true), 'utf16be');
  return { binary: true };
}

function text(content: Buffer, encoding: 'utf8' | 'utf16le' | 'utf16be'): Decoded {
  return { binary: false, content, encoding };
}

function fromUtf16(bytes: Buffer, bigEndian: boolean): Buffer {
  const even = bytes.subarray(0, bytes.length - (bytes.length % 2));
  const le = bigEndian ? Buffer.from(even).swap16() : even;
  return Buffer.from(le.toString('utf16le'), 'utf8');
}

/** BOM-less UTF-16 of mostly-ASCII text: NULs in one byte lane, almost none in the other. */
function guessUtf16(sample: Buffer): 'le' | 'be' | null {
  const pairs = Math.floor(sample.length / 2);
  if (pairs < 2) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  if (oddNul >= pairs * 0.4 && evenNul <= pairs * 0.05) return 'le';
  if (evenNul >= pairs * 0.4 && oddNul <= pairs * 0.05) return 'be';
  return null;
}
