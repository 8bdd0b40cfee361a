import type { Fragment } from '../types.js';
import { decode } from './decode.js';

/** Standard input as one fragment. Binary input is scanned as bytes rather than refused. */
export async function stdinFragment(input: NodeJS.ReadableStream = process.stdin): Promise<Fragment> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const bytes = Buffer.concat(chunks);
  const decoded = decode(bytes);
  return { kind: 'stdin', path: null, content: decoded.binary ? bytes : decoded.content };
}
