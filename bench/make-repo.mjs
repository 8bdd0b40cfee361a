// Builds a benchmark repository with real git, deterministically (seeded), through git fast-import:
// COMMITS commits of code-like text with regular --no-ff merges, one evil merge, and a few planted
// (fake) secrets. Cached: the same parameters reuse the repository built before.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const WORDS = ['const', 'return', 'value', 'items', 'config', 'request', 'handler', 'result', 'index', 'buffer', 'count', 'string', 'await', 'export', 'function', 'import', 'length', 'error', 'options', 'status'];

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fake secrets, assembled so this file holds none whole. */
const PLANTED = {
  aws: ['AKIA', 'FAKEBENCHKEY2LQR'].join(''),
  github: ['ghp_', 'FAKEbench0TESTrepo3k9x7LEAKGUARDq2w5'].join(''),
  slack: ['xoxb-', '6048291753-6048291753184-', 'FAKEbenchTESTslackTokn'].join(''),
};

export function benchRepo({ commits = 10000, files = 200, linesPerFile = 120, seed = 7 } = {}, cacheDir) {
  const dir = join(cacheDir, `history-${commits}-${files}-${linesPerFile}-${seed}`);
  if (existsSync(`${dir}.complete`)) return Promise.resolve(dir);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  spawnSync('git', ['init', '-q', '-b', 'main', dir]);
  const random = prng(seed);
  const line = () => Array.from({ length: 6 + Math.floor(random() * 6) }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ') + ';';
  const tree = Array.from({ length: files }, () => Array.from({ length: linesPerFile }, line));
  const pathOf = (f) => `src/module${f % 20}/file${f}.ts`;

  const git = spawn('git', ['fast-import', '--quiet'], { cwd: dir, stdio: ['pipe', 'inherit', 'inherit'] });
  let out = [];
  let outBytes = 0;
  const write = (text) => {
    out.push(text);
    outBytes += text.length;
  };
  const flush = async () => {
    if (!git.stdin.write(out.join(''))) await new Promise((r) => git.stdin.once('drain', r));
    out = [];
    outBytes = 0;
  };
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  let mark = 0;
  let time = 1_600_000_000;

  const commit = (ref, message, changed, parents) => {
    mark++;
    time += 600;
    write(`commit ${ref}\nmark :${mark}\ncommitter Bench <bench@example.invalid> ${time} +0000\n${data(message)}`);
    if (parents[0]) write(`from :${parents[0]}\n`);
    for (const p of parents.slice(1)) write(`merge :${p}\n`);
    for (const f of changed) write(`M 100644 inline ${pathOf(f)}\n${data(tree[f].join('\n') + '\n')}`);
    write('\n');
    return mark;
  };
  const mutate = (f, n) => {
    for (let i = 0; i < n; i++) tree[f][Math.floor(random() * linesPerFile)] = line();
  };

  return (async () => {
    let tip = commit('refs/heads/main', 'initial import', tree.map((_, f) => f), []);
    for (let c = 1; c < commits; ) {
      if (c % 50 === 0 && c + 4 < commits) {
        // a --no-ff merge of a three-commit topic branch
        const fork = tip;
        let topic = fork;
        const touched = new Set();
        for (let k = 0; k < 3; k++) {
          const f = Math.floor(random() * files);
          mutate(f, 25);
          touched.add(f);
          topic = commit('refs/heads/topic', `topic change ${c + k}`, [f], [topic]);
        }
        let message = `Merge branch 'topic' (${c + 3})`;
        if (c === 5000) {
          // an evil merge: the secret exists only in the merge commit
          const f = Math.floor(random() * files);
          tree[f][3] = `const token = "${PLANTED.github}";`;
          touched.add(f);
          message += ' with a resolution';
        }
        tip = commit('refs/heads/main', message, [...touched], [fork, topic]);
        c += 4;
      } else {
        const f = Math.floor(random() * files);
        mutate(f, 25);
        if (c === 1234) tree[f][10] = `const awsKey = "${PLANTED.aws}";`;
        if (c === 1240) tree[f][10] = 'const awsKey = process.env.AWS_KEY;';
        const message = c === 8001 ? `tune retries (slack ${PLANTED.slack})` : `change ${c}`;
        tip = commit('refs/heads/main', message, [f], [tip]);
        c++;
      }
      if (outBytes > 1 << 20) await flush();
    }
    write(`reset refs/heads/topic\nfrom :${tip}\n\n`);
    await flush();
    git.stdin.end();
    await new Promise((resolve, reject) => git.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`fast-import exit ${code}`)))));
    spawnSync('git', ['checkout', '-q', 'main'], { cwd: dir });
    writeFileSync(`${dir}.complete`, '');
    return dir;
  })();
}
