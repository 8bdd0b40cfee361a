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
      answer = hasRun(text, tableOf(chars), min);
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
    table = new Uint8Array(256);
    const member = new RegExp(`[${chars}]`);
    for (let b = 0; b < 0x80; b++) table[b] = member.test(String.fromCharCode(b)) ? 1 : 0;
    tables.set(chars, table);
  }
  return table;
}

/**
 * Whether `bytes` holds `min` bytes in a row that `member` marks. A run that would end at
 * `end` starts at `end - min + 1`: when the byte at `end` is no member, no run reaches past it
 * from before, and the search jumps a whole run ahead, so most bytes are never read.
 */
export function hasRun(bytes: Uint8Array, member: Uint8Array, min: number): boolean {
  if (min <= 0) return true;
  let start = 0; // the earliest byte a run may start at: all bytes before it are ruled out
  for (let end = min - 1; end < bytes.length; end = start + min - 1) {
    if (!member[bytes[end]]) {
      start = end + 1;
      continue;
    }
    let j = end - 1;
    while (j >= start && member[bytes[j]]) j--;
    if (j < start) return true;
    start = j + 1;
  }
  return false;
}
