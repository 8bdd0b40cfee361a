import { LeakguardError } from '../errors.js';
import { GitStream, LineSplitter } from './git-stream.js';
import type { Repository } from './repository.js';

/**
 * A partial clone (`git clone --filter=blob:none`) lacks blobs until they are needed, and then
 * fetches them one at a time: a whole history would take one round trip per blob. So the blobs a
 * walk needs are fetched up front, in one request. When they cannot be fetched (the remote is
 * gone, offline, asks for credentials), the scan stops here with the reason: it could not read
 * the history whole, so it must not report it clean.
 */
export async function fetchMissingBlobs(repo: Repository, revisions: string[]): Promise<void> {
  const remote = await repo.promisorRemote();
  if (!remote) return;
  const missing = await missingObjects(repo, revisions);
  if (missing.length === 0) return;
  // What git runs itself for a lazy fetch, for all of them at once; never a credential prompt.
  const fetch = new GitStream(
    ['fetch', '--quiet', remote, '--no-tags', '--no-write-fetch-head', '--recurse-submodules=no', '--filter=blob:none', '--stdin'],
    repo.cwd,
    { config: { 'fetch.negotiationAlgorithm': 'noop' }, env: { GIT_TERMINAL_PROMPT: '0' } },
  );
  fetch.stdin.end(`${missing.join('\n')}\n`);
  fetch.stdout.resume();
  try {
    await fetch.done();
  } catch (err) {
    const why = (err as Error).message.replace(/^git fetch failed \(exit \d+\): (fatal: )?/, '').replace(/; the scan is incomplete$/, '');
    const versions = missing.length === 1 ? '1 file version the history needs is' : `${missing.length} file versions the history needs are`;
    throw new LeakguardError(
      `this is a partial clone and ${versions} not in it; ${remote} could not provide ${missing.length === 1 ? 'it' : 'them'} (${why}): run the scan where ${remote} can be reached, or in a full clone`,
    );
  }
}

/** Objects the walk reaches that this clone does not have (`git rev-list --missing=print`). */
async function missingObjects(repo: Repository, revisions: string[]): Promise<string[]> {
  const git = new GitStream(['rev-list', '--objects', '--missing=print', ...revisions, '--'], repo.cwd, { env: { GIT_NO_LAZY_FETCH: '1' } });
  const missing: string[] = [];
  const lines = new LineSplitter();
  const onLine = (line: Buffer) => {
    if (line[0] === 0x3f /* ? */) missing.push(line.toString('latin1', 1).trim());
  };
  for await (const chunk of git.stdout as AsyncIterable<Buffer>) lines.push(chunk, onLine);
  lines.end(onLine);
  await git.done();
  return missing;
}
