import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { LeakguardError } from './errors.js';
import { printablePath } from './printable.js';

/**
 * Writes a report to a file (through a temporary file and a rename, so that a failure leaves
 * nothing half-written) or to stdout. `what` names the file in an error: the option that gave it.
 */
export function writeOutput(text: string, file: string | undefined, what = '--output'): void {
  if (!file) {
    process.stdout.write(text);
    return;
  }
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch (err) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // the temporary file was never made (its folder is not one)
    }
    throw new LeakguardError(`cannot write ${what} ${printablePath(file)}: ${problem(err as NodeJS.ErrnoException)}`);
  }
}

/** Why a write failed, about the path the person named (not the temporary file beside it). */
function problem(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOENT':
      return 'its folder does not exist';
    case 'ENOTDIR':
      return 'part of the path is not a folder';
    case 'EISDIR':
    case 'ENOTEMPTY':
      return 'it is a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return err.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*$/s, '');
  }
}

/**
 * A reader that went away (`| head -1`) is not an error: the rest of the report is dropped
 * quietly, and the scan still ends with its own exit code (findings are never turned into 0).
 */
export function endQuietlyOnClosedPipe(): void {
  let closed = false;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (closed || err.code === 'EPIPE') {
      closed = true;
      return;
    }
    throw err;
  });
}
