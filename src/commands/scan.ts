import type { CliValues } from '../cli.js';
import { LeakguardError } from '../errors.js';
import { writeOutput } from '../output.js';
import { FORMATS, renderReport, type Format } from '../report/index.js';
import { scan } from '../scan.js';
import { packageVersion } from '../version.js';
import { parseSize } from '../config/validate-config.js';

/** leakguard scan [PATH...] | --stdin: choose the source, scan, report, exit 0/1/2. */
export async function scanCommand(paths: string[], values: CliValues): Promise<number> {
  const format = parseFormat(values.format);
  if (values.stdin && paths.length > 0) throw new LeakguardError('scan --stdin takes no paths');
  if (values.redact && values['no-redact']) throw new LeakguardError('--redact and --no-redact contradict each other');
  const maxFileSize = values['max-file-size'] === undefined ? undefined : parseSize(values['max-file-size'], 'command line', '--max-file-size');

  const result = await scan({ paths, stdin: values.stdin, configFile: values.config, maxFileSize, gitignore: !values['no-git'] });

  const report = renderReport(result.findings, result.stats, {
    format,
    redact: !values['no-redact'],
    color: !values.output && process.stdout.isTTY === true && !('NO_COLOR' in process.env),
    quiet: values.quiet === true,
    verbose: values.verbose === true,
    version: packageVersion(),
  });
  writeOutput(report, values.output);
  for (const message of result.errors) process.stderr.write(`leakguard: ${message}\n`);
  if (result.findings.length > 0) return 1;
  if (result.errors.length > 0) {
    process.stderr.write(`leakguard: ${result.errors.length} path${result.errors.length === 1 ? '' : 's'} could not be read: the scan is incomplete\n`);
    return 2;
  }
  return 0;
}

function parseFormat(value: string | undefined): Format {
  if (value === undefined) return 'text';
  if ((FORMATS as readonly string[]).includes(value)) return value as Format;
  throw new LeakguardError(`unknown --format "${value}" (expected ${FORMATS.join(', ')})`);
}
