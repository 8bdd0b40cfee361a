import { re2, type RE2 } from './re2.js';
import type { Fragment, Match, Rule } from '../types.js';
import { AllowlistMatcher } from './allowlist-matcher.js';
import { shannonEntropy } from './entropy.js';
import { encodedRuns } from './encoded.js';
import { falseAlarm, isGenericNoisePath, MINIFIED_LINE, type MatchContext } from './false-alarms.js';
import { linesAround } from './line-local.js';
import { keywordLines, type LineWindow } from './line-window.js';
import { secretRun } from './regex-shape.js';
import { SecretRuns } from './secret-run.js';
import { isPlainKeyword, KeywordPrefilter } from './prefilter.js';
import { DisjointSpans, SpanIndex } from './spans.js';
import { countGroups } from './validate-rule.js';

interface CompiledRule {
  regex: RE2;
  group: number;
  allow: AllowlistMatcher;
}

/** What a rule's secret must hold (see `secretRun`), or null. */
type Run = { chars: string; min: number } | null;

/**
 * Runs the rules over fragments. Only rules whose keywords occur in a fragment run, and a
 * rule's regexes are compiled the first time it runs, so start-up does not pay for the catalog.
 * Catalog and config rules were validated (and so known to compile) when they were loaded.
 *
 * A rule whose every match holds a keyword reads only the lines that hold its keywords, and
 * those around them that a match can reach; catch-alls also skip minified lines, lockfiles,
 * source maps and bundles, where they report nothing. A rule whose secret is a run of some
 * characters (`[0-9a-f]{32}`) is not compiled nor run on text without such a run.
 */
export class Engine {
  private readonly compiled: (CompiledRule | undefined)[];
  private readonly prefilter: KeywordPrefilter;
  private readonly genericIds: Set<string>;
  private readonly allows: (AllowlistMatcher | undefined)[];
  /** For rules that read only their keyword lines: how many lines around them (null: whole fragments). */
  private readonly around: (number | null | undefined)[];
  private readonly runs: (Run | undefined)[];
  private readonly shortcuts: boolean;

  constructor(
    readonly rules: readonly Rule[],
    /**
     * `shortcuts: false` makes every rule whose keywords occur read whole fragments, run or not
     * run as its secret's characters say (to check that the shortcuts lose nothing).
     */
    options: { shortcuts?: boolean } = {},
  ) {
    this.compiled = new Array(rules.length);
    this.allows = new Array(rules.length);
    this.genericIds = new Set(rules.filter((r) => r.generic).map((r) => r.id));
    this.prefilter = new KeywordPrefilter(rules.map((r) => r.keywords));
    this.around = new Array(rules.length); // decided when a rule first runs
    this.runs = new Array(rules.length);
    this.shortcuts = options.shortcuts !== false;
  }

  /**
   * The matches in a fragment. Base64-, hex- and percent-encoded text in it is decoded and
   * scanned too (to a bounded depth); what is found there is placed at the encoded span.
   */
  scan(fragment: Fragment, depth = 0): Match[] {
    const { content, path } = fragment;
    const matches: (Match & { generic: boolean })[] = [];
    const found = this.prefilter.find(content);
    const windows = new Map<string, LineWindow | 'whole' | null>(); // by the keywords found, shared by rules
    const secretRuns = new SecretRuns();
    // in lockfiles, source maps and bundles every generic match is a false alarm: do not look
    const genericNoise = isGenericNoisePath(path);
    for (const index of found.rules) {
      const rule = this.rules[index];
      if (genericNoise && rule.generic) continue;
      if (this.allowOf(index).allowsPath(path)) continue;
      let window: LineWindow | 'whole' | null = 'whole';
      const around = this.linesAround(index);
      if (around !== null) {
        const keywords = this.prefilter.keywordIndexes(index).filter((k) => found.keywords.has(k));
        const key = `${rule.generic ? 'g' : ''}${around}:${keywords.join(',')}`;
        if (!windows.has(key)) {
          const maxLine = rule.generic ? MINIFIED_LINE : Number.POSITIVE_INFINITY;
          windows.set(key, keywordLines(content, keywords.map((k) => found.keywords.get(k)!), maxLine, around));
        }
        window = windows.get(key)!;
        if (window === null) continue;
      }
      const within = window === 'whole' ? null : window;
      const secret = this.runOf(index);
      if (secret && !secretRuns.holds(within ? within.content : content, secret.chars, secret.min)) continue; // no text the secret could be
      for (const match of this.runRule(rule, this.compile(index), content, within, path)) matches.push({ ...match, generic: rule.generic === true });
    }
    if (depth < MAX_ENCODING_DEPTH) {
      const plain = new SpanIndex(matches.filter((m) => !m.generic));
      for (const run of encodedRuns(content)) {
        if (plain.overlaps(run.start, run.end)) continue; // a specific rule already reads this span as it is
        for (const inner of this.scan({ ...fragment, content: run.decoded }, depth + 1)) {
          const encoding = inner.encoding ? `${run.encoding}/${inner.encoding}` : run.encoding;
          const generic = this.genericIds.has(inner.ruleId);
          matches.push({ ...inner, start: run.start, end: run.end, encoding, generic });
        }
      }
    }
    return preferSpecific(dedupe(matches));
  }

  private linesAround(index: number): number | null {
    let around = this.around[index];
    if (around === undefined) {
      const rule = this.rules[index];
      around = this.shortcuts && rule.keywords.length > 0 && rule.keywords.every(isPlainKeyword) ? (rule.linesAround !== undefined ? rule.linesAround : linesAround(rule)) : null;
      this.around[index] = around;
    }
    return around;
  }

  private runOf(index: number): Run {
    let run = this.runs[index];
    if (run === undefined) {
      const rule = this.rules[index];
      run = !this.shortcuts ? null : rule.secretRun !== undefined ? rule.secretRun : secretRun(rule.regex, this.groupOf(rule));
      this.runs[index] = run;
    }
    return run;
  }

  private allowOf(index: number): AllowlistMatcher {
    return (this.allows[index] ??= new AllowlistMatcher(this.rules[index].allow));
  }

  /** The secret's group: validated rules carry it; rules built in code may leave it to be found. */
  private groupOf(rule: Rule): number {
    return rule.secretGroup ?? (countGroups(rule.regex) > 0 ? 1 : 0);
  }

  private compile(index: number): CompiledRule {
    let compiled = this.compiled[index];
    if (compiled) return compiled;
    const rule = this.rules[index];
    compiled = { regex: new (re2())(rule.regex, 'gd'), group: this.groupOf(rule), allow: this.allowOf(index) };
    this.compiled[index] = compiled;
    return compiled;
  }

  /** The rule's matches in `content`, or in its keyword lines when `window` is given. */
  private runRule(rule: Rule, compiled: CompiledRule, content: Buffer, window: LineWindow | null, path: string | null): Match[] {
    const { regex, group } = compiled;
    const text = window ? window.content : content;
    const found: Match[] = [];
    regex.lastIndex = 0;
    let m: ReturnType<RE2['exec']>;
    while ((m = regex.exec(text)) !== null) {
      const whole = m[0] as unknown as Buffer;
      if (whole.length === 0) {
        regex.lastIndex++; // an empty match would never advance
        continue;
      }
      const indices = (m as unknown as { indices: ([number, number] | undefined)[] }).indices;
      // A match across two pieces of the window is not the fragment's text, and may hide one that
      // is: read the whole fragment. (Every match holds a keyword, and the window holds the lines
      // a match can reach from one; only RE2's Unicode case folding can match a keyword that the
      // prefilter, ASCII only, did not see.)
      if (window && !window.inOnePiece(indices[0]![0], indices[0]![1])) return this.runRule(rule, compiled, content, null, path);
      const span = indices[group];
      if (!span) continue; // the secret group took no part in this match
      const secret = text.toString('utf8', span[0], span[1]);
      const start = window ? window.toFragment(span[0]) : span[0];
      const end = start + (span[1] - span[0]);
      if (secret === '' || (rule.maxLength !== undefined && secret.length > rule.maxLength)) continue;
      const entropy = shannonEntropy(secret);
      if (rule.entropy !== undefined && entropy < rule.entropy) continue;
      if (compiled.allow.allowsSecret(secret)) continue;
      if (falseAlarm(contextOf(content, start, secret, path, rule.generic === true))) continue;
      found.push({ ruleId: rule.id, start, end, secret, entropy });
    }
    return found;
  }
}

const CONTEXT_BYTES = 4096;
/** Encoded inside encoded (a base64 Kubernetes value holding a URL-encoded password) and no deeper. */
const MAX_ENCODING_DEPTH = 2;

/** One match per rule and span: two secrets found in one encoded run are reported once each. */
function dedupe<T extends Match>(matches: T[]): T[] {
  const seen = new Set<string>();
  return matches.filter((m) => {
    const key = `${m.ruleId}\0${m.start}\0${m.end}\0${m.secret}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function contextOf(content: Buffer, start: number, secret: string, path: string | null, generic: boolean): MatchContext {
  const lineStart = content.lastIndexOf(10, start - 1) + 1;
  const nl = content.indexOf(10, start);
  const lineEnd = nl === -1 ? content.length : nl;
  const before = content.toString('utf8', Math.max(lineStart, start - CONTEXT_BYTES), start);
  return { secret, before, lineLength: lineEnd - lineStart, path, generic };
}

/**
 * When a generic rule and a specific rule find overlapping secrets, keep only the specific one;
 * when two generic rules do, keep the first (one finding per secret, not one per catch-all).
 */
function preferSpecific(matches: (Match & { generic: boolean })[]): Match[] {
  const specific = new SpanIndex(matches.filter((m) => !m.generic));
  const keptGeneric = new DisjointSpans();
  const kept: Match[] = [];
  for (const { generic, ...match } of matches) {
    if (generic) {
      if (specific.overlaps(match.start, match.end) || keptGeneric.overlaps(match.start, match.end)) continue;
      keptGeneric.add(match.start, match.end);
    }
    kept.push(match);
  }
  return kept;
}
