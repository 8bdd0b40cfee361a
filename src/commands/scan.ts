import type { CliValues } from '../cli.js';
import { LeakguardError } from '../errors.js';
import { writeOutput } from '../output.js';
import { escapeData } from '../report/github.js';
import { FORMATS, renderReport, type Format } from '../report/index.js';
import { Progress } from '../progress.js';
import { scan, type GitSource, type ScanOptions } from '../scan.js';
import type { ScanResult } from '../types.js';
import { packageVersion } from '../version.js';
import { parseSize } from '../config/validate-config.js';

/** leakguard scan [PATH...] | --stdin | --staged | --message F | --merge | --history | --range R */
export async function scanCommand(paths: string[], values: CliValues): Promise<number> {
  const format = parseFormat(values.format);

  return runScan(scanOptions(paths, values), format, values);
}

/** The scan options that `scan` and `baseline` share. */
export function scanOptions(paths: string[], values: CliValues): ScanOptions {
  if (values.redact && values['no-redact']) throw new LeakguardError('--redact and --no-redact contradict each other');
  const maxFileSize = values['max-file-size'] === undefined ? undefined : parseSize(values['max-file-size'], 'command line', '--max-file-size');
  const git = gitSource(values);
  if ((git || values.stdin) && paths.length > 0) throw new LeakguardError(`scan ${git ? `--${git.kind}` : '--stdin'} takes no paths`);
  if (git && values['no-git']) throw new LeakguardError(`--no-git contradicts --${git.kind}`);
  const progress = git?.kind === 'history' || git?.kind === 'range' ? Progress.forTerminal() : null;
  return { paths, stdin: values.stdin, git, configFile: values.config, maxFileSize, gitignore: !values['no-git'], progress, baseline: values.baseline };
}

/** Scans, writes the report, and turns the result into the exit code: 0 clean, 1 findings, 2 incomplete. */
export async function runScan(options: ScanOptions, format: Format, values: CliValues): Promise<number> {
  return finish(await scan(options), format, values);
}

/** Writes the report (and the SARIF copy), prints notices and errors, and picks the exit code. */
export function finish(result: ScanResult, format: Format, values: CliValues): number {

  const report = renderReport(result.findings, result.stats, { ...reportOptions(values), format });
  writeOutput(report, values.output);
  if (values.sarif) writeOutput(renderReport(result.findings, result.stats, { ...reportOptions(values), format: 'sarif' }), values.sarif, '--sarif');
  for (const notice of result.notices) {
    if (format === 'github') process.stdout.write(`::warning title=leakguard::${escapeData(notice)}\n`);
    else process.stderr.write(`leakguard: note: ${notice}\n`);
  }
  for (const message of result.errors) process.stderr.write(`leakguard: ${message}\n`);
  if (result.errors.length > 0) {
    // said even when there are findings: the exit code is then 1, but the scan was not whole
    process.stderr.write(`leakguard: ${result.errors.length} path${result.errors.length === 1 ? '' : 's'} could not be read: the scan is incomplete\n`);
  }
  if (result.findings.length > 0) return 1;
  return result.errors.length > 0 ? 2 : 0;
}

function parseShard(value: string | undefined): { index: number; count: number } | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const [index, count] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
  if (!m || count < 1 || index < 1 || index > count) throw new LeakguardError(`--shard takes K/N with 1 <= K <= N, not "${value}"`);
  return { index, count };
}

function reportOptions(values: CliValues) {
  return {
    redact: !values['no-redact'],
    color: !values.output && process.stdout.isTTY === true && !('NO_COLOR' in process.env),
    quiet: values.quiet === true,
    verbose: values.verbose === true,
    version: packageVersion(),
  };
}

function gitSource(values: CliValues): GitSource | undefined {
  const chosen = (['stdin', 'staged', 'message', 'merge', 'history', 'range'] as const).filter((k) => values[k] !== undefined && values[k] !== false);
  if (chosen.length > 1) throw new LeakguardError(`choose one of ${chosen.map((k) => `--${k}`).join(', ')}`);
  const historyOnly = (['branch', 'since', 'max-count', 'shard'] as const).filter((k) => values[k] !== undefined);
  if (historyOnly.length > 0 && !values.history) throw new LeakguardError(`--${historyOnly[0]} goes with --history`);
  if (values.staged) return { kind: 'staged' };
  if (values.merge) return { kind: 'merge' };
  if (values.message !== undefined) return { kind: 'message', file: values.message };
  if (values.range !== undefined) return { kind: 'range', range: values.range };
  if (values.history) {
    const max = values['max-count'];
    if (max !== undefined && !/^\d+$/.test(max)) throw new LeakguardError(`--max-count takes a number, not "${max}"`);
    return { kind: 'history', branch: values.branch, since: values.since, maxCount: max === undefined ? undefined : Number(max), shard: parseShard(values.shard) };
  }
  return undefined;
}

export function parseFormat(value: string | undefined): Format {
  if (value === undefined) return 'text';
  if ((FORMATS as readonly string[]).includes(value)) return value as Format;
  throw new LeakguardError(`unknown --format "${value}" (expected ${FORMATS.join(', ')})`);
}
