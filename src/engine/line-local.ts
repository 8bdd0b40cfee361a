import type { Rule } from '../types.js';
import { keywordsCover, maxLineBreaks } from './regex-shape.js';

// Whether a rule can read just the lines that hold its keywords: each of its matches lies within
// one line and holds a keyword. Decided from the regex's text, conservatively. A match stays on one
// line when nothing in the regex can match a line break, save a one-character boundary before or
// after it; it holds a keyword when the regex opens with one written out (`npm_…`, `(?:ABIA|ACCA)…`)
// and no alternative bypasses it. Catch-alls are checked by hand instead (see below).

/** A leading `\b`, `(?:^|[^…])` or `(?:^-?|[^…]-?)`: at a line start it reads the `\n` or `^`. */
const LEADING_BOUNDARY = /^(?:\\b|\(\?:\^(?:-\?)?\|\[\^(?:\\.|[^\]\\])*\](?:-\?)?\))/;
/** A trailing `\b` or `(?:[^…]|$)`. */
const TRAILING_BOUNDARY = /(?:\\b|\(\?:\[\^(?:\\.|[^\]\\])*\]\|\$\))$/;
/** `\n`, `\s`, `\W`, `\D`, `\P…`, byte escapes, ranges from a control character, control classes, `(?s)`. */
const MAY_MATCH_NEWLINE = /\\[nsWDP]|\\x|\\0|\\[0-7]{3}|\\t-|\\pC|\\p\{C|\(\?[a-zA-Z]*s[a-zA-Z]*[:)]/;
/**
 * The catch-alls' `\s` and `[^…]` only ever stand for a boundary character, and each keyword is a
 * word of their keyword group; what would break that is a line break or `.` that crosses one.
 */
const CATCH_ALL_SPANS_LINES = /\\n|\\x0[aA]|\(\?[a-z]*s[a-z]*[:)]/;

/** Lines around keyword lines a rule may read; a rule whose matches can span more reads whole fragments. */
const MAX_LINES_AROUND = 256;

/**
 * How many lines before and after its keyword lines a rule must read: 0 for a line-local rule,
 * the most line breaks a match can hold for another rule whose every match holds a keyword, and
 * null when it must read whole fragments.
 */
export function linesAround(rule: Rule): number | null {
  if (isLineLocal(rule)) return 0;
  if (rule.generic) return null; // catch-alls are checked by hand, as line-local or not
  const breaks = maxLineBreaks(rule.regex);
  return breaks !== null && breaks <= MAX_LINES_AROUND && keywordsCover(rule.regex, rule.keywords) ? breaks : null;
}

export function isLineLocal(rule: Rule): boolean {
  if (rule.generic) return !CATCH_ALL_SPANS_LINES.test(rule.regex);
  const core = rule.regex.replace(LEADING_BOUNDARY, '').replace(TRAILING_BOUNDARY, '');
  return !MAY_MATCH_NEWLINE.test(withoutNegatedClasses(core)) && negatedClassesExcludeNewline(core) && (opensWithKeyword(core, rule.keywords) || holdsKeyword(core, rule.keywords));
}

/** Every `[^…]` in the regex leaves out `\n` (it names `\n` or `\s`). */
function negatedClassesExcludeNewline(regex: string): boolean {
  for (let i = 0; i < regex.length; i++) {
    if (regex[i] === '\\') i++;
    else if (regex[i] === '[') {
      const end = classEnd(regex, i);
      if (regex[i + 1] === '^' && !/\\[sn]/.test(regex.slice(i + 2, end))) return false;
      i = end;
    }
  }
  return true;
}

const OPEN_GROUP = /^(?:\(\?i\))?((?:\((?:\?:|\?i:)?)*)/;
const LITERAL_CHAR = /^(?:[A-Za-z0-9_:@= -]|\\[.\-/_:@=])/;
/** Literal alternatives, each may open with `\b`: `(?:ABIA|ACCA)`, `(?i:mattermost|\bmm_)`. */
const ALTERNATIVES = /^((?:\\b)?(?:[A-Za-z0-9_:@= -]|\\[.\-/_:@=])+(?:\|(?:\\b)?(?:[A-Za-z0-9_:@= -]|\\[.\-/_:@=])+)+)\)(?![?*{])/;
/** A class of a few letters or digits, which a literal may hold: `nf[pcoub]_`. */
const SMALL_CLASS = /^\[([A-Za-z0-9_]{2,8})\]/;
const MAX_TEXTS = 64;

/**
 * The regex opens with a literal holding a keyword, or with a group of literal alternatives each
 * holding one, and no `|` at the level of (or around) that opening can make a match skip it.
 */
function opensWithKeyword(core: string, keywords: readonly string[]): boolean {
  const open = OPEN_GROUP.exec(core)!;
  const opened = (open[1].match(/\(/g) ?? []).length;
  let rest = core.slice(open[0].length);
  const hasKeyword = (literal: string) => keywords.some((k) => literal.toLowerCase().includes(k));
  /** A `|` at this depth or shallower is an alternative to the opening. */
  let limit: number;
  const alternatives = opened > 0 ? ALTERNATIVES.exec(rest) : null;
  if (alternatives) {
    // `(?:ABIA|ACCA)` or `(?i:jira|confluence)`: each alternative holds a keyword
    if (!alternatives[1].split('|').every((alt) => hasKeyword(alt.replace(/^\\b/, '').replace(/\\(.)/g, '$1')))) return false;
    rest = rest.slice(alternatives[0].length);
    limit = opened - 1;
  } else {
    const first = literalAt(rest);
    if (!first.texts.every(hasKeyword)) return false;
    rest = rest.slice(first.length);
    limit = opened;
  }
  let depth = limit;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(rest, i);
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth <= limit) return false;
  }
  return true;
}

/**
 * The regex has no alternatives at all, and a literal holding a keyword that every match must
 * contain: neither the literal nor any group around it is optional (`\b([0-9a-f]{32}-us[0-9]{1,2})\b`).
 */
function holdsKeyword(core: string, keywords: readonly string[]): boolean {
  if (withoutClasses(core).includes('|')) return false; // an alternative could skip any literal
  let literal = '';
  for (let i = 0; i <= core.length; ) {
    const token = i < core.length ? LITERAL_CHAR.exec(core.slice(i)) : null;
    if (token) {
      literal += token[0].length === 2 ? token[0][1] : token[0];
      i += token[0].length;
      continue;
    }
    if (literal !== '' && mandatoryWithKeyword(core, i, literal, keywords)) return true;
    literal = '';
    if (i === core.length) break;
    const rest = core.slice(i);
    const skip = /^(?:\\.|\(\?[a-zA-Z]*[:)]|\(\?P?<\w+>|\{\d*(?:,\d*)?\})/.exec(rest); // escapes, group openers, counts
    if (skip) i += skip[0].length;
    else if (core[i] === '[') i = classEnd(core, i) + 1;
    else i++;
  }
  return false;
}

/** The literal that ends at `end` (less a last character made optional) holds a keyword, and no group around it is optional. */
function mandatoryWithKeyword(core: string, end: number, literal: string, keywords: readonly string[]): boolean {
  const text = /^(?:[?*]|\{0)/.test(core.slice(end)) ? literal.slice(0, -1) : literal;
  if (!keywords.some((k) => text.toLowerCase().includes(k))) return false;
  let depth = 0; // groups opened after the literal
  for (let i = end; i < core.length; i++) {
    const c = core[i];
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(core, i);
    else if (c === '(') depth++;
    else if (c === ')') {
      if (depth > 0) depth--;
      else if (/^[?*]|^\{0/.test(core.slice(i + 1))) return false; // a group around the literal may be skipped
    }
  }
  return true;
}

/** Where the character class opening at `at` ends (its `]`). */
function classEnd(regex: string, at: number): number {
  let i = at + 1;
  if (regex[i] === '^') i++;
  if (regex[i] === ']') i++;
  while (i < regex.length && regex[i] !== ']') i += regex[i] === '\\' ? 2 : 1;
  return i;
}

/** The regex without its negated classes (`[^…]`), which negatedClassesExcludeNewline checks on their own. */
function withoutNegatedClasses(regex: string): string {
  let out = '';
  for (let i = 0; i < regex.length; i++) {
    if (regex[i] === '\\') {
      out += regex.slice(i, i + 2);
      i++;
    } else if (regex[i] === '[' && regex[i + 1] === '^') {
      i = classEnd(regex, i);
      out += '[^]'; // stands for the class, matching no newline
    } else out += regex[i];
  }
  return out;
}

/** The regex without its character classes and escapes (to look for `|`). */
function withoutClasses(regex: string): string {
  let out = '';
  for (let i = 0; i < regex.length; i++) {
    if (regex[i] === '\\') i++;
    else if (regex[i] === '[') i = classEnd(regex, i);
    else out += regex[i];
  }
  return out;
}

/**
 * The mandatory literal text at the start of `regex` (a character made optional ends it), as
 * every text it can be: a small class in it gives one per character (`nf[pcoub]_`).
 */
function literalAt(regex: string): { texts: string[]; length: number } {
  let texts = [''];
  let i = 0;
  for (;;) {
    const rest = regex.slice(i);
    const literal = LITERAL_CHAR.exec(rest);
    const chars = literal ? null : SMALL_CLASS.exec(rest);
    if (!literal && !chars) break;
    const token = (literal ?? chars)![0];
    const next = regex[i + token.length];
    if (next === '?' || next === '*' || next === '{') break;
    const choices = literal ? [token.length === 2 ? token[1] : token] : [...chars![1]];
    if (texts.length * choices.length > MAX_TEXTS) break; // decide on the literal so far: a shorter one only says no more often
    texts = texts.flatMap((text) => choices.map((c) => text + c));
    i += token.length;
    if (next === '+') break;
  }
  return { texts, length: i };
}
