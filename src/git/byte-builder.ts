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

  /**
   * Appends `source` from `start` up to its next `\n` (left out) and returns where that `\n` is.
   * Without one, appends nothing and returns -1. Finding the line end while copying saves a
   * native `indexOf` call per line.
   */
  appendLine(source: Buffer, start: number): number {
    this.reserve(source.length - start);
    const bytes = this.bytes;
    let at = this.size;
    for (let i = start; i < source.length; i++) {
      const b = source[i];
      if (b === 10) {
        this.size = at;
        return i;
      }
      bytes[at++] = b;
    }
    return -1;
  }

  /** Drops what was appended after the builder held `length` bytes. */
  truncate(length: number): void {
    this.size = Math.min(this.size, length);
  }

  appendByte(byte: number): void {
    this.reserve(1);
    this.bytes[this.size++] = byte;
  }

  /** A copy of the bytes so far, so that the builder can be reused. */
  toBuffer(): Buffer {
    return Buffer.from(this.bytes.subarray(0, this.size));
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
