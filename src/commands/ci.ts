import { appendFileSync } from 'node:fs';
import type { CliValues } from '../cli.js';
import { detectRange } from '../ci/detect-range.js';
import { resolveRange } from '../ci/resolve-range.js';
import { trustedSettings } from '../ci/trusted-config.js';
import { LeakguardError } from '../errors.js';
import { Repository } from '../git/repository.js';
import { markdownReport } from '../report/markdown.js';
import { presentable } from '../report/redact.js';
import { scan, type GitSource } from '../scan.js';
import { finish, parseFormat } from './scan.js';

/**
 * leakguard ci: find the pull request (or push) range in the CI environment, read the config and
 * baseline from the base commit, scan the range, and report for CI (annotations, SARIF, job summary).
 */
export async function ciCommand(args: string[], values: CliValues): Promise<number> {
  if (args.length > 0) throw new LeakguardError(`ci takes no paths ("${args[0]}")`);
  if (values.config) throw new LeakguardError('ci reads its configuration from the base commit, so that a change cannot silence itself: --config is not taken');
  const format = parseFormat(values.format);
  const range = detectRange(process.env, { base: values.base, head: values.head });
  if (!range) {
    process.stderr.write('leakguard: ci: the push deletes a branch, so there is nothing to scan\n');
    return 0;
  }
  const repo = await Repository.open(process.cwd());
  if (!(await repo.hasCommits())) throw new LeakguardError(`ci: the repository at ${repo.cwd} has no commits: was it checked out?`);
  const resolved = await resolveRange(repo, range);
  const trusted = await trustedSettings(repo, resolved.trusted, resolved.head, values.baseline);
  const git: GitSource = resolved.exclude.length > 0 ? { kind: 'range', range: `${resolved.exclude[0]}..${resolved.head}` } : { kind: 'history', branch: resolved.head };

  const result = await scan({ git, loaded: trusted.loaded, baseline: trusted.baseline });
  process.stderr.write(`leakguard: ci: ${range.description}: ${result.stats.commits ?? 0} commits scanned\n`);
  result.notices.unshift(...trusted.notices);

  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  if (summaryFile) {
    const shown = presentable(result.findings, !values['no-redact']);
    appendFileSync(summaryFile, markdownReport(shown, result.stats, range.description));
  }
  return finish(result, format, values);
}
