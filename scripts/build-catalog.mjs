// Compiles patterns/*.yaml into dist/catalog.json (rules, each with how many lines around its
// keyword lines it reads and the run of characters its secret holds) and
// dist/catalog-examples.json (their examples), and saves the rules' keyword tables and automaton
// in dist/keyword-tables.json and dist/keyword-automaton.bin. Every rule is validated and its
// regexes compiled with RE2 here, so a broken rule fails the build rather than a scan.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { validateRule } from '../dist/engine/validate-rule.js';
import { automatonKeywords, keywordTables } from '../dist/engine/prefilter.js';
import { KeywordAutomaton } from '../dist/engine/keyword-automaton.js';
import { linesAround } from '../dist/engine/line-local.js';
import { secretRun } from '../dist/engine/regex-shape.js';

const root = new URL('..', import.meta.url).pathname;
const patternsDir = join(root, 'patterns');
const rules = [];
const examples = {};
const files = readdirSync(patternsDir).filter((f) => /\.ya?ml$/.test(f)).sort();

try {
  for (const file of files) {
    const where = `patterns/${file}`;
    const doc = parse(readFileSync(join(patternsDir, file), 'utf8'), { prettyErrors: true });
    if (!Array.isArray(doc)) throw new Error(`${where}: must be a list of rules`);
    doc.forEach((raw, i) => {
      const rule = validateRule(raw, `${where}[${i}]`, true);
      if (examples[rule.id]) throw new Error(`${where}: rule id ${rule.id} is also used in ${examples[rule.id].file}`);
      const { examples: positive = [], negative = [], ...rest } = rule;
      // decided here, from the regex's syntax, so that a scan does not parse 551 regexes
      rules.push({ ...rest, linesAround: linesAround(rest), secretRun: secretRun(rest.regex, rest.secretGroup) });
      examples[rule.id] = { file: where, examples: positive, negative };
    });
  }
} catch (err) {
  console.error(`build-catalog: ${err.message}`);
  process.exit(2);
}

writeFileSync(join(root, 'dist/catalog.json'), JSON.stringify({ version: 1, rules }));
writeFileSync(join(root, 'dist/catalog-examples.json'), JSON.stringify(examples));
// the catalog's keyword tables and automaton, so that a scan reads them instead of making them
const keywordsByRule = rules.map((r) => r.keywords);
const tables = keywordTables(keywordsByRule);
writeFileSync(join(root, 'dist/keyword-tables.json'), JSON.stringify({ for: JSON.stringify(keywordsByRule), tables }));
writeFileSync(join(root, 'dist/keyword-automaton.bin'), KeywordAutomaton.build(automatonKeywords(tables)).save());
console.log(`build-catalog: ${rules.length} rules from ${files.length} files`);
