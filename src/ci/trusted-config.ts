import { parseConfigText, SEARCH_PLACES, type LoadedConfig } from '../config/load-config.js';
import { validateConfig } from '../config/validate-config.js';
import { DEFAULT_BASELINE, parseBaseline, type BaselineEntry } from '../filters/baseline.js';
import type { Repository } from '../git/repository.js';

export interface TrustedSettings {
  loaded: LoadedConfig;
  baseline: { file: string; entries: BaselineEntry[] } | false;
  notices: string[];
}

const isJavaScript = (place: string) => /\.(?:c|m)?js$/.test(place);

/**
 * The configuration and baseline as the base commit has them, not as the pull request does: a
 * pull request must not be able to silence its own findings. JavaScript config is never run here.
 * Says so when the pull request changes either.
 */
export async function trustedSettings(repo: Repository, trusted: string | null, head: string, baselinePath = DEFAULT_BASELINE): Promise<TrustedSettings> {
  const notices: string[] = [];
  const from = trusted ?? head;
  const at = `${from.slice(0, 12)}`;
  if (!trusted) notices.push('no base commit to trust: the configuration and baseline come from the scanned commit itself');

  let loaded: LoadedConfig = { config: validateConfig({}, '(defaults)'), file: null, root: repo.cwd };
  for (const place of SEARCH_PLACES) {
    const bytes = await repo.fileAt(from, place);
    if (bytes === null) continue;
    if (isJavaScript(place)) {
      notices.push(`${place} in commit ${at} was not run: ci never executes JavaScript configuration (use .leakguardrc.json or YAML)`);
      continue;
    }
    const where = `${place} (commit ${at})`;
    const raw = await parseConfigText(bytes.toString('utf8'), place, where);
    if (place === 'package.json') {
      const section = (raw as { leakguard?: unknown } | null)?.leakguard;
      if (section === undefined) continue;
      loaded = { config: validateConfig(section, where), file: where, root: repo.cwd };
    } else {
      loaded = { config: validateConfig(raw, where), file: where, root: repo.cwd };
    }
    break;
  }

  const baselineBytes = await repo.fileAt(from, baselinePath);
  const baseline = baselineBytes === null ? false : { file: `${baselinePath} (commit ${at})`, entries: parseBaseline(baselineBytes.toString('utf8'), baselinePath) };

  if (trusted) {
    const changed = await repo.changedBetween(trusted, head, [...SEARCH_PLACES, baselinePath]);
    for (const path of changed) {
      if (path === 'package.json' && !(await packageSectionChanged(repo, trusted, head))) continue;
      notices.push(`this change modifies ${path}: the scan used the base commit's version (${at}); the change takes effect once merged`);
    }
  }
  return { loaded, baseline, notices };
}

async function packageSectionChanged(repo: Repository, a: string, b: string): Promise<boolean> {
  const section = async (commit: string) => {
    const bytes = await repo.fileAt(commit, 'package.json');
    try {
      return JSON.stringify((JSON.parse(bytes?.toString('utf8') ?? '{}') as { leakguard?: unknown }).leakguard ?? null);
    } catch {
      return 'unparseable';
    }
  };
  return (await section(a)) !== (await section(b));
}
