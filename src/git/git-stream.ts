import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { LeakguardError } from '../errors.js';

const STDERR_KEPT = 4096;

/**
 * A spawned git whose output is read as a stream (diffs, logs, blobs): never buffered whole.
 * `done()` resolves when git exits 0 and throws otherwise — including when git was killed
 * mid-stream — so that a partial read can never pass for a complete one.
 */
export class GitStream {
  private readonly child: ChildProcessByStdio<Writable, Readable, Readable>;
  private readonly exit: Promise<void>;
  private stderr = '';

  constructor(args: string[], cwd: string) {
    const what = `git ${args[0]}`;
    this.child = spawn('git', ['-c', 'core.quotePath=false', ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (chunk: Buffer) => {
      if (this.stderr.length < STDERR_KEPT) this.stderr += chunk.toString('utf8');
    });
    this.child.stdin.on('error', () => {}); // git exiting early closes its stdin: the exit status tells
    this.exit = new Promise((resolve, reject) => {
      this.child.on('error', (err: NodeJS.ErrnoException) => {
        reject(err.code === 'ENOENT' ? new LeakguardError('git was not found on PATH: install git to scan repositories') : new LeakguardError(`${what} could not start: ${err.message}`));
      });
      this.child.on('close', (code, signal) => {
        if (code === 0) return resolve();
        const reason = signal ? `was killed (${signal})` : `failed (exit ${code})`;
        const detail = this.stderr.trim().split('\n')[0];
        reject(new LeakguardError(`${what} ${reason}${detail ? `: ${detail}` : ''}; the scan is incomplete`));
      });
    });
    this.exit.catch(() => {}); // observed by done()
  }

  get stdout(): Readable {
    return this.child.stdout;
  }

  get stdin(): Writable {
    return this.child.stdin;
  }

  done(): Promise<void> {
    return this.exit;
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }
}

/** A line as a span of a buffer, `buf[start, end)`, without its `\n`. */
export type OnSpan = (buf: Buffer, start: number, end: number) => void;

/** Splits a byte stream into lines (without `\n`), across chunk boundaries. */
export class LineSplitter {
  private partial: Buffer[] = [];

  push(chunk: Buffer, onLine: (line: Buffer) => void): void {
    this.pushSpans(chunk, (buf, start, end) => onLine(buf.subarray(start, end)));
  }

  /** Like `push`, but hands over spans of the chunk: no Buffer object per line. */
  pushSpans(chunk: Buffer, onSpan: OnSpan): void {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      if (this.partial.length > 0) {
        this.partial.push(chunk.subarray(start, nl));
        const line = Buffer.concat(this.partial);
        this.partial = [];
        onSpan(line, 0, line.length);
      } else {
        onSpan(chunk, start, nl);
      }
      start = nl + 1;
    }
    if (start < chunk.length) this.partial.push(chunk.subarray(start));
  }

  end(onLine: (line: Buffer) => void): void {
    if (this.partial.length > 0) onLine(Buffer.concat(this.partial));
    this.partial = [];
  }
}
