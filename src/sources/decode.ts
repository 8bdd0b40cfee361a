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
