import { relative, resolve, sep } from 'node:path';
import type { Finding, Fragment, Match, Rule } from '../types.js';
import type { AllowlistMatcher } from '../engine/allowlist-matcher.js';
import { isInlineIgnored } from './inline-ignore.js';
import { fingerprint, LineIndex, locate } from './locate.js';
import { lastBefore } from '../sorted.js';

export interface FilterContext {
  rulesById: ReadonlyMap<string, Rule>;
  /** The rule ids an inline ignore may name. */
  ruleIds: ReadonlySet<string>;
  allowlist: AllowlistMatcher;
  /** The config file's folder: allowlisted paths are also matched relative to it. */
  root?: string;
  /** Where fragment paths are relative to. */
  cwd?: string;
}

/**
 * Turns one fragment's matches into findings: places them on lines, keeps only those on added
 * lines (diffs), and drops what inline ignores and the global allowlist silence.
 */
export function toFindings(fragment: Fragment, matches: Match[], ctx: FilterContext): Finding[] {
  if (matches.length === 0 || isAllowedPath(fragment.path, ctx)) return [];
  const lines = new LineIndex(fragment.content);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const chunk = fragment.chunk;
  // A minified line can be megabytes with many secrets: decode it, and look for ignores on it, once.
  const texts = new Map<number, string>();
  const textOf = (index: number) => texts.get(index) ?? texts.set(index, lines.text(index)).get(index)!;
  const ignored = new Map<string, boolean>();
  const isIgnored = (ruleId: string, index: number) => {
    const key = `${index}\0${ruleId}`;
    let result = ignored.get(key);
    if (result === undefined) {
      result = isInlineIgnored(ruleId, textOf(index), index > 0 ? textOf(index - 1) : undefined, ctx.ruleIds);
      ignored.set(key, result);
    }
    return result;
  };
  for (const match of matches) {
    // A window of a chunked input reports only what starts in its core: its neighbours see the rest.
    if (chunk && (match.start < chunk.reportFrom || match.start >= chunk.reportTo)) continue;
    const rule = ctx.rulesById.get(match.ruleId)!;
    const at = locate(fragment, lines, match);
    if (fragment.addedLines && !touchesAddedLine(fragment.addedLines, at.startIndex, at.endIndex)) continue;
    if (isIgnored(rule.id, at.startIndex)) continue;
    if (ctx.allowlist.allowsSecret(match.secret)) continue;
    const key = `${rule.id}\0${match.start}\0${match.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const shown = lines.excerpt(at.startIndex, match.start, match.end);
    findings.push({
      ruleId: rule.id,
      description: match.encoding ? `${rule.description} (${match.encoding}-encoded)` : rule.description,
      severity: rule.severity,
      source: fragment.kind,
      file: fragment.path,
      line: at.line,
      column: at.column,
      endLine: at.endLine,
      endColumn: at.endColumn,
      commit: fragment.commit ?? null,
      author: fragment.author ?? null,
      date: fragment.date ?? null,
      ...(fragment.branch ? { branch: fragment.branch } : {}),
      ...(match.encoding ? { encoding: match.encoding } : {}),
      secret: match.secret,
      entropy: Math.round(match.entropy * 100) / 100,
      fingerprint: fingerprint(rule.id, match.secret, fragment.path),
      remediation: rule.remediation,
      lineText: shown.text,
      lineSpan: shown.span,
    });
  }
  return findings;
}

/** Whether the global allowlist covers the fragment's path (matched as given and from the config's folder). */
export function isAllowedPath(path: string | null, ctx: FilterContext): boolean {
  if (path === null || !ctx.allowlist.hasPaths) return false;
  // a history shows the same paths again and again: each is decided once
  let decided = allowedPaths.get(ctx);
  if (!decided || decided.size >= MAX_DECIDED) allowedPaths.set(ctx, (decided = new Map())); // memory stays bounded
  let allowed = decided.get(path);
  if (allowed === undefined) {
    allowed = ctx.allowlist.allowsPath(path) || allowsFromRoot(path, ctx);
    decided.set(path, allowed);
  }
  return allowed;
}

const allowedPaths = new WeakMap<FilterContext, Map<string, boolean>>();
const MAX_DECIDED = 50_000;

function allowsFromRoot(path: string, ctx: FilterContext): boolean {
  if (ctx.root === undefined) return false;
  const fromRoot = relative(ctx.root, resolve(ctx.cwd ?? ctx.root, path)).split(sep).join('/');
  return !fromRoot.startsWith('../') && ctx.allowlist.allowsPath(fromRoot);
}

/** Whether an added line lies in lines `from`…`to` (added: ascending). */
function touchesAddedLine(added: readonly number[], from: number, to: number): boolean {
  const next = lastBefore(added, from) + 1;
  return next < added.length && added[next] <= to;
}
