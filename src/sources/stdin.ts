import type { Fragment } from '../types.js';
import { chunkSizes, windows } from './chunks.js';
import { loneCrAsLf, sniffPieces, utf8Pieces } from './decode.js';

/**
 * Standard input, read as it is scanned: one fragment, or one per window when it is larger than
 * a chunk, so memory stays bounded however much is piped in. Binary input is scanned as bytes
 * rather than refused.
 */
export async function* stdinFragments(input: NodeJS.ReadableStream = process.stdin): AsyncGenerator<Fragment> {
  const { sniffed, pieces } = await sniffPieces(buffers(input));
  const text = sniffed.binary ? pieces : utf8Pieces(pieces, sniffed);
  for await (const { content, chunk } of windows(loneCrAsLf(text), chunkSizes())) {
    yield { kind: 'stdin', path: null, content, ...(chunk ? { chunk } : {}) };
  }
}

async function* buffers(input: NodeJS.ReadableStream): AsyncGenerator<Buffer> {
  for await (const piece of input) yield typeof piece === 'string' ? Buffer.from(piece) : (piece as Buffer);
}
