import type RE2Class from 're2';
import { requireCjs } from '../require-cjs.js';

/** The re2 binding (a native module), loaded once with require. */
export const RE2 = requireCjs('re2') as typeof RE2Class;
export type RE2 = RE2Class;
