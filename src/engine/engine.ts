import RE2 from 're2';
import type { Fragment, Match, Rule } from '../types.js';
import { AllowlistMatcher } from './allowlist-matcher.js';
import { shannonEntropy } from './entropy.js';
import { encodedRuns } from './encoded.js';
import { falseAlarm, type MatchContext } from './false-alarms.js';
import { KeywordPrefilter } from './prefilter.js';
import { countGroups } from './validate-rule.js';

interface CompiledRule {
  regex: RE2;
  group: number;
  allow: AllowlistMatcher;
}

/**
 * Runs the rules over fragments. Only rules whose keywords occur in a fragment run, and a
 * rule's regexes are compiled the first time it runs, so start-up does not pay for the catalog.
 * Catalog and config rules were validated (and so known to compile) when they were loaded.
 */
export class Engine {
  private readonly compiled: (CompiledRule | undefined)[];
  private readonly prefilter: KeywordPrefilter;
  private readonly genericIds: Set<string>;

  constructor(readonly rules: readonly Rule[]) {
    this.compiled = new Array(rules.length);
    this.genericIds = new Set(rules.filter((r) => r.generic).map((r) => r.id));
    this.prefilter = new KeywordPrefilter(rules.map((r) => r.keywords));
  }

  /**
   * The matches in a fragment. Base64-, hex- and percent-encoded text in it is decoded and
   * scanned too (to a bounded depth); what is found there is placed at the encoded span.
   */
  scan(fragment: Fragment, depth = 0): Match[] {
    const { content, path } = fragment;
    const matches: (Match & { generic: boolean })[] = [];
    for (const index of this.prefilter.candidates(content)) {
      const rule = this.rules[index];
      const compiled = this.compile(index);
      if (compiled.allow.allowsPath(path)) continue;
      for (const match of this.runRule(rule, compiled, content, path)) matches.push({ ...match, generic: rule.generic === true });
    }
    if (depth < MAX_ENCODING_DEPTH) {
      const plain = matches.slice();
      for (const run of encodedRuns(content)) {
        if (plain.some((m) => !m.generic && m.start < run.end && run.start < m.end)) continue; // a specific rule already reads this span as it is
        for (const inner of this.scan({ ...fragment, content: run.decoded }, depth + 1)) {
          const encoding = inner.encoding ? `${run.encoding}/${inner.encoding}` : run.encoding;
          const generic = this.genericIds.has(inner.ruleId);
          matches.push({ ...inner, start: run.start, end: run.end, encoding, generic });
        }
      }
    }
    return preferSpecific(dedupe(matches));
  }

  private compile(index: number): CompiledRule {
    let compiled = this.compiled[index];
    if (compiled) return compiled;
    const rule = this.rules[index];
    const regex = new RE2(rule.regex, 'gd');
    compiled = {
      regex,
      // validated rules carry their group; rules built in code may leave it to be found
      group: rule.secretGroup ?? (countGroups(rule.regex) > 0 ? 1 : 0),
      allow: new AllowlistMatcher(rule.allow),
    };
    this.compiled[index] = compiled;
    return compiled;
  }

  private *runRule(rule: Rule, compiled: CompiledRule, content: Buffer, path: string | null): Generator<Match> {
    const { regex, group } = compiled;
    regex.lastIndex = 0;
    let m: ReturnType<RE2['exec']>;
    while ((m = regex.exec(content)) !== null) {
      const whole = m[0] as unknown as Buffer;
      if (whole.length === 0) {
        regex.lastIndex++; // an empty match would never advance
        continue;
      }
      const span = (m as unknown as { indices?: ([number, number] | undefined)[] }).indices?.[group];
      if (!span) continue; // the secret group took no part in this match
      const [start, end] = span;
      const secret = content.toString('utf8', start, end);
      if (secret === '') continue;
      const entropy = shannonEntropy(secret);
      if (rule.entropy !== undefined && entropy < rule.entropy) continue;
      if (compiled.allow.allowsSecret(secret)) continue;
      if (falseAlarm(contextOf(content, start, secret, path, rule.generic === true))) continue;
      yield { ruleId: rule.id, start, end, secret, entropy };
    }
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
  const overlaps = (a: Match, b: Match) => a.start < b.end && b.start < a.end;
  const specific = matches.filter((m) => !m.generic);
  const kept: (Match & { generic: boolean })[] = [];
  for (const m of matches) {
    if (m.generic && specific.some((s) => overlaps(s, m))) continue;
    if (m.generic && kept.some((k) => k.generic && overlaps(k, m))) continue;
    kept.push(m);
  }
  return kept.map(({ generic: _generic, ...match }) => match);
}
