import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { LeakguardError } from './errors.js';

/**
 * Writes a report to a file (through a temporary file and a rename, so that a failure leaves
 * nothing half-written) or to stdout.
 */
export function writeOutput(text: string, file: string | undefined): void {
  if (!file) {
    process.stdout.write(text);
    return;
  }
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw new LeakguardError(`cannot write --output ${file}: ${(err as Error).message.replace(/^[A-Z]+: /, '')}`);
  }
}

/** A reader that went away (`| head -1`) is not an error: end quietly. */
export function endQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
