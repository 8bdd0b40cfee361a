import type { Readable } from 'node:stream';

/**
 * A child's output, read ahead into memory up to a limit and handed over in order. With a high
 * limit, a git process can run ahead of the scan on another core; past the limit it is paused
 * (and git blocks on its pipe), so memory stays bounded whatever git produces. Each chunk handed
 * over gives the event loop a turn, in which the pipe is read.
 */
export class OutputQueue {
  private chunks: Buffer[] = [];
  private head = 0;
  private bytes = 0;
  private ended = false;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly stream: Readable,
    private readonly limit: number,
  ) {
    stream.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.bytes += chunk.length;
      if (this.bytes >= this.limit) stream.pause();
      this.notify();
    });
    stream.on('end', () => {
      this.ended = true;
      this.notify();
    });
    stream.on('error', (err: Error) => {
      this.failure = err;
      this.notify();
    });
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    for (;;) {
      if (this.head < this.chunks.length) {
        const chunk = this.chunks[this.head];
        this.chunks[this.head++] = EMPTY;
        if (this.head > 1024) {
          this.chunks = this.chunks.slice(this.head);
          this.head = 0;
        }
        this.bytes -= chunk.length;
        if (this.bytes < this.limit && this.stream.isPaused()) this.stream.resume();
        yield chunk;
        // The pipe is read only between turns of the event loop, and holds 64 KB: without a turn
        // while queued chunks are scanned, git would soon block on it and wait for the scan.
        if (!this.ended) await new Promise(setImmediate);
        continue;
      }
      if (this.failure) throw this.failure;
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

const EMPTY = Buffer.alloc(0);
