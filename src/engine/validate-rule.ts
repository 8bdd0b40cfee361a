import { re2, type RE2 } from './re2.js';
import { LeakguardError } from '../errors.js';
import type { Allowlist, Rule, Severity } from '../types.js';

const RULE_KEYS = new Set([
  'id', 'description', 'severity', 'regex', 'secretGroup', 'keywords', 'entropy', 'maxLength',
  'generic', 'allow', 'remediation', 'examples', 'negative',
]);
const ALLOW_KEYS = new Set(['regexes', 'stopwords', 'paths']);
const SEVERITIES: Severity[] = ['high', 'medium', 'low'];
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function fail(where: string, key: string, problem: string): never {
  throw new LeakguardError(`${where}: ${key} ${problem}`);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/**
 * Compiles a regex with RE2 or refuses it: RE2 rejects look-around and back-references,
 * which is what keeps matching linear-time.
 */
export function compileRegex(source: string, flags: string, where: string, key: string): RE2 {
  try {
    return new (re2())(source, flags);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return fail(where, key, `is not a valid RE2 regex (${reason}); look-around and back-references are not supported`);
  }
}

export function validateAllowlist(raw: unknown, where: string, key: string): Allowlist {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail(where, key, 'must be an object');
  const allow = raw as Record<string, unknown>;
  for (const k of Object.keys(allow)) {
    if (!ALLOW_KEYS.has(k)) fail(where, `${key}.${k}`, 'is not a known key (expected regexes, stopwords, paths)');
    if (!isStringArray(allow[k])) fail(where, `${key}.${k}`, 'must be a list of strings');
    // an empty stopword or regex would silence every secret; an empty glob is no path at all
    const empty = allow[k].indexOf('');
    if (empty !== -1) fail(where, `${key}.${k}[${empty}]`, 'is empty');
  }
  for (const [i, source] of ((allow.regexes as string[] | undefined) ?? []).entries()) {
    compileRegex(source, '', where, `${key}.regexes[${i}]`);
  }
  return allow as Allowlist;
}

/**
 * Checks one rule's shape and compiles its regexes. `where` names the file (and the rule's
 * position in it) for error messages. With `requireExamples`, a rule must carry its own tests.
 */
export function validateRule(raw: unknown, where: string, requireExamples: boolean): Rule {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail(where, 'rule', 'must be an object');
  const r = raw as Record<string, unknown>;
  for (const k of Object.keys(r)) if (!RULE_KEYS.has(k)) fail(where, k, 'is not a known rule key');

  if (typeof r.id !== 'string' || !ID_PATTERN.test(r.id)) fail(where, 'id', 'must be a kebab-case string');
  const at = `${where} (rule ${r.id})`;
  if (typeof r.description !== 'string' || r.description === '') fail(at, 'description', 'must be a non-empty string');
  if (!SEVERITIES.includes(r.severity as Severity)) fail(at, 'severity', 'must be one of high, medium, low');
  if (typeof r.regex !== 'string' || r.regex === '') fail(at, 'regex', 'must be a non-empty string');
  if (!isStringArray(r.keywords)) fail(at, 'keywords', 'must be a list of strings');
  for (const kw of r.keywords) {
    if (kw === '' || kw !== kw.toLowerCase()) fail(at, 'keywords', `must be non-empty lowercase literals ("${kw}")`);
  }
  if (typeof r.remediation !== 'string' || r.remediation === '') fail(at, 'remediation', 'must be a non-empty string');
  if (r.entropy !== undefined && (typeof r.entropy !== 'number' || r.entropy < 0 || r.entropy > 8)) {
    fail(at, 'entropy', 'must be a number between 0 and 8');
  }
  if (r.maxLength !== undefined && (typeof r.maxLength !== 'number' || !Number.isInteger(r.maxLength) || r.maxLength < 1)) {
    fail(at, 'maxLength', 'must be a whole number of characters, 1 or more');
  }
  if (r.generic !== undefined && typeof r.generic !== 'boolean') fail(at, 'generic', 'must be true or false');
  if (r.examples !== undefined && !isStringArray(r.examples)) fail(at, 'examples', 'must be a list of strings');
  if (r.negative !== undefined && !isStringArray(r.negative)) fail(at, 'negative', 'must be a list of strings');
  if (requireExamples) {
    if (((r.examples as string[] | undefined) ?? []).length < 2) fail(at, 'examples', 'must hold at least two texts the rule finds');
    if (((r.negative as string[] | undefined) ?? []).length < 1) fail(at, 'negative', 'must hold at least one text the rule must not find');
    if ((r.keywords as string[]).length === 0) fail(at, 'keywords', 'must not be empty');
  }

  compileRegex(r.regex, 'g', at, 'regex');
  const groups = countGroups(r.regex);
  if (r.secretGroup !== undefined) {
    if (!Number.isInteger(r.secretGroup) || (r.secretGroup as number) < 0) fail(at, 'secretGroup', 'must be a non-negative integer');
    if ((r.secretGroup as number) > groups) fail(at, 'secretGroup', `is ${r.secretGroup} but the regex has ${groups} groups`);
  }
  if (r.allow !== undefined) validateAllowlist(r.allow, at, 'allow');
  // The secret's group is settled here, so the engine need not compile the regex a second time.
  return { ...(r as unknown as Rule), secretGroup: (r.secretGroup as number | undefined) ?? (groups > 0 ? 1 : 0) };
}

/** Number of capture groups: the pattern with an empty alternative always matches ''. */
export function countGroups(source: string): number {
  const m = new (re2())(`(?:${source})|`, '').exec('');
  return m ? m.length - 1 : 0;
}
