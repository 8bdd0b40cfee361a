import { readFileSync } from 'node:fs';
import { LeakguardError } from '../errors.js';
import type { Fragment } from '../types.js';

// git cuts the message at this line (after the comment character), as `git commit -v` writes it
const SCISSORS = ' ------------------------ >8 ------------------------';
const AUTO_COMMENT_CHARS = '#;@!$%^&|:';

/**
 * A commit message file as git will record it: comment lines are blanked (so line numbers
 * stay those of the file) and everything below the scissors line is dropped.
 * `commentChar` null means core.commentChar=auto.
 */
export function messageFragment(file: string, commentChar: string | null): Fragment {
  let text: Buffer;
  try {
    text = readFileSync(file);
  } catch (err) {
    throw new LeakguardError(`cannot read the commit message ${file}: ${(err as Error).message.replace(/^[A-Z]+: /, '')}`);
  }
  return { kind: 'message', path: file, content: Buffer.from(cleanMessage(text.toString('utf8'), commentChar)) };
}

export function cleanMessage(message: string, commentChar: string | null): string {
  const isComment = (line: string) =>
    line.length > 0 && (commentChar === null ? AUTO_COMMENT_CHARS.includes(line[0]) : line.startsWith(commentChar));
  const kept: string[] = [];
  for (const line of message.split('\n')) {
    if (isComment(line) && line.slice(commentChar?.length ?? 1).replace(/\r$/, '') === SCISSORS) break;
    kept.push(isComment(line) ? '' : line);
  }
  return kept.join('\n');
}
