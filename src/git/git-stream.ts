import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { LeakguardError } from '../errors.js';
import type { LoopbackPair } from './loopback.js';
import { GIT_NOT_FOUND } from './run-git.js';

const STDERR_KEPT = 8192;

export interface GitStreamOptions {
  /** `-c key=value` settings for this run. */
  config?: Record<string, string>;
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** Where git writes its output: a loopback connection (see `loopbackPair`); by default (or null) a pipe. */
  output?: LoopbackPair | null;
}

/**
 * A spawned git whose output is read as a stream (diffs, logs, blobs): never buffered whole.
 * `done()` resolves when git exits 0 and throws otherwise — including when git was killed
 * mid-stream — so that a partial read can never pass for a complete one.
 */
export class GitStream {
  private readonly child: ChildProcess;
  private readonly output: Readable;
  private readonly exit: Promise<void>;
  private stderr = '';

  constructor(args: string[], cwd: string, options: GitStreamOptions = {}) {
    const what = `git ${args[0]}`;
    const config = Object.entries({ 'core.quotePath': 'false', ...options.config }).flatMap(([key, value]) => ['-c', `${key}=${value}`]);
    const env = options.env ? { ...process.env, ...options.env } : process.env;
    this.child = spawn('git', [...config, ...args], { cwd, env, stdio: ['pipe', options.output?.writeEnd ?? 'pipe', 'pipe'] });
    // git has its own copy of the write end: ours closed, git's exit ends the output
    options.output?.writeEnd.destroy();
    this.output = options.output?.readEnd ?? this.child.stdout!;
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-STDERR_KEPT); // the end says why git stopped
    });
    this.child.stdin!.on('error', () => {}); // git exiting early closes its stdin: the exit status tells
    this.exit = new Promise((resolve, reject) => {
      this.child.on('error', (err: NodeJS.ErrnoException) => {
        reject(err.code === 'ENOENT' ? new LeakguardError(GIT_NOT_FOUND) : new LeakguardError(`${what} could not start: ${err.message}`));
      });
      this.child.on('close', (code, signal) => {
        if (code === 0) return resolve();
        const reason = signal ? `was killed (${signal})` : `failed (exit ${code})`;
        const detail = reasonIn(this.stderr);
        reject(new LeakguardError(`${what} ${reason}${detail ? `: ${detail}` : ''}; the scan is incomplete`));
      });
    });
    this.exit.catch(() => {}); // observed by done()
  }

  get stdout(): Readable {
    return this.output;
  }

  get stdin(): Writable {
    return this.child.stdin!;
  }

  done(): Promise<void> {
    return this.exit;
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
    if (this.output !== this.child.stdout) this.output.destroy(); // a loopback socket: nobody reads on
  }
}

/** A line as a span of a buffer, `buf[start, end)`, without its `\n`. */
export type OnSpan = (buf: Buffer, start: number, end: number) => void;

/** The line of git's stderr that says why it stopped: the last `fatal:` or `error:`, else the first line. */
function reasonIn(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  return [...lines].reverse().find((l) => /^(fatal|error):/.test(l)) ?? lines[0] ?? '';
}

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
