/**
 * A Git LFS pointer file (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md): what git
 * stores in place of a large file. Only the exact grammar counts — a version line, sorted
 * `key value` lines, an oid (a SHA-256 digest) and a size, under 1 KB — so nothing else can hide
 * in a file passed over as a pointer.
 */
const POINTER = /^version https:\/\/(?:git-lfs\.github\.com\/spec\/v1|hawser\.github\.com\/spec\/v1)\n(?:ext-\d-[a-z0-9]+ sha256:[0-9a-f]{64}\n)*oid sha256:[0-9a-f]{64}\nsize \d+\n?$/;

export const LFS_POINTER = 'Git LFS pointer: the object itself is not scanned';

export function isLfsPointer(content: Buffer): boolean {
  return content.length < 1024 && content[0] === 0x76 /* v */ && POINTER.test(content.toString('latin1'));
}
