import { LeakguardError } from '../errors.js';
import { GitStream, LineSplitter } from './git-stream.js';

export type Blob = { sha: string; size: number; content: Buffer | null };

/** A `git cat-file --batch` for readBlobs, started before the ids are known (it saves a process start's wait). */
export function blobReader(cwd: string): GitStream {
  return new GitStream(['cat-file', '--batch'], cwd);
}

/**
 * Reads blobs through one `git cat-file --batch` (started here, or given): ids go in, contents
 * come out as a stream. A blob larger than `maxBytes` is passed over unread (content null) so
 * memory stays bounded.
 */
export async function* readBlobs(shas: string[], cwd: string, maxBytes: number, started?: GitStream): AsyncGenerator<Blob> {
  if (shas.length === 0) {
    started?.stdin.end();
    return;
  }
  const git = started ?? blobReader(cwd);
  git.stdin.end(`${shas.join('\n')}\n`);
  let buffered: Buffer = Buffer.alloc(0);
  let current: { sha: string; size: number; parts: Buffer[] | null; left: number } | null = null;
  try {
    for await (const chunk of git.stdout as AsyncIterable<Buffer>) {
      buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
      for (;;) {
        if (!current) {
          const nl = buffered.indexOf(10);
          if (nl === -1) break;
          const [sha, type, size] = buffered.toString('utf8', 0, nl).split(' ');
          buffered = buffered.subarray(nl + 1);
          if (type === 'missing') {
            yield { sha, size: 0, content: null };
            continue;
          }
          const n = Number(size);
          current = { sha, size: n, parts: n > maxBytes ? null : [], left: n + 1 }; // +1: the newline after the contents
        }
        const take = Math.min(current.left, buffered.length);
        if (take === 0) break;
        current.parts?.push(buffered.subarray(0, take));
        buffered = buffered.subarray(take);
        current.left -= take;
        if (current.left > 0) break;
        const content = current.parts ? Buffer.concat(current.parts).subarray(0, current.size) : null;
        yield { sha: current.sha, size: current.size, content };
        current = null;
      }
    }
    await git.done();
  } finally {
    git.kill();
  }
}

/**
 * A running `git cat-file --batch-check`, asked one blob at a time: its size, or null when this
 * clone does not have it. If git dies, every question still waiting fails with git's reason.
 */
export class BlobSizes {
  private readonly git: GitStream;
  private readonly waiting: { resolve: (size: number | null) => void; reject: (err: Error) => void }[] = [];
  private failure: Error | null = null;

  constructor(cwd: string) {
    this.git = new GitStream(['cat-file', '--batch-check'], cwd);
    const lines = new LineSplitter();
    this.git.stdout.on('data', (chunk: Buffer) =>
      lines.push(chunk, (line) => {
        const [, type, size] = line.toString('latin1').split(' ');
        this.waiting.shift()?.resolve(type === 'missing' ? null : Number(size));
      }),
    );
    const fail = (err: Error) => {
      this.failure = err;
      for (const w of this.waiting.splice(0)) w.reject(err);
    };
    this.git.done().then(() => fail(new LeakguardError('git cat-file --batch-check ended early; the scan is incomplete')), fail);
  }

  size(sha: string): Promise<number | null> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.git.stdin.write(`${sha}\n`);
    });
  }

  close(): void {
    this.git.stdin.end();
  }
}
