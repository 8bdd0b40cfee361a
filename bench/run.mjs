// npm run bench: leakguard measured side by side with its floors and its peer, in one run.
// Repositories and corpora are built deterministically and cached in bench/.cache.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchRepo } from './make-repo.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const CACHE = join(ROOT, 'bench', '.cache');
const CLI = join(ROOT, 'dist', 'cli.cjs');
const NODE = process.execPath;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** Start-up figures are short and noisy: they get more runs. */
const SHORT_RUNS = RUNS * 4;
mkdirSync(CACHE, { recursive: true });

const hasTime = existsSync('/usr/bin/time');

/** One run: wall time (ms), and the peak RSS (KB) when GNU time is there. */
function runOnce(cmd, args, options) {
  const [file, argv] = hasTime ? ['/usr/bin/time', ['-f', '%M', cmd, ...args]] : [cmd, args];
  const started = process.hrtime.bigint();
  const r = spawnSync(file, argv, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26, ...options });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const rssKb = hasTime ? Number(String(r.stderr).trim().split('\n').pop()) : null;
  return { ms, rssKb, status: r.status };
}

/**
 * The best of RUNS runs of each command (and every run, in `runs`), run in turn (a, b, c, a, b,
 * c…) so that a slow spell of the machine falls on all of them alike and the ratios stay fair.
 */
function measureTogether(runs, ...commands) {
  const all = commands.map(() => []);
  for (let i = 0; i < runs; i++) {
    commands.forEach(([cmd, args, options = {}], k) => all[k].push(runOnce(cmd, args, options)));
  }
  return all.map((list) => ({ ...list.reduce((best, r) => (r.ms < best.ms ? r : best)), runs: list }));
}

/**
 * The median, over rounds, of a's time over b's in the same round. This machine's speed drifts
 * within a bench run, and a ratio of two bests can pair a fast moment with a slow one.
 */
function pairedRatio(a, b) {
  const ratios = a.runs.map((r, i) => r.ms / b.runs[i].ms).sort((x, y) => x - y);
  const mid = ratios.length >> 1;
  return ratios.length % 2 ? ratios[mid] : (ratios[mid - 1] + ratios[mid]) / 2;
}

/** Milliseconds until the first byte on stdout (best of SHORT_RUNS). */
async function firstByte(cmd, args, options = {}) {
  let best = Infinity;
  for (let i = 0; i < SHORT_RUNS; i++) {
    const started = process.hrtime.bigint();
    const ms = await new Promise((resolve) => {
      const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'], ...options });
      child.stdout.once('data', () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
      child.on('close', () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
    });
    best = Math.min(best, ms);
  }
  return best;
}

const fmt = (ms) => `${ms.toFixed(0)} ms`;
/** a's best over b's, then the median of the rounds' ratios. */
const ratio = (a, b, what) => `${(a.ms / b.ms).toFixed(2)}× ${what} (median of rounds ${pairedRatio(a, b).toFixed(2)}×)`;
const rows = [];
const row = (what, value, comparison = '') => rows.push([what, value, comparison]);

// --- history -------------------------------------------------------------------------------
process.stderr.write('bench: building the history repository (cached)…\n');
const repo = await benchRepo({ commits: 10000 }, CACHE);
const patchBytes = Number(execFileSync('sh', ['-c', 'git log -p --all | wc -c'], { cwd: repo }).toString().trim());
const commitCount = execFileSync('git', ['rev-list', '--all', '--count'], { cwd: repo }).toString().trim();
const [gitLog, history] = measureTogether(RUNS, ['git', ['log', '-p', '--all'], { cwd: repo }], [NODE, [CLI, 'scan', '--history', '--quiet'], { cwd: repo }]);
row(`history: ${commitCount} commits, ${(patchBytes / 1e6).toFixed(1)} MB of patches (best of ${RUNS}, interleaved)`, '', '');
row('  git log -p --all (the floor)', fmt(gitLog.ms), '');
row('  leakguard scan --history', fmt(history.ms), ratio(history, gitLog, 'git log -p'));
row('  throughput', `${(patchBytes / 1e6 / (history.ms / 1000)).toFixed(1)} MB/s`, '');
row('  peak RSS', history.rssKb ? `${(history.rssKb / 1024).toFixed(0)} MB` : 'n/a (no /usr/bin/time)', '');

// --- staged (pre-commit) ---------------------------------------------------------------------
const staged = join(CACHE, 'staged');
rmSync(staged, { recursive: true, force: true });
mkdirSync(staged);
const git = (...args) => execFileSync('git', args, { cwd: staged, stdio: 'pipe' });
git('init', '-q', '-b', 'main');
git('config', 'user.email', 'bench@example.invalid');
git('config', 'user.name', 'bench');
writeFileSync(join(staged, 'README.md'), '# bench\n');
git('add', '.');
git('commit', '-q', '-m', 'init');
for (let f = 0; f < 5; f++) {
  const lines = Array.from({ length: 200 }, (_, i) => `export const value${f}_${i} = compute(${(i * 7919 + f) % 1000}, "item-${i}");`);
  writeFileSync(join(staged, `module${f}.ts`), `${lines.join('\n')}\n`);
}
git('add', '.');
const gitSecrets = ensureGitSecrets();
if (gitSecrets) {
  git('secrets', '--install', '-f');
  git('secrets', '--register-aws');
}
const [nodeFloor, stagedScan, peer] = measureTogether(
  SHORT_RUNS,
  [NODE, ['-e', '0']],
  [NODE, [CLI, 'scan', '--staged', '--quiet'], { cwd: staged }],
  ...(gitSecrets ? [['sh', ['.git/hooks/pre-commit'], { cwd: staged }]] : []),
);
row(`pre-commit: 5 files, 1,000 staged lines (best of ${SHORT_RUNS}, interleaved)`, '', '');
row('  node -e 0 (the start-up floor)', fmt(nodeFloor.ms), '');
row('  leakguard scan --staged', fmt(stagedScan.ms), ratio(stagedScan, nodeFloor, 'node -e 0'));
if (peer) {
  row('  git-secrets pre-commit hook', fmt(peer.ms), `leakguard is ${ratio(stagedScan, peer, 'git-secrets')}`);
} else {
  row('  git-secrets pre-commit hook', 'n/a', 'git-secrets not installed (apt-get install -y git-secrets)');
}

// --- engine throughput ---------------------------------------------------------------------
const corpus = sourceCorpus(100 * 1024 * 1024);
const { Engine } = await import(join(ROOT, 'dist/engine/engine.js'));
const { loadCatalog } = await import(join(ROOT, 'dist/engine/catalog.js'));
const engine = new Engine(loadCatalog());
const CHUNK = 256 * 1024;
const cpuBefore = process.cpuUsage();
let found = 0;
for (let at = 0; at < corpus.length; at += CHUNK) {
  found += engine.scan({ kind: 'file', path: `corpus/${at / CHUNK}.js`, content: corpus.subarray(at, at + CHUNK) }).length;
}
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
row(`engine: ${(corpus.length / 1e6).toFixed(0)} MB of source text (${found} matches)`, `${(corpus.length / 1e6 / cpuSeconds).toFixed(1)} MB/s per core`, '');

// --- start-up ------------------------------------------------------------------------------
const small = join(CACHE, 'small.txt');
writeFileSync(small, 'const greeting = "hello";\n');
row('start-up: first byte of leakguard --version', fmt(await firstByte(NODE, [CLI, '--version'])), `node -e 0: ${fmt(nodeFloor.ms)}`);
row('start-up: first byte of a one-file scan', fmt(await firstByte(NODE, [CLI, 'scan', small])), '');

// --- report --------------------------------------------------------------------------------
const width = Math.max(...rows.map((r) => r[0].length));
const valueWidth = Math.max(...rows.map((r) => r[1].length));
console.log(`leakguard bench · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · ${(totalmem() / 2 ** 30).toFixed(0)} GiB · node ${process.version} · best of ${RUNS}`);
for (const [what, value, comparison] of rows) console.log(`${what.padEnd(width)}  ${value.padStart(valueWidth)}  ${comparison}`);

function ensureGitSecrets() {
  const installed = () => spawnSync('sh', ['-c', 'command -v git-secrets']).status === 0;
  if (installed()) return true;
  if (process.getuid?.() !== 0) return false;
  process.stderr.write('bench: installing git-secrets (apt-get)…\n');
  spawnSync('apt-get', ['install', '-y', '-q', 'git-secrets'], { stdio: 'ignore' });
  return installed();
}

/** Source text from node_modules (sorted, so the same every run), repeated up to `size` bytes. */
function sourceCorpus(size) {
  const file = join(CACHE, `corpus-${size}.txt`);
  if (existsSync(file) && statSync(file).size === size) return readFileSync(file);
  const parts = [];
  let total = 0;
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      if (total >= size) return;
      const path = join(dir, name);
      const stat = statSync(path, { throwIfNoEntry: false });
      if (!stat) continue;
      if (stat.isDirectory()) walk(path);
      else if (/\.(?:js|ts|mjs|cjs|json|md)$/.test(name) && stat.size < 2 << 20) {
        const bytes = readFileSync(path);
        parts.push(bytes);
        total += bytes.length;
      }
    }
  };
  walk(join(ROOT, 'node_modules'));
  let corpus = Buffer.concat(parts);
  while (corpus.length < size) corpus = Buffer.concat([corpus, corpus]);
  corpus = corpus.subarray(0, size);
  writeFileSync(file, corpus);
  return corpus;
}
