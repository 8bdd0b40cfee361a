/**
 * An Aho-Corasick automaton over bytes for keywords of printable ASCII, ASCII case ignored: one
 * table lookup per byte finds every occurrence of every keyword, with its place. (An RE2.Set says
 * only which keywords occur, at about the same speed, and the rules then have to look for them again.)
 */
export class KeywordAutomaton {
  /** byte → column: bytes that are in no keyword share column 0; a letter's cases share one */
  private readonly columns = new Uint8Array(256);
  /** state << shift | column → next state: rows a power of two wide, so the step is a shift */
  private readonly next: Uint16Array | Uint32Array;
  private readonly shift: number;
  /** states from this one on end at least one keyword */
  private readonly firstOutput: number;
  private readonly outputs: number[][];
  private readonly lengths: number[];

  constructor(keywords: readonly string[]) {
    this.lengths = keywords.map((k) => k.length);
    let width = 1;
    for (const keyword of keywords) {
      for (let i = 0; i < keyword.length; i++) {
        const b = keyword.charCodeAt(i);
        if (this.columns[b] === 0) this.columns[b] = width++;
      }
    }
    for (let b = 0x41; b <= 0x5a; b++) this.columns[b] = this.columns[b + 0x20];

    // the trie, then its failure links breadth first, which completes every state's row
    const capacity = 1 + this.lengths.reduce((a, b) => a + b, 0);
    const go = new Int32Array(capacity * width).fill(-1);
    const ends: (number[] | undefined)[] = [];
    let states = 1;
    keywords.forEach((keyword, k) => {
      let s = 0;
      for (let i = 0; i < keyword.length; i++) {
        const at = s * width + this.columns[keyword.charCodeAt(i)];
        if (go[at] === -1) go[at] = states++;
        s = go[at];
      }
      (ends[s] ??= []).push(k);
    });
    const fail = new Int32Array(states);
    const queue: number[] = [];
    for (let c = 0; c < width; c++) {
      if (go[c] === -1) go[c] = 0;
      else queue.push(go[c]);
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q];
      const inherited = ends[fail[s]];
      if (inherited) ends[s] = [...(ends[s] ?? []), ...inherited];
      for (let c = 0; c < width; c++) {
        const to = go[s * width + c];
        const viaFail = go[fail[s] * width + c];
        if (to === -1) go[s * width + c] = viaFail;
        else {
          fail[to] = viaFail;
          queue.push(to);
        }
      }
    }

    // states renumbered so that those ending a keyword come last: one comparison tells them
    const order = new Int32Array(states);
    let n = 0;
    for (let s = 0; s < states; s++) if (!ends[s]) order[s] = n++;
    this.firstOutput = n;
    this.outputs = [];
    for (let s = 0; s < states; s++) {
      if (ends[s]) {
        this.outputs.push(ends[s]!);
        order[s] = n++;
      }
    }
    // small rows of small numbers: the table is read once per byte, and the less cache it takes the better
    this.shift = Math.ceil(Math.log2(width));
    this.next = states <= 0x10000 ? new Uint16Array(states << this.shift) : new Uint32Array(states << this.shift);
    for (let s = 0; s < states; s++) {
      const row = order[s] << this.shift;
      for (let c = 0; c < width; c++) this.next[row | c] = order[go[s * width + c]];
    }
  }

  /** Where each keyword occurs in `content`: keyword index → its start offsets, ascending. */
  find(content: Uint8Array): Map<number, number[]> {
    const { columns, next, shift, firstOutput } = this;
    // a plain Uint8Array view: V8 reads a Buffer's bytes more slowly in this loop
    const bytes = new Uint8Array(content.buffer, content.byteOffset, content.length);
    const ends: number[] = []; // end offset, state: pairs
    let s = 0;
    for (let i = 0; i < bytes.length; i++) {
      s = next[(s << shift) | columns[bytes[i]]];
      if (s >= firstOutput) ends.push(i, s);
    }
    const found = new Map<number, number[]>();
    for (let j = 0; j < ends.length; j += 2) {
      for (const k of this.outputs[ends[j + 1] - firstOutput]) {
        const start = ends[j] + 1 - this.lengths[k];
        const starts = found.get(k);
        if (starts) starts.push(start);
        else found.set(k, [start]);
      }
    }
    return found;
  }
}
