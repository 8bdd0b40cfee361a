import { BlobSizes, readBlobs } from '../git/blob-reader.js';
import type { FilePatch } from '../git/patch-parser.js';
import { formatBytes } from '../format-bytes.js';
import type { Fragment, Skipped } from '../types.js';
import { decode } from './decode.js';

/**
 * git holds several times a blob's size in memory to diff it (about 4× for a new file, up to 8× for a
 * changed one), so history scans tell it (core.bigFileThreshold) to show larger blobs as binary:
 * memory stays bounded whatever the size limit.
 */
const DIFF_LIMIT = 32 * 1024 * 1024;

export function diffThreshold(maxFileSize: number): number {
  return Math.max(1, Math.min(maxFileSize, DIFF_LIMIT));
}

interface Where {
  kind: Fragment['kind'];
  path: string;
  /** `path (commit abc)`, for the skipped list. */
  at: string;
  commit: { sha: string; author: string; date: string };
}

/**
 * Files a history patch shows as "Binary files … differ". git says so for three reasons, told
 * apart by the blobs' sizes: the content is binary (skipped, as always); the new side is too large
 * to diff (skipped, with its size); or only an old side is too large to diff — then the new side,
 * small, is read and scanned whole, so a huge file replaced by a small one holding a secret is not
 * missed (every line counts; a secret the history already showed is still reported only once).
 */
export class Undiffed {
  private sizes: BlobSizes | null = null;

  constructor(
    private readonly cwd: string,
    private readonly maxFileSize: number,
    private readonly onSkip: (skipped: Skipped) => void,
  ) {}

  async fragment(file: FilePatch, where: Where): Promise<Fragment | null> {
    const threshold = diffThreshold(this.maxFileSize);
    const skip = (reason: string) => {
      this.onSkip({ path: where.at, reason });
      return null;
    };
    if (file.blob === null) return skip('binary');
    this.sizes ??= new BlobSizes(this.cwd);
    const size = await this.sizes.size(file.blob);
    if (size === null) return skip('its content is not in this clone: not scanned');
    if (size > this.maxFileSize) return skip(`larger than the size limit (${formatBytes(size)} > ${formatBytes(this.maxFileSize)}): not scanned`);
    if (size > threshold) return skip(`too large to diff in a history scan (${formatBytes(size)} > ${formatBytes(threshold)}): not scanned; scan the file itself`);
    const oldSizes = await Promise.all(file.oldBlobs.map((sha) => this.sizes!.size(sha)));
    if (!oldSizes.some((s) => s !== null && s > threshold)) return skip('binary');
    let content: Buffer | null = null;
    for await (const blob of readBlobs([file.blob], this.cwd, threshold)) content = blob.content;
    if (content === null) return skip('its content is not in this clone: not scanned');
    const decoded = decode(content);
    if (decoded.binary) return skip('binary');
    const { sha, author, date } = where.commit;
    return { kind: where.kind, path: where.path, content: decoded.content, commit: sha, author, date };
  }

  close(): void {
    this.sizes?.close();
  }
}
