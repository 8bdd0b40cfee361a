import { describe, expect, it } from 'vitest';
import { falseAlarm, isLowInformation } from '../../src/engine/false-alarms.js';
import { GITHUB_PAT } from '../fixtures/secrets.js';

const ctx = (secret: string, over: Partial<Parameters<typeof falseAlarm>[0]> = {}) => ({
  secret, before: 'key = "', lineLength: 60, path: 'src/a.ts', generic: false, ...over,
});

describe('shared false-alarm defences', () => {
  it('placeholders and templates', () => {
    for (const s of ['your_api_key_here', 'CHANGEME-123', '${API_KEY}', '{{ token }}', '<token>', 'xxxxxxxxxxxx', 'AKIAIOSFODNN7EXAMPLE', 'dummy-secret-1']) {
      expect(falseAlarm(ctx(s)), s).toBe('placeholder');
    }
  });

  it('repeated and sequential characters', () => {
    expect(isLowInformation('aaaaaaaaaaaaaaaa')).toBe(true);
    expect(isLowInformation('abcdefghijklmnop')).toBe(true);
    expect(isLowInformation('tok_1234567890ab')).toBe(true);
    expect(isLowInformation('9876543210zyxwvu')).toBe(true);
    expect(isLowInformation(GITHUB_PAT)).toBe(false);
    expect(isLowInformation('7f3a9c1e5b2d8064')).toBe(false);
  });

  it('integrity hashes and data: URIs', () => {
    expect(falseAlarm(ctx('sha512-Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eA=='))).toBe('integrity hash');
    expect(falseAlarm(ctx('iVBORw0KGgoAAAANSUhEUg', { before: 'src="data:image/png;base64,' }))).toBe('inside a data: URI');
  });

  it('generic rules only: UUIDs, hashes in context, variable references, lockfiles and minified lines', () => {
    const uuid = '6f1c2a7e-93b4-4d8a-b1e5-0c7f2d9a4b36';
    expect(falseAlarm(ctx(uuid))).toBeNull();
    expect(falseAlarm(ctx(uuid, { generic: true }))).toBe('a UUID');
    const sha1 = '3f2a9c1e5b7d8f604a1c2e3b4d5f6a7b8c9d0e1f';
    expect(falseAlarm(ctx(sha1, { generic: true, before: 'commit_sha = "' }))).toBe('a hash');
    expect(falseAlarm(ctx(sha1, { generic: true, before: 'api_key = "' }))).toBeNull();
    expect(falseAlarm(ctx('process.env.SECRET_TOKEN', { generic: true }))).toBe('a variable reference');
    expect(falseAlarm(ctx('Kq8vT2mX9pL4wR7z', { generic: true, path: 'web/package-lock.json' }))).toBe('lockfile, source map or minified bundle');
    expect(falseAlarm(ctx('Kq8vT2mX9pL4wR7z', { generic: true, lineLength: 50_000 }))).toBe('a minified line');
    expect(falseAlarm(ctx('Kq8vT2mX9pL4wR7z', { generic: false, lineLength: 50_000 }))).toBeNull();
  });
});
