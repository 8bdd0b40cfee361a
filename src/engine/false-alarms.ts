// Defences against false alarms that every rule shares, and stricter ones for generic rules.
// Each says why a matched "secret" is not one; rules keep their own allowlists on top.

/** Placeholders and templates: nobody's real key contains these. */
const PLACEHOLDERS = [
  'example', 'changeme', 'change_me', 'change-me', 'placeholder', 'dummy', 'sample', 'redacted',
  'your_', 'your-', 'yourkey', 'yoursecret', 'yourtoken', 'xxxxxx', '******', '<', '>', '${', '{{', '}}',
  'replace_me', 'replaceme', 'insert_', 'insert-',
];

/** Subresource-integrity and lockfile hashes: `sha512-…`. */
const SRI_HASH = /^sha(?:1|256|384|512)-[A-Za-z0-9+/]+={0,2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX_DIGEST = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128})$/i;
const HASH_CONTEXT = /sha\d*|md5|hash|checksum|digest|integrity|etag|commit|fingerprint|revision/i;
const VARIABLE_REFERENCE = /process\.env|os\.environ|getenv|env\(|secrets\.|vault:|\$\(|^env\./i;
const DATA_URI = /data:[\w.+-]+\/[\w.+-]+(?:;[\w=.+-]+)*;base64,[A-Za-z0-9+/=]*$/;
/** Files where a generic rule sees only noise: lockfiles, source maps, minified bundles. */
const GENERIC_NOISE_PATHS = /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|Cargo\.lock|poetry\.lock|Pipfile\.lock|Gemfile\.lock|composer\.lock|go\.sum|packages\.lock\.json)$|\.map$|\.min\.(?:js|css|mjs)$/;
/** Whether generic rules see only noise in this file (so the engine need not run them there). */
export function isGenericNoisePath(path: string | null): boolean {
  return path !== null && GENERIC_NOISE_PATHS.test(path);
}

/** A line this long is minified code or data, not configuration. */
export const MINIFIED_LINE = 2000;

/**
 * Low information: most of the secret sits in runs of four or more repeated or consecutive
 * characters (`aaaa`, `1234`, `abcd`, `9876`).
 */
export function isLowInformation(secret: string): boolean {
  let inRuns = 0;
  let run = 1;
  let step = 0;
  for (let i = 1; i <= secret.length; i++) {
    const delta = i < secret.length ? secret.charCodeAt(i) - secret.charCodeAt(i - 1) : NaN;
    if (Math.abs(delta) <= 1 && (run === 1 || delta === step)) {
      step = delta;
      run++;
    } else {
      if (run >= 4) inRuns += run;
      run = 1;
      step = 0;
    }
  }
  return inRuns * 2 > secret.length;
}

export interface MatchContext {
  secret: string;
  /** The text of the secret's line before it (up to a few KB), and the line's length in bytes. */
  before: string;
  lineLength: number;
  path: string | null;
  generic: boolean;
}

/** Why this match is not a secret, or null when it may be one. */
export function falseAlarm(m: MatchContext): string | null {
  const lower = m.secret.toLowerCase();
  if (PLACEHOLDERS.some((p) => lower.includes(p))) return 'placeholder';
  if (isLowInformation(m.secret)) return 'repeated or sequential characters';
  if (SRI_HASH.test(m.secret)) return 'integrity hash';
  if (DATA_URI.test(m.before)) return 'inside a data: URI';
  if (!m.generic) return null;
  if (UUID.test(m.secret)) return 'a UUID';
  if (HEX_DIGEST.test(m.secret) && HASH_CONTEXT.test(m.before.slice(-200))) return 'a hash';
  if (VARIABLE_REFERENCE.test(m.secret)) return 'a variable reference';
  if (isGenericNoisePath(m.path)) return 'lockfile, source map or minified bundle';
  if (m.lineLength > MINIFIED_LINE) return 'a minified line';
  return null;
}
