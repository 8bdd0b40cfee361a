/**
 * A growing byte buffer: lines are copied in as they stream past, so a file's patch becomes one
 * Buffer without a Buffer object per line (the per-line objects were most of the parse cost).
 */
export class ByteBuilder {
  private bytes: Buffer;
  private size = 0;

  constructor(initial = 4096) {
    this.bytes = Buffer.allocUnsafe(initial);
  }

  get length(): number {
    return this.size;
  }

  /** Appends `source[start, end)`. */
  append(source: Buffer, start: number, end: number): void {
    const n = end - start;
    this.reserve(n);
    const bytes = this.bytes;
    if (n < 64) {
      // most patch lines are short; a plain loop beats Buffer#copy's call overhead for them
      for (let i = 0, at = this.size; i < n; i++) bytes[at + i] = source[start + i];
    } else {
      source.copy(bytes, this.size, start, end); // not set(subarray): no Buffer object per long line
    }
    this.size += n;
  }

  appendByte(byte: number): void {
    this.reserve(1);
    this.bytes[this.size++] = byte;
  }

  /** A copy of the bytes so far, so that the builder can be reused. */
  toBuffer(): Buffer {
    const copy = Buffer.allocUnsafe(this.size); // not Buffer.from: that zero-fills, then copies
    this.bytes.copy(copy, 0, 0, this.size);
    return copy;
  }

  reset(): void {
    this.size = 0;
  }

  private reserve(n: number): void {
    if (this.size + n <= this.bytes.length) return;
    let capacity = this.bytes.length * 2;
    while (capacity < this.size + n) capacity *= 2;
    const grown = Buffer.allocUnsafe(capacity);
    this.bytes.copy(grown, 0, 0, this.size);
    this.bytes = grown;
  }
}
