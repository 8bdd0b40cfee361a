import { GitStream } from './git-stream.js';

export type Blob = { sha: string; size: number; content: Buffer | null };

/**
 * Reads blobs through one `git cat-file --batch`: ids go in, contents come out as a stream.
 * A blob larger than `maxBytes` is passed over unread (content null) so memory stays bounded.
 */
export async function* readBlobs(shas: string[], cwd: string, maxBytes: number): AsyncGenerator<Blob> {
  if (shas.length === 0) return;
  const git = new GitStream(['cat-file', '--batch'], cwd);
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
