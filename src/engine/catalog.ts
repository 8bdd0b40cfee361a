import { readFileSync } from 'node:fs';
import { LeakguardError } from '../errors.js';
import { packageFile } from '../package-files.js';
import type { Rule } from '../types.js';
import { KeywordAutomaton } from './keyword-automaton.js';
import type { KeywordTables } from './prefilter.js';

// The build compiles patterns/*.yaml into these files (scripts/build-catalog.mjs): rules apart from
// their examples, so that a scan parses no YAML and no test texts at start-up.
const CATALOG = packageFile('dist/catalog.json');
const EXAMPLES = packageFile('dist/catalog-examples.json');
const AUTOMATON = packageFile('dist/keyword-automaton.bin');
const KEYWORD_TABLES = packageFile('dist/keyword-tables.json');

interface CatalogFile {
  version: 1;
  rules: Rule[];
}

export type RuleExamples = Record<string, { file: string; examples: string[]; negative: string[] }>;

function readJson<T>(url: URL, what: string): T {
  try {
    return JSON.parse(readFileSync(url, 'utf8')) as T;
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (err as Error).message;
    throw new LeakguardError(`cannot load the ${what} ${url.pathname}: ${reason} (run \`npm run build\`)`);
  }
}

/** The built-in rules, validated at build time. */
export function loadCatalog(): Rule[] {
  return readJson<CatalogFile>(CATALOG, 'rule catalog').rules;
}

/** Each built-in rule's examples and negative examples, for `leakguard rules test`. */
export function loadCatalogExamples(): RuleExamples {
  return readJson<RuleExamples>(EXAMPLES, 'rule examples');
}

/**
 * The catalog's keyword automaton, saved by the build, when it was built for exactly these
 * keywords (a config that adds or turns off rules changes them); else null, and it is built.
 */
export function savedAutomaton(keywords: readonly string[]): KeywordAutomaton | null {
  try {
    return KeywordAutomaton.load(readFileSync(AUTOMATON), keywords);
  } catch {
    return null; // missing or unreadable: building it gives the same automaton
  }
}

/** The saved keyword tables: which keyword lists (per rule) they were made from, and the tables. */
export interface SavedKeywordTables {
  /** `JSON.stringify` of the keyword lists, one per rule */
  for: string;
  tables: KeywordTables;
}

/**
 * The catalog's keyword tables, saved by the build, when they were made from exactly these
 * keyword lists (a config that adds, turns off or replaces rules changes them); else null.
 */
export function savedKeywordTables(keywordsByRule: readonly (readonly string[])[]): KeywordTables | null {
  try {
    const saved = JSON.parse(readFileSync(KEYWORD_TABLES, 'utf8')) as SavedKeywordTables;
    return saved.for === JSON.stringify(keywordsByRule) ? saved.tables : null;
  } catch {
    return null; // missing or unreadable: making them gives the same tables
  }
}
