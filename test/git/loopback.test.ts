import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { GitStream } from '../../src/git/git-stream.js';
import { loopbackPair } from '../../src/git/loopback.js';
import { commitFiles, tempRepo } from '../helpers.js';

const readAll = async (socket: Socket): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

describe('loopbackPair', () => {
  it("carries a real git's output, whole, and ends when git exits", async () => {
    const dir = tempRepo();
    const sha = commitFiles(dir, { 'a.txt': 'x\n'.repeat(200_000) }, 'big');
    const output = await loopbackPair();
    expect(output).not.toBeNull();
    const git = new GitStream(['cat-file', 'blob', `${sha}:a.txt`], dir, { output: output! });
    expect(git.stdout).toBe(output!.readEnd);
    const text = await readAll(output!.readEnd);
    await git.done();
    expect(text.length).toBe(400_000);
    expect(output!.writeEnd.destroyed).toBe(true); // only git holds the write end
  });

  it('refuses a stranger that connects to the port first, and takes its own end', async () => {
    let stranger: Socket | null = null;
    const output = await loopbackPair({
      beforeConnect: (port) =>
        new Promise((resolve, reject) => {
          stranger = connect(port, '127.0.0.1', () => resolve());
          stranger.on('error', reject);
        }),
    });
    expect(output).not.toBeNull();
    expect(output!.readEnd.remotePort).toBe(output!.writeEnd.localPort);
    const strangerClosed = new Promise<void>((resolve) => stranger!.on('close', () => resolve()));
    stranger!.resume();
    stranger!.write('forged output\n');
    output!.writeEnd.end('from our end\n');
    expect(await readAll(output!.readEnd)).toBe('from our end\n');
    await strangerClosed; // the server turned it away
  });
});
