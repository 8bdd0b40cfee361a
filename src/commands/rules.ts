import type { CliValues } from '../cli.js';
import { loadCatalogExamples } from '../engine/catalog.js';
import { testRules } from '../engine/test-rules.js';
import { LeakguardError } from '../errors.js';
import { writeOutput } from '../output.js';
import { prepareScanner } from '../scan.js';

/** leakguard rules list | show ID | test */
export async function rulesCommand(args: string[], values: CliValues): Promise<number> {
  const [sub = 'list', ...rest] = args;
  const scanner = await prepareScanner(process.cwd(), values.config);
  const json = values.format === 'json';
  if (values.format !== undefined && values.format !== 'json' && values.format !== 'text') {
    throw new LeakguardError(`rules takes --format text or json, not "${values.format}"`);
  }

  if (sub === 'list') {
    if (json) {
      writeOutput(`${JSON.stringify(scanner.rules.map(({ id, severity, description }) => ({ id, severity, description })), null, 2)}\n`, values.output);
    } else {
      const width = Math.max(...scanner.rules.map((r) => r.id.length));
      const lines = scanner.rules.map((r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(6)}  ${r.description}`);
      writeOutput(`${lines.join('\n')}\n${scanner.rules.length} rules\n`, values.output);
    }
    return 0;
  }

  if (sub === 'show') {
    const id = rest[0];
    if (!id) throw new LeakguardError('rules show needs a rule id (see leakguard rules list)');
    const rule = scanner.rules.find((r) => r.id === id);
    if (!rule) throw new LeakguardError(`no rule with id "${id}" (see leakguard rules list)`);
    const examples = loadCatalogExamples()[id];
    const shown = examples ? { ...rule, file: examples.file, examples: examples.examples, negative: examples.negative } : rule;
    writeOutput(`${JSON.stringify(shown, null, 2)}\n`, values.output);
    return 0;
  }

  if (sub === 'test') {
    const results = testRules(scanner.rules, loadCatalogExamples());
    const failures = results.filter((r) => r.problems.length > 0);
    if (json) {
      writeOutput(`${JSON.stringify({ rules: results.length, failures }, null, 2)}\n`, values.output);
    } else {
      const lines = failures.flatMap((f) => f.problems.map((p) => `FAIL ${f.id}: ${p}`));
      lines.push(`${results.length - failures.length} of ${results.length} rules pass their examples`);
      writeOutput(`${lines.join('\n')}\n`, values.output);
    }
    return failures.length > 0 ? 1 : 0;
  }

  throw new LeakguardError(`unknown rules subcommand "${sub}" (expected list, show ID, test)`);
}
