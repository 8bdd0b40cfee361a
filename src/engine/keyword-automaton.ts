/** What a built automaton is made of: all a saved one needs to be read back. */
interface Tables {
  /** byte → column: bytes that are in no keyword share column 0; a letter's cases share one */
  columns: Uint8Array;
  /** state << shift | column → next state: rows a power of two wide, so the step is a shift */
  next: Uint16Array | Uint32Array;
  shift: number;
  /** states from this one on end at least one keyword */
  firstOutput: number;
  /** for each output state, the keywords that end there */
  outputs: number[][];
}

/**
 * An Aho-Corasick automaton over bytes for keywords of printable ASCII, ASCII case ignored: one
 * table lookup per byte finds every occurrence of every keyword, with its place. (An RE2.Set says
 * only which keywords occur; rules that read only their keyword lines then had to look again.)
 */
export class KeywordAutomaton {
  private readonly columns: Uint8Array;
  private readonly next: Uint16Array | Uint32Array;
  private readonly shift: number;
  private readonly firstOutput: number;
  private readonly outputs: number[][];
  private readonly lengths: number[];
  private readonly longest: number;
  private readonly readEnds: ReturnType<typeof endsReader>;

  private constructor(
    private readonly keywords: readonly string[],
    tables: Tables,
  ) {
    this.columns = tables.columns;
    this.next = tables.next;
    this.shift = tables.shift;
    this.firstOutput = tables.firstOutput;
    this.outputs = tables.outputs;
    this.lengths = keywords.map((k) => k.length);
    this.longest = this.lengths.reduce((a, b) => Math.max(a, b), 1);
    this.readEnds = endsReader(tables, this.longest);
  }

  /** Builds the automaton: about 30 ms for the catalog's 1,500 keywords, at start-up (the build saves it: see `save`). */
  static build(keywords: readonly string[]): KeywordAutomaton {
    const columns = new Uint8Array(256);
    let width = 1;
    for (const keyword of keywords) {
      for (let i = 0; i < keyword.length; i++) {
        const b = keyword.charCodeAt(i);
        if (columns[b] === 0) columns[b] = width++;
      }
    }
    for (let b = 0x41; b <= 0x5a; b++) columns[b] = columns[b + 0x20];

    // the trie, then each state's row breadth first: its failure state's row (whose state is
    // shallower, so done already), copied, with its own trie edges written over it
    const edges: number[][] = [[]]; // state → column, child: pairs
    const ends: (number[] | undefined)[] = [];
    keywords.forEach((keyword, k) => {
      let s = 0;
      for (let i = 0; i < keyword.length; i++) {
        const c = columns[keyword.charCodeAt(i)];
        const own = edges[s];
        let child = -1;
        for (let e = 0; e < own.length; e += 2) if (own[e] === c) child = own[e + 1];
        if (child === -1) {
          child = edges.length;
          edges.push([]);
          own.push(c, child);
        }
        s = child;
      }
      (ends[s] ??= []).push(k);
    });
    const states = edges.length;
    const go = new Int32Array(states * width); // the root's row: 0 where it has no edge
    const fail = new Int32Array(states);
    const queue: number[] = [];
    for (let e = 0; e < edges[0].length; e += 2) {
      go[edges[0][e]] = edges[0][e + 1];
      queue.push(edges[0][e + 1]);
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q];
      const inherited = ends[fail[s]];
      if (inherited) ends[s] = [...(ends[s] ?? []), ...inherited];
      go.copyWithin(s * width, fail[s] * width, fail[s] * width + width);
      const own = edges[s];
      for (let e = 0; e < own.length; e += 2) {
        const child = own[e + 1];
        fail[child] = go[fail[s] * width + own[e]];
        go[s * width + own[e]] = child;
        queue.push(child);
      }
    }

    // states renumbered so that those ending a keyword come last: one comparison tells them
    const order = new Int32Array(states);
    let n = 0;
    for (let s = 0; s < states; s++) if (!ends[s]) order[s] = n++;
    const firstOutput = n;
    const outputs: number[][] = [];
    for (let s = 0; s < states; s++) {
      if (ends[s]) {
        outputs.push(ends[s]!);
        order[s] = n++;
      }
    }
    // small rows of small numbers: the table is read once per byte, and the less cache it takes the better
    const shift = Math.ceil(Math.log2(width));
    const next = states <= 0x10000 ? new Uint16Array(states << shift) : new Uint32Array(states << shift);
    for (let s = 0; s < states; s++) {
      const row = order[s] << shift;
      for (let c = 0; c < width; c++) next[row | c] = order[go[s * width + c]];
    }
    return new KeywordAutomaton(keywords, { columns, next, shift, firstOutput, outputs });
  }

  /** The automaton as bytes, for `load`: a header (JSON) and the table. */
  save(): Buffer {
    const header = Buffer.from(
      JSON.stringify({ keywords: this.keywords, columns: [...this.columns], shift: this.shift, firstOutput: this.firstOutput, outputs: this.outputs, wide: this.next instanceof Uint32Array }),
    );
    const length = Buffer.alloc(4);
    length.writeUInt32LE(header.length);
    const padding = Buffer.alloc((4 - ((4 + header.length) % 4)) % 4); // the table starts aligned
    return Buffer.concat([length, header, padding, Buffer.from(this.next.buffer, this.next.byteOffset, this.next.byteLength)]);
  }

  /** A saved automaton read back, when it was built for exactly these keywords; else null. */
  static load(saved: Buffer, keywords: readonly string[]): KeywordAutomaton | null {
    const length = saved.readUInt32LE(0);
    const header = JSON.parse(saved.toString('utf8', 4, 4 + length)) as Omit<Tables, 'columns' | 'next'> & { keywords: string[]; columns: number[]; wide: boolean };
    if (header.keywords.length !== keywords.length || header.keywords.some((k, i) => k !== keywords[i])) return null;
    const start = 4 + length + ((4 - ((4 + length) % 4)) % 4);
    const bytes = new Uint8Array(saved.subarray(start)); // a copy, aligned whatever the buffer's offset
    const next = header.wide ? new Uint32Array(bytes.buffer, 0, bytes.length >> 2) : new Uint16Array(bytes.buffer, 0, bytes.length >> 1);
    // a table of any other size is not one this build wrote (cut short, say): build it anew
    if (header.columns.length !== 256 || next.length !== (header.firstOutput + header.outputs.length) << header.shift) return null;
    return new KeywordAutomaton(keywords, { ...header, columns: Uint8Array.from(header.columns), next });
  }

  /** Where each keyword occurs in `content`: keyword index → its start offsets, ascending. */
  find(content: Uint8Array): Map<number, number[]> {
    const found = new Map<number, number[]>();
    const ends: number[] = []; // of keywords that end before the middle
    const laterEnds: number[] = []; // of those that end in the middle or after
    this.readEnds(content, ends, laterEnds);
    // with an odd length, the first half's reading took one byte of the second's, and what ends
    // there is in laterEnds too
    if (ends.length > 0 && ends[ends.length - 2] >= content.length >> 1) ends.length -= 2;
    for (const pairs of [ends, laterEnds]) {
      for (let p = 0; p < pairs.length; p += 2) {
        for (const k of this.outputs[pairs[p + 1] - this.firstOutput]) {
          const start = pairs[p] + 1 - this.lengths[k];
          const starts = found.get(k);
          if (starts) starts.push(start);
          else found.set(k, [start]);
        }
      }
    }
    return found;
  }
}

/**
 * Reads where keywords end (offset, state: pairs) into two lists, the second half's after the
 * first's. Each step waits on the table read of the step before, so the content is read as two
 * halves at once, whose steps do not wait on each other. The second half's reading starts a
 * longest keyword early, so that it sees every keyword that ends in it; with an odd length, the
 * first half's takes one byte of the second's too. Made as a closure over the tables: V8 then
 * treats them as constants, and the two readings together run about 1.3 times as fast as one
 * (as a method, no faster). Nothing follows the loop: V8 compiles it while it runs, and code
 * after it that had not yet run would make V8 throw that away.
 */
function endsReader(tables: Tables, longest: number): (content: Uint8Array, ends: number[], laterEnds: number[]) => void {
  const { columns, next, shift, firstOutput } = tables;
  return (content, ends, laterEnds) => {
    // a plain Uint8Array view: V8 reads a Buffer's bytes more slowly in this loop
    const bytes = new Uint8Array(content.buffer, content.byteOffset, content.length);
    const mid = bytes.length >> 1;
    let s = 0;
    let t = 0;
    for (let j = Math.max(0, mid - longest + 1); j < mid; j++) t = next[(t << shift) | columns[bytes[j]]];
    for (let i = 0, j = mid; j < bytes.length; i++, j++) {
      s = next[(s << shift) | columns[bytes[i]]];
      t = next[(t << shift) | columns[bytes[j]]];
      if (s >= firstOutput) ends.push(i, s);
      if (t >= firstOutput) laterEnds.push(j, t);
    }
  };
}
