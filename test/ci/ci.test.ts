import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_KEY_ID, GITHUB_PAT, SLACK_BOT_TOKEN } from '../fixtures/secrets.js';
import { commitFiles, git, runCli, tempDir, tempRepo, writeFiles, type JsonReport } from '../helpers.js';

const ZERO = '0'.repeat(40);

/** A local bare "origin" whose main holds an old secret, and a clone with a pull request branch. */
function project() {
  const origin = tempDir();
  git(origin, 'init', '-q', '--bare', '-b', 'main');
  const dir = tempRepo();
  git(dir, 'remote', 'add', 'origin', origin);
  const old = commitFiles(dir, { 'legacy.txt': `k=${AWS_KEY_ID}\n` }, 'old secret on main');
  const base = commitFiles(dir, { 'README.md': '# app\n' }, 'main moves on');
  git(dir, 'push', '-q', 'origin', 'main');
  git(dir, 'checkout', '-q', '-b', 'feature');
  const pr1 = commitFiles(dir, { 'deploy.sh': `export GH=${GITHUB_PAT}\n` }, 'pr: deploy');
  const pr2 = commitFiles(dir, { 'notes.txt': 'clean\n' }, `pr: notes, token ${SLACK_BOT_TOKEN}`);
  git(dir, 'push', '-q', 'origin', 'feature');
  return { origin, dir, old, base, pr1, pr2 };
}

function githubEnv(dir: string, eventName: string, event: object): NodeJS.ProcessEnv {
  const path = join(dir, '..', `event-${eventName}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(event));
  return { ...process.env, GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: eventName, GITHUB_EVENT_PATH: path, GITLAB_CI: '', GITHUB_STEP_SUMMARY: '' };
}

function ci(dir: string, env: NodeJS.ProcessEnv, ...args: string[]) {
  const r = runCli(['ci', '--format', 'json', '--no-redact', ...args], { cwd: dir, env: { ...env, NO_COLOR: '1' } });
  let report: JsonReport | null = null;
  try {
    report = JSON.parse(r.stdout) as JsonReport;
  } catch {
    // null: the test looks at status and stderr
  }
  return { ...r, report };
}

const found = (report: JsonReport | null) => report!.findings.map((f) => [f.ruleId, f.file, f.commit]);
const commits = (report: JsonReport | null) => (report!.stats as { commits?: number }).commits;

describe('leakguard ci on GitHub Actions', () => {
  it('pull_request: scans exactly the pull request commits, messages included', () => {
    const p = project();
    const r = ci(p.dir, githubEnv(p.dir, 'pull_request', { pull_request: { base: { sha: p.base }, head: { sha: p.pr2 } } }));
    expect(r.status).toBe(1);
    expect(found(r.report)).toEqual([
      ['github-pat-classic', 'deploy.sh', p.pr1],
      ['slack-bot-token', null, p.pr2],
    ]);
    expect(commits(r.report)).toBe(2);
    expect(r.stderr).toContain(`pull request ${p.base.slice(0, 12)}..${p.pr2.slice(0, 12)}: 2 commits scanned`);
  });

  it('push to a new branch: scanned against what the default branch already has', () => {
    const p = project();
    const r = ci(p.dir, githubEnv(p.dir, 'push', { before: ZERO, after: p.pr2, repository: { default_branch: 'main' } }));
    expect(found(r.report).map((f) => f[2])).toEqual([p.pr1, p.pr2]);
    expect(commits(r.report)).toBe(2);
  });

  it('push to an existing branch, merge_group, and a deleted branch', () => {
    const p = project();
    const push = ci(p.dir, githubEnv(p.dir, 'push', { before: p.pr1, after: p.pr2 }));
    expect([found(push.report), commits(push.report)]).toEqual([[['slack-bot-token', null, p.pr2]], 1]);
    const group = ci(p.dir, githubEnv(p.dir, 'merge_group', { merge_group: { base_sha: p.old, head_sha: p.pr1 } }));
    expect([found(group.report), commits(group.report)]).toEqual([[['github-pat-classic', 'deploy.sh', p.pr1]], 2]);
    const deleted = ci(p.dir, githubEnv(p.dir, 'push', { before: p.pr2, after: ZERO }));
    expect(deleted.status).toBe(0);
    expect(deleted.stderr).toContain('deletes a branch');
  });

  it('writes annotations, a SARIF copy and the job summary table', () => {
    const p = project();
    const summary = join(p.dir, '..', 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    const sarif = join(p.dir, '..', 'out.sarif');
    const env = { ...githubEnv(p.dir, 'pull_request', { pull_request: { base: { sha: p.base }, head: { sha: p.pr2 } } }), GITHUB_STEP_SUMMARY: summary };
    const r = runCli(['ci', '--format', 'github', '--sarif', sarif], { cwd: p.dir, env });
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^::error file=deploy\.sh,line=1,col=11,/);
    expect(lines[1]).toMatch(/^::error line=1,col=\d+,/); // the commit message: no file
    expect(lines).toContain('::notice title=leakguard::2 secrets found: 2 high');
    const log = JSON.parse(readFileSync(sarif, 'utf8'));
    expect(log.runs[0].results).toHaveLength(2);
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# earlier step\n### leakguard: pull request')).toBe(true);
    expect(md).toContain('| high | github-pat-classic | `deploy.sh:1` |');
    expect(md).not.toContain(GITHUB_PAT);
  });
});

describe('leakguard ci on GitLab CI and anywhere', () => {
  const gitlab = (vars: Record<string, string>): NodeJS.ProcessEnv => ({ ...process.env, GITHUB_ACTIONS: '', GITLAB_CI: 'true', ...vars });

  it('merge request, push, and a new branch', () => {
    const p = project();
    const mr = ci(p.dir, gitlab({ CI_COMMIT_SHA: p.pr2, CI_MERGE_REQUEST_DIFF_BASE_SHA: p.base, CI_COMMIT_BEFORE_SHA: p.pr1 }));
    expect(commits(mr.report)).toBe(2);
    const push = ci(p.dir, gitlab({ CI_COMMIT_SHA: p.pr2, CI_COMMIT_BEFORE_SHA: p.pr1 }));
    expect(found(push.report)).toEqual([['slack-bot-token', null, p.pr2]]);
    const fresh = ci(p.dir, gitlab({ CI_COMMIT_SHA: p.pr2, CI_COMMIT_BEFORE_SHA: ZERO, CI_DEFAULT_BRANCH: 'main' }));
    expect(commits(fresh.report)).toBe(2);
  });

  it('--base and --head, and an error outside any CI', () => {
    const p = project();
    const env = { ...process.env, GITHUB_ACTIONS: '', GITLAB_CI: '' };
    expect(found(ci(p.dir, env, '--base', p.pr1, '--head', p.pr2).report)).toEqual([['slack-bot-token', null, p.pr2]]);
    const lost = ci(p.dir, env);
    expect(lost.status).toBe(2);
    expect(lost.stderr).toMatch(/pass --base REV --head REV/);
  });

  it('a range with a root commit (an orphan branch)', () => {
    const p = project();
    git(p.dir, 'checkout', '-q', '--orphan', 'docs');
    git(p.dir, 'rm', '-rfq', '.');
    const root = commitFiles(p.dir, { 'site.txt': `k=${GITHUB_PAT}\n` }, 'docs root');
    const env = { ...process.env, GITHUB_ACTIONS: '', GITLAB_CI: '' };
    const r = ci(p.dir, env, '--base', p.base, '--head', root);
    expect(found(r.report)).toEqual([['github-pat-classic', 'site.txt', root]]);
  });
});

describe('shallow clones', () => {
  it('fetches a base the remote can give, and scans', () => {
    const p = project();
    const clone = tempDir();
    git(clone, 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${p.origin}`, '.');
    const r = ci(clone, githubEnv(clone, 'pull_request', { pull_request: { base: { sha: p.base }, head: { sha: p.pr2 } } }));
    expect(r.stderr).not.toMatch(/shallow/);
    expect(found(r.report)).toEqual([
      ['github-pat-classic', 'deploy.sh', p.pr1],
      ['slack-bot-token', null, p.pr2],
    ]);
  });

  it('refuses, exit 2 with the fetch-depth hint, when the base cannot be reached', () => {
    const p = project();
    const clone = tempDir();
    git(clone, 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${p.origin}`, '.');
    git(clone, 'remote', 'remove', 'origin');
    const r = ci(clone, githubEnv(clone, 'pull_request', { pull_request: { base: { sha: p.base }, head: { sha: p.pr2 } } }));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/fetch-depth: 0/);
  });
});

describe('trust: the base commit decides', () => {
  it('a pull request that adds its own secret and an allowlist for it still fails, and is told so', () => {
    const p = project();
    git(p.dir, 'checkout', '-q', 'main');
    git(p.dir, 'checkout', '-q', '-b', 'sneaky');
    const head = commitFiles(p.dir, {
      'leak.txt': `t=${GITHUB_PAT}\n`,
      '.leakguardrc.json': JSON.stringify({ allow: { paths: ['leak.txt'] }, disable: ['github-pat-classic'] }),
      '.leakguard-baseline.json': '{"version":1,"entries":[]}\n',
    }, 'silence myself');
    const r = ci(p.dir, githubEnv(p.dir, 'pull_request', { pull_request: { base: { sha: p.base }, head: { sha: head } } }));
    expect(r.status).toBe(1);
    expect(found(r.report)).toEqual([['github-pat-classic', 'leak.txt', head]]);
    expect(r.stderr).toContain('this change modifies .leakguardrc.json');
    expect(r.stderr).toContain('this change modifies .leakguard-baseline.json');
  });

  it('the base commit\'s config applies; its JavaScript config is never run', () => {
    const p = project();
    git(p.dir, 'checkout', '-q', 'main');
    const yamlBase = commitFiles(p.dir, { '.leakguardrc.yaml': 'disable: [slack-bot-token]\n' }, 'config on main');
    git(p.dir, 'checkout', '-q', '-b', 'pr2');
    const head = commitFiles(p.dir, { 'x.txt': `token ${SLACK_BOT_TOKEN}\nk=${GITHUB_PAT}\n` }, 'pr');
    const yaml = ci(p.dir, githubEnv(p.dir, 'pull_request', { pull_request: { base: { sha: yamlBase }, head: { sha: head } } }));
    expect(found(yaml.report)).toEqual([['github-pat-classic', 'x.txt', head]]);

    git(p.dir, 'checkout', '-q', 'main');
    const marker = join(p.dir, '..', 'js-config-ran');
    git(p.dir, 'rm', '-q', '.leakguardrc.yaml');
    const jsBase = commitFiles(p.dir, {
      'leakguard.config.js': `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); module.exports = { disable: ['github-pat-classic'] };\n`,
    }, 'js config on main');
    git(p.dir, 'checkout', '-q', '-b', 'pr3');
    const head3 = commitFiles(p.dir, { 'y.txt': `k=${GITHUB_PAT}\n` }, 'pr3');
    const js = ci(p.dir, githubEnv(p.dir, 'pull_request', { pull_request: { base: { sha: jsBase }, head: { sha: head3 } } }));
    expect(found(js.report)).toEqual([['github-pat-classic', 'y.txt', head3]]);
    expect(existsSync(marker)).toBe(false);
    expect(js.stderr).toContain(`leakguard.config.js in commit ${jsBase.slice(0, 12)} was not run`);
  });

  it('reads the base commit\'s config as a local scan does: a BOM is read past, a YAML error is placed', () => {
    const p = project();
    git(p.dir, 'checkout', '-q', 'main');
    const bomBase = commitFiles(p.dir, { '.leakguardrc.json': '\ufeff{ "disable": ["slack-bot-token"] }\n' }, 'json config with a BOM');
    git(p.dir, 'checkout', '-q', '-b', 'pr4');
    const head = commitFiles(p.dir, { 'x.txt': `token ${SLACK_BOT_TOKEN}\nk=${GITHUB_PAT}\n` }, 'pr');
    const bom = ci(p.dir, githubEnv(p.dir, 'pull_request', { pull_request: { base: { sha: bomBase }, head: { sha: head } } }));
    expect(found(bom.report)).toEqual([['github-pat-classic', 'x.txt', head]]);

    git(p.dir, 'checkout', '-q', 'main');
    git(p.dir, 'rm', '-q', '.leakguardrc.json');
    const badBase = commitFiles(p.dir, { '.leakguardrc.yaml': 'disable:\n  - a\n - b\n' }, 'broken yaml config');
    git(p.dir, 'checkout', '-q', '-b', 'pr5');
    const head5 = commitFiles(p.dir, { 'y.txt': 'clean\n' }, 'pr5');
    const bad = ci(p.dir, githubEnv(p.dir, 'pull_request', { pull_request: { base: { sha: badBase }, head: { sha: head5 } } }));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(new RegExp(`cannot parse config \\.leakguardrc\\.yaml \\(commit ${badBase.slice(0, 12)}\\): invalid YAML at line 3, column 2`));
  });
});

describe('action.yml', () => {
  it('is a composite action that sets up node, installs leakguard, runs ci and uploads the SARIF', async () => {
    const { parse } = await import('yaml');
    const { REPO_ROOT } = await import('../helpers.js');
    const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8'));
    expect(action.runs.using).toBe('composite');
    const steps = action.runs.steps as Array<{ uses?: string; run?: string; shell?: string }>;
    expect(steps[0].uses).toMatch(/^actions\/setup-node@v\d+$/);
    expect(steps.some((s) => s.run?.includes('npm ci --prefix "$GITHUB_ACTION_PATH"'))).toBe(true);
    expect(steps.some((s) => s.run?.includes('dist/cli.cjs" ci --format github --sarif'))).toBe(true);
    expect(steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))).toBe(true);
    expect(steps.filter((s) => s.run).every((s) => s.shell === 'bash')).toBe(true);
  });
});
