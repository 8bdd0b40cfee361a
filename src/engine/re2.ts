import type RE2Class from 're2';
import { requireCjs } from '../require-cjs.js';

let binding: typeof RE2Class | undefined;

/**
 * The re2 binding (a native module), loaded when first needed: a pre-commit hook that runs no
 * rule (no keyword, or no text a secret could be) does not load it, about 1.6 ms of its start-up.
 */
export function re2(): typeof RE2Class {
  return (binding ??= requireCjs('re2') as typeof RE2Class);
}

export type RE2 = RE2Class;
export type RE2Set = InstanceType<typeof RE2Class.Set>;
