/** An expected failure: printed as one line, exit code 2. */
export class LeakguardError extends Error {
  override name = 'LeakguardError';
}
