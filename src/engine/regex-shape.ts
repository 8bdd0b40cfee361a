// What a rule's regex can match, read from its syntax (RE2's): how many line breaks one match may
// hold, whether every match holds one of the rule's keywords (what the keyword prefilter relies
// on), and what run of characters its secret must be. Conservative: syntax it does not know gives
// null, and callers then assume the worst.

/** One character from a set. */
interface CharSet {
  /** `\n` is in it. */
  newline: boolean;
  /** Its characters, lowercased, when they are few and ASCII (the texts a literal can be); else null. */
  chars: string | null;
  /** Exactly its characters when all are ASCII (with (?i), both cases); else null. */
  members: string | null;
}

type Node =
  | { type: 'char'; set: CharSet }
  | { type: 'empty' }
  | { type: 'concat'; items: Node[] }
  | { type: 'alt'; branches: Node[] }
  | { type: 'repeat'; node: Node; min: number; max: number };

/** (?s) lets `.` match a line break; (?i) widens a class's members (keyword texts ignore case anyway). */
interface Flags {
  s: boolean;
  i: boolean;
}

class Unknown extends Error {}

/** Sets of at most this many characters are kept as characters (for the texts a literal can be). */
const SMALL_SET = 8;
/** Texts a part of a regex can be, at most, before it counts as free text. */
const MAX_TEXTS = 64;

const ANY: CharSet = { newline: true, chars: null, members: null };
const NO_BREAK: CharSet = { newline: false, chars: null, members: null };
const DIGITS = '0123456789';
const WORD_CHARS = `${DIGITS}ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_`;

/** The escapes that stand for a class: `\d`, `\w`, `\s` (ASCII in RE2) and their complements. */
const CLASS_ESCAPES: Record<string, CharSet> = {
  d: { newline: false, chars: null, members: DIGITS },
  w: { newline: false, chars: null, members: WORD_CHARS },
  s: { newline: true, chars: ' \t\n\f\r', members: ' \t\n\f\r' },
  D: ANY,
  W: ANY,
  S: NO_BREAK,
};
const CHAR_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', a: '\x07' };

/**
 * One character, as text when ASCII (lowercased: keywords are found ignoring ASCII case only).
 * With (?i), RE2 folds `k` and `s` with non-ASCII letters too (K, ſ): members are then unknown.
 */
function literal(c: string, flags: Flags): CharSet {
  const ascii = c.charCodeAt(0) < 0x80;
  const lower = c.toLowerCase();
  let members: string | null = ascii ? c : null;
  if (ascii && flags.i && lower !== c.toUpperCase()) members = lower === 'k' || lower === 's' ? null : lower + c.toUpperCase();
  return { newline: c === '\n', chars: ascii ? lower : null, members };
}

function union(sets: CharSet[]): CharSet {
  let chars: string | null = '';
  let members: string | null = '';
  for (const s of sets) {
    chars = chars === null || s.chars === null ? null : chars + s.chars;
    members = members === null || s.members === null ? null : members + s.members;
  }
  if (chars !== null) chars = [...new Set(chars)].join('');
  return { newline: sets.some((s) => s.newline), chars: chars !== null && chars.length <= SMALL_SET ? chars : null, members };
}

const FLAG_SET = /\(\?([imsU]*)(?:-([imsU]*))?\)/y;
const QUANTIFIER = /(?:([*+?])|\{(\d+)(?:(,)(\d*))?\})\??/y;
const GROUP_OPEN = /\((?:\?(?:([imsU]*)(?:-([imsU]*))?:|P?<\w+>))?/y;
const UNICODE_CLASS = /[pP](?:\{\^?\w+\}|\w)/y;
const HEX = /(?:([0-9a-fA-F]{2})|\{([0-9a-fA-F]{1,6})\})/y;
const OCTAL = /[0-7]{0,2}/y;

/** A parser of RE2 syntax, for the shape of what it matches (not for matching). */
class Parser {
  private at = 0;
  /** The capture groups, in the order they open (RE2's numbering, from 1). */
  readonly groups: (Node | null)[] = [];

  constructor(private readonly src: string) {}

  /** The sticky regex matched where the parser is, and the parser moved past it; or null. */
  private take(re: RegExp): RegExpExecArray | null {
    re.lastIndex = this.at;
    const m = re.exec(this.src);
    if (m) this.at += m[0].length;
    return m;
  }

  parse(): Node {
    const node = this.alternation({ s: false, i: false });
    if (this.at < this.src.length) throw new Unknown();
    return node;
  }

  /** Branches up to `)`; `(?s)` in one holds for the rest of the group, later branches too. */
  private alternation(outer: Flags): Node {
    const flags = { ...outer };
    const branches = [this.concatenation(flags)];
    while (this.src[this.at] === '|') {
      this.at++;
      branches.push(this.concatenation(flags));
    }
    return branches.length === 1 ? branches[0] : { type: 'alt', branches };
  }

  /** Items up to `|` or `)`. */
  private concatenation(flags: Flags): Node {
    const items: Node[] = [];
    while (this.at < this.src.length && this.src[this.at] !== '|' && this.src[this.at] !== ')') {
      const set = this.take(FLAG_SET);
      if (set) {
        applyFlags(flags, set[1], set[2] ?? '');
        continue;
      }
      items.push(this.quantified(this.atom(flags)));
    }
    return items.length === 1 ? items[0] : { type: 'concat', items };
  }

  private quantified(node: Node): Node {
    for (;;) {
      const q = this.take(QUANTIFIER);
      if (!q) return node;
      if (q[1]) node = { type: 'repeat', node, min: q[1] === '+' ? 1 : 0, max: q[1] === '?' ? 1 : Infinity };
      else node = { type: 'repeat', node, min: Number(q[2]), max: q[3] ? (q[4] ? Number(q[4]) : Infinity) : Number(q[2]) };
    }
  }

  private atom(flags: Flags): Node {
    const c = this.src[this.at];
    if (c === '(') return this.group(flags);
    if (c === '[') return { type: 'char', set: this.charClass(flags) };
    this.at++;
    if (c === '.') return { type: 'char', set: flags.s ? ANY : NO_BREAK };
    if (c === '^' || c === '$') return { type: 'empty' };
    if (c === '\\') {
      const e = this.src[this.at];
      if ('bBAz'.includes(e)) {
        this.at++;
        return { type: 'empty' };
      }
      return { type: 'char', set: this.escape(flags) };
    }
    if (c === '*' || c === '+' || c === '?') throw new Unknown();
    return { type: 'char', set: literal(c, flags) };
  }

  private group(outer: Flags): Node {
    const open = this.take(GROUP_OPEN)!;
    if (open[0] === '(' && this.src[this.at] === '?') throw new Unknown(); // look-around, comments: not RE2
    const capture = open[0] === '(' || open[0].includes('<') ? this.groups.push(null) - 1 : -1;
    const flags = { ...outer };
    applyFlags(flags, open[1] ?? '', open[2] ?? '');
    const node = this.alternation(flags);
    if (this.src[this.at] !== ')') throw new Unknown();
    this.at++;
    if (capture >= 0) this.groups[capture] = node;
    return node;
  }

  /** After a `\`: a class (`\d`, `\pL`…) or one character. */
  private escape(flags: Flags): CharSet {
    const e = this.src[this.at];
    if (CLASS_ESCAPES[e]) {
      this.at++;
      return CLASS_ESCAPES[e];
    }
    if (e === 'p' || e === 'P') {
      if (!this.take(UNICODE_CLASS)) throw new Unknown();
      return ANY; // a Unicode class: taken to hold anything, line breaks too
    }
    return literal(this.escapedChar(), flags);
  }

  /** After a `\`: the one character it stands for. */
  private escapedChar(): string {
    const e = this.src[this.at++];
    if (e === undefined) throw new Unknown();
    if (CHAR_ESCAPES[e]) return CHAR_ESCAPES[e];
    if (e === 'x') {
      const hex = this.take(HEX);
      if (!hex) throw new Unknown();
      return String.fromCodePoint(parseInt(hex[1] ?? hex[2], 16));
    }
    if (/[0-7]/.test(e)) {
      const octal = this.take(OCTAL)![0];
      return String.fromCharCode(parseInt(e + octal, 8));
    }
    if (/[A-Za-z0-9]/.test(e)) throw new Unknown(); // \Q…\E, \C and the like
    return e;
  }

  /** `[…]` or `[^…]`. */
  private charClass(flags: Flags): CharSet {
    this.at++;
    const negated = this.src[this.at] === '^';
    if (negated) this.at++;
    const parts: CharSet[] = [];
    let first = true;
    while (this.src[this.at] !== ']' || first) {
      if (this.at >= this.src.length) throw new Unknown();
      first = false;
      if (this.src.startsWith('[:', this.at)) throw new Unknown(); // POSIX classes: not needed yet
      const from = this.classChar(flags);
      if (this.src[this.at] === '-' && this.src[this.at + 1] !== ']' && typeof from === 'string') {
        this.at++;
        const to = this.classChar(flags);
        if (typeof to !== 'string') throw new Unknown();
        parts.push(range(from, to, flags));
      } else {
        parts.push(typeof from === 'string' ? literal(from, flags) : from);
      }
    }
    this.at++;
    const set = union(parts);
    return negated ? { newline: !set.newline, chars: null, members: null } : set;
  }

  /** One character of a class, or a class escape in it. */
  private classChar(flags: Flags): string | CharSet {
    const c = this.src[this.at++];
    if (c !== '\\') return c;
    const e = this.src[this.at];
    return CLASS_ESCAPES[e] || e === 'p' || e === 'P' ? this.escape(flags) : this.escapedChar();
  }
}

function range(from: string, to: string, flags: Flags): CharSet {
  const a = from.codePointAt(0)!;
  const b = to.codePointAt(0)!;
  if (b < a) throw new Unknown();
  if (b >= 0x80) return { newline: a <= 10 && 10 <= b, chars: null, members: null };
  const parts: CharSet[] = [];
  for (let c = a; c <= b; c++) parts.push(literal(String.fromCharCode(c), flags));
  const set = union(parts);
  return { newline: a <= 10 && 10 <= b, chars: b - a < SMALL_SET ? set.chars : null, members: set.members };
}

function applyFlags(flags: Flags, on: string, off: string): void {
  if (on.includes('s')) flags.s = true;
  if (on.includes('i')) flags.i = true;
  if (off.includes('s')) flags.s = false;
  if (off.includes('i')) flags.i = false;
}

/** The regex's tree, and its capture groups' (group n at n - 1); null for syntax not understood. */
type Tree = { root: Node; groups: (Node | null)[] };
/** Trees already read: each rule's regex is asked about its breaks, its keywords and its run. */
const trees = new Map<string, Tree | null>();

/** The regex read once, however many questions are asked of it. */
function parse(regex: string): Tree | null {
  let tree = trees.get(regex);
  if (tree === undefined) {
    try {
      const parser = new Parser(regex);
      tree = { root: parser.parse(), groups: parser.groups };
    } catch (err) {
      if (!(err instanceof Unknown)) throw err;
      tree = null;
    }
    trees.set(regex, tree);
  }
  return tree;
}

/** The most line breaks one match can hold (Infinity when unbounded), or null for syntax not understood. */
export function maxLineBreaks(regex: string): number | null {
  const tree = parse(regex);
  return tree && breaks(tree.root);
}

function breaks(node: Node): number {
  switch (node.type) {
    case 'char':
      return node.set.newline ? 1 : 0;
    case 'empty':
      return 0;
    case 'concat':
      return node.items.reduce((sum, item) => sum + breaks(item), 0);
    case 'alt':
      return Math.max(...node.branches.map(breaks));
    case 'repeat': {
      const inner = breaks(node.node);
      return inner === 0 || node.max === 0 ? 0 : inner * node.max;
    }
  }
}

/**
 * Whether every match holds one of `keywords` (compared ignoring ASCII case, as the prefilter
 * does), so that a text with none of them cannot match. False when unsure.
 */
export function keywordsCover(regex: string, keywords: readonly string[]): boolean {
  const tree = parse(regex);
  const lower = keywords.map((k) => k.toLowerCase());
  return tree !== null && lower.length > 0 && covered(tree.root, lower);
}

function covered(node: Node, keywords: string[]): boolean {
  const holds = (text: string) => keywords.some((k) => text.includes(k));
  const all = texts(node);
  if (all) return all.every(holds);
  switch (node.type) {
    case 'alt':
      return node.branches.every((b) => covered(b, keywords));
    case 'repeat':
      return node.min > 0 && covered(node.node, keywords);
    case 'concat': {
      // a keyword may lie within one item, or across a run of items that are each a few texts:
      // the run's texts without a keyword yet are kept as their ends, where one may still begin
      const tail = Math.max(...keywords.map((k) => k.length)) - 1;
      const items = node.items;
      for (let i = 0; i < items.length; i++) {
        if (covered(items[i], keywords)) return true;
        let pending = new Set(['']);
        for (let j = i; j < items.length; j++) {
          const next = texts(items[j]);
          if (!next) break;
          const grown = new Set<string>();
          for (const a of pending) {
            for (const b of next) if (!holds(a + b)) grown.add((a + b).slice(Math.max(0, a.length + b.length - tail)));
          }
          if (grown.size === 0) return true;
          if (grown.size > MAX_TEXTS) break;
          pending = grown;
        }
      }
      return false;
    }
    default:
      return false;
  }
}

const knownTexts = new WeakMap<Node, string[] | null>();

/** Every text the node can match (lowercased), when there are few; else null. */
function texts(node: Node): string[] | null {
  let known = knownTexts.get(node);
  if (known === undefined) {
    known = textsOf(node);
    knownTexts.set(node, known);
  }
  return known;
}

function textsOf(node: Node): string[] | null {
  switch (node.type) {
    case 'char':
      return node.set.chars === null ? null : [...node.set.chars];
    case 'empty':
      return [''];
    case 'concat': {
      let out: string[] | null = [''];
      for (const item of node.items) {
        const next = texts(item);
        if (!next || out.length * next.length > MAX_TEXTS) return null;
        out = out.flatMap((a) => next.map((b) => a + b));
      }
      return out;
    }
    case 'alt': {
      const out: string[] = [];
      for (const branch of node.branches) {
        const next = texts(branch);
        if (!next || out.length + next.length > MAX_TEXTS) return null;
        out.push(...next);
      }
      return out;
    }
    case 'repeat': {
      if (node.max === Infinity) return null;
      const one = texts(node.node);
      if (!one) return null;
      const out: string[] = [];
      let power = [''];
      for (let n = 0; n <= node.max; n++) {
        if (n >= node.min) out.push(...power);
        if (out.length > MAX_TEXTS) return null;
        if (n < node.max) {
          if (power.length * one.length > MAX_TEXTS) return null;
          power = power.flatMap((a) => one.map((b) => a + b));
        }
      }
      return out;
    }
  }
}

/** A secret shorter than this is not worth looking for by its run. */
const MIN_RUN = 8;

/**
 * A run every secret the rule reports must hold: at least `min` characters in a row from the
 * class `chars` (ASCII; written as a regex class's body, `0-9a-f`), read from a repetition of one
 * class that the secret's group cannot skip (`([0-9a-f]{32})`, `(sk-[A-Za-z0-9]{48})`). Null
 * when the group has no such part.
 */
export function secretRun(regex: string, group: number): { chars: string; min: number } | null {
  const tree = parse(regex);
  const node = tree && (group === 0 ? tree.root : tree.groups[group - 1]);
  if (!node) return null;
  let best: { members: string; min: number } | null = null;
  for (const item of node.type === 'concat' ? node.items : [node]) {
    if (item.type !== 'repeat' || item.node.type !== 'char' || item.min < MIN_RUN) continue;
    const members = item.node.set.members;
    if (members !== null && (best === null || item.min > best.min)) best = { members, min: item.min };
  }
  return best && { chars: classBody(best.members), min: best.min };
}

/** ASCII characters as the body of a regex class, with ranges: `0-9A-Fa-f`. */
function classBody(members: string): string {
  const codes = [...new Set(members)].map((c) => c.charCodeAt(0)).sort((a, b) => a - b);
  const write = (code: number) => {
    const c = String.fromCharCode(code);
    if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
    return /[\\\]\[^-]/.test(c) ? `\\${c}` : c;
  };
  let body = '';
  for (let i = 0; i < codes.length; ) {
    let j = i;
    while (j + 1 < codes.length && codes[j + 1] === codes[j] + 1) j++;
    body += j - i >= 2 ? `${write(codes[i])}-${write(codes[j])}` : codes.slice(i, j + 1).map(write).join('');
    i = j + 1;
  }
  return body;
}
