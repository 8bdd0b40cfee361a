import { bytesIn, runStart } from './byte-runs.js';

/**
 * Whether a text holds a run of a rule's secret characters long enough to be its secret
 * (`[0-9a-f]{32}`: 32 hex digits in a row). A rule whose keywords occur but whose secret cannot
 * is not compiled nor run: most keyword hits in code are names, not assignments of secrets.
 * Answers are kept per text, as rules share their character sets.
 */
export class SecretRuns {
  private readonly answers = new Map<Uint8Array, Map<string, boolean>>();

  /** Whether `text` holds `min` bytes in a row from `chars` (a regex class's body, ASCII). */
  holds(text: Uint8Array, chars: string, min: number): boolean {
    const key = `${min}:${chars}`;
    let known = this.answers.get(text);
    if (!known) this.answers.set(text, (known = new Map()));
    let answer = known.get(key);
    if (answer === undefined) {
      answer = runStart(text, tableOf(chars), min) !== -1;
      known.set(key, answer);
    }
    return answer;
  }
}

/** Each class's bytes, marked: the catalog has a few dozen classes, shared by its rules. */
const tables = new Map<string, Uint8Array>();

function tableOf(chars: string): Uint8Array {
  let table = tables.get(chars);
  if (!table) {
    table = bytesIn(new RegExp(`[${chars}]`));
    tables.set(chars, table);
  }
  return table;
}
