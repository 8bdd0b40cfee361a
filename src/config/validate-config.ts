import { LeakguardError } from '../errors.js';
import { validateAllowlist, validateRule } from '../engine/validate-rule.js';
import type { Allowlist, Rule, Severity } from '../types.js';

export interface RuleOverride {
  entropy?: number;
  severity?: Severity;
}

/** The configuration file, checked. */
export interface Config {
  rules: Rule[];
  disable: string[];
  override: Record<string, RuleOverride>;
  allow: Allowlist;
  maxFileSize: number;
}

export const DEFAULT_MAX_FILE_SIZE = 100 * 1024 * 1024;

const KEYS = ['rules', 'disable', 'override', 'allow', 'maxFileSize'];
const SIZE = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i;
const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

function fail(file: string, key: string, problem: string): never {
  throw new LeakguardError(`${file}: ${key} ${problem}`);
}

/** Checks a loaded configuration object; every complaint names the file and the key. */
export function validateConfig(raw: unknown, file: string): Config {
  if (raw === null || raw === undefined) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) fail(file, 'configuration', 'must be an object');
  const c = raw as Record<string, unknown>;
  for (const key of Object.keys(c)) {
    if (!KEYS.includes(key)) fail(file, key, `is not a known key (expected one of ${KEYS.join(', ')})`);
  }

  if (c.rules !== undefined && !Array.isArray(c.rules)) fail(file, 'rules', 'must be a list of rules');
  const rules = ((c.rules as unknown[] | undefined) ?? []).map((r, i) => validateRule(r, `${file}: rules[${i}]`, false));

  if (c.disable !== undefined && !(Array.isArray(c.disable) && c.disable.every((d) => typeof d === 'string'))) {
    fail(file, 'disable', 'must be a list of rule ids');
  }

  const override: Record<string, RuleOverride> = {};
  if (c.override !== undefined) {
    if (c.override === null || typeof c.override !== 'object' || Array.isArray(c.override)) fail(file, 'override', 'must be an object of rule id → { entropy, severity }');
    for (const [id, value] of Object.entries(c.override)) {
      const key = `override.${id}`;
      if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(file, key, 'must be an object with entropy and/or severity');
      for (const [k, v] of Object.entries(value)) {
        if (k === 'entropy') {
          if (typeof v !== 'number' || v < 0 || v > 8) fail(file, `${key}.entropy`, 'must be a number between 0 and 8');
        } else if (k === 'severity') {
          if (!['high', 'medium', 'low'].includes(v as string)) fail(file, `${key}.severity`, 'must be one of high, medium, low');
        } else {
          fail(file, `${key}.${k}`, 'is not a known key (expected entropy, severity)');
        }
      }
      override[id] = value as RuleOverride;
    }
  }

  const allow = c.allow === undefined ? {} : validateAllowlist(c.allow, file, 'allow');
  return {
    rules,
    disable: (c.disable as string[] | undefined) ?? [],
    override,
    allow,
    maxFileSize: c.maxFileSize === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(c.maxFileSize, file),
  };
}

export function parseSize(value: unknown, file: string, key = 'maxFileSize'): number {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return Math.floor(value);
  if (typeof value === 'string') {
    const m = SIZE.exec(value.trim());
    if (m) return Math.floor(Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()]);
  }
  return fail(file, key, 'must be a positive number of bytes or a size such as "10MB"');
}
