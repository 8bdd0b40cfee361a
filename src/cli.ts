#!/usr/bin/env node
// Argument parsing only: each command lives in src/commands/.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LeakguardError } from './errors.js';
import { endQuietlyOnClosedPipe } from './output.js';
import { packageVersion } from './version.js';

const USAGE = `usage: leakguard <command> [options]

  scan [PATH...]          scan files and folders as they are on disk (also: scan --no-git PATH...)
  scan --stdin            scan standard input
  scan --staged           the index against HEAD: secrets on added lines (pre-commit)
  scan --message FILE     a commit message file (commit-msg)
  scan --merge            what an in-progress merge brings in (pre-merge-commit)
  scan --history          every commit reachable from any ref [--branch REF] [--since REV|DATE] [--max-count N]
  scan --range BASE..HEAD the commits of a range (BASE...HEAD: from the merge base)
  scan --history --shard K/N   the K-th of N disjoint parts of the history (parallel CI jobs)
  merge REPORT...         combine JSON reports (of shards) into one, deduplicated
  install [--husky|--git] [--pre-push] [--force]
                          install the git hooks (pre-commit, commit-msg, pre-merge-commit)
  uninstall               remove exactly what install added
  doctor                  where hooks run from, which are installed, and what may shadow them
  baseline [scan options] [--prune]
                          accept the current findings: write .leakguard-baseline.json (--prune drops stale entries)
  ci [--base REV --head REV]
                          scan the pull request or push range found in the CI environment
  rules list              list the rules
  rules show ID           show one rule with its examples
  rules test              check every rule against its examples

options:
  --format text|json|sarif|github   output format (default text)
  --output FILE           write the report to FILE
  --config FILE           use this config file instead of searching for one
  --max-file-size SIZE    skip files larger than SIZE (default 100MB)
  --baseline FILE         hide the accepted findings FILE lists (default: .leakguard-baseline.json if present)
  --sarif FILE            also write a SARIF report to FILE
  --redact / --no-redact  mask secrets in the output (default) or show them
  --quiet                 print nothing when nothing is found
  --verbose               list every skipped file; stack traces on errors
  --version, --help

exit codes: 0 nothing found, 1 findings, 2 error`;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  config: { type: 'string', short: 'c' },
  'max-file-size': { type: 'string' },
  redact: { type: 'boolean' },
  'no-redact': { type: 'boolean' },
  'no-git': { type: 'boolean' },
  stdin: { type: 'boolean' },
  staged: { type: 'boolean' },
  message: { type: 'string' },
  merge: { type: 'boolean' },
  history: { type: 'boolean' },
  range: { type: 'string' },
  branch: { type: 'string' },
  since: { type: 'string' },
  'max-count': { type: 'string' },
  shard: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean', short: 'v' },
  husky: { type: 'boolean' },
  git: { type: 'boolean' },
  'pre-push': { type: 'boolean' },
  baseline: { type: 'string' },
  prune: { type: 'boolean' },
  sarif: { type: 'string' },
  base: { type: 'string' },
  head: { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} satisfies ParseArgsConfig['options'];

export type CliValues = {
  format?: string;
  output?: string;
  config?: string;
  'max-file-size'?: string;
  redact?: boolean;
  'no-redact'?: boolean;
  'no-git'?: boolean;
  stdin?: boolean;
  staged?: boolean;
  message?: string;
  merge?: boolean;
  history?: boolean;
  range?: string;
  branch?: string;
  since?: string;
  'max-count'?: string;
  shard?: string;
  quiet?: boolean;
  verbose?: boolean;
  husky?: boolean;
  git?: boolean;
  'pre-push'?: boolean;
  baseline?: string;
  prune?: boolean;
  sarif?: string;
  base?: string;
  head?: string;
  force?: boolean;
};

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new LeakguardError(`${(err as Error).message.replace(/\. To specify a positional.*$/s, '')} (see leakguard --help)`);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined && !values.help ? 2 : 0;
  }
  switch (command) {
    case 'scan':
      return (await import('./commands/scan.js')).scanCommand(rest, values);
    case 'hook':
      return (await import('./commands/hook.js')).hookCommand(rest, values);
    case 'install':
      return (await import('./commands/install.js')).installCommand(rest, values);
    case 'uninstall':
      return (await import('./commands/install.js')).uninstallCommand(rest, values);
    case 'doctor':
      return (await import('./commands/doctor.js')).doctorCommand(rest, values);
    case 'baseline':
      return (await import('./commands/baseline.js')).baselineCommand(rest, values);
    case 'ci':
      return (await import('./commands/ci.js')).ciCommand(rest, values);
    case 'merge':
      return (await import('./commands/merge.js')).mergeCommand(rest, values);
    case 'rules':
      return (await import('./commands/rules.js')).rulesCommand(rest, values);
    default:
      throw new LeakguardError(`unknown command "${command}" (see leakguard --help)`);
  }
}

endQuietlyOnClosedPipe();
const verbose = process.argv.includes('--verbose') || process.argv.includes('-v');
function reportError(err: unknown): void {
  if (err instanceof LeakguardError) {
    process.stderr.write(`leakguard: ${err.message}\n`);
    if (verbose && err.stack) process.stderr.write(`${err.stack}\n`);
  } else {
    const e = err as Error;
    process.stderr.write(`leakguard: internal error: ${e?.message ?? String(err)}${verbose ? '' : ' (--verbose shows the stack)'}\n`);
    if (verbose && e?.stack) process.stderr.write(`${e.stack}\n`);
  }
}
// An exception thrown outside main's promise (in a callback, a timer, a config file's code) would
// make node exit 1, which means "findings": a crash must be an error, exit 2, never mistaken for one.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (err: unknown) => {
    reportError(err);
    process.exit(2);
  });
}
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    reportError(err);
    process.exitCode = 2;
  },
);
